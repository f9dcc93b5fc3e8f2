/**
 * Where the sources of ../shared/sen2.md disagree, or say nothing, and this module had to
 * choose: each choice, and why, so that the README can name them and they can be undone when
 * DfE's 2026 technical specification and validation rules are read (sen2.md §0, §5 step 4).
 */

export interface SourceChoice {
  /** The SEN2 item or rule the choice is about. */
  item: string;
  choice: string;
  why: string;
}

export const SEN2_SOURCE_CHOICES: readonly SourceChoice[] = [
  {
    item: 'Sex',
    choice: 'M and F only; the XSD\'s U (unknown) is refused.',
    why: 'witan.sen2, following the DfE guide, records the 2024 change of item 1.4 to Sex {M, F}; U appears only in the unofficial liia XSD (sen2.md §1.3 conflict).',
  },
  {
    item: 'AssessmentOutcome',
    choice: 'Y, N, A, W, H; Capita One\'s S is refused.',
    why: 'S is in a 3.76-era One release only and not in the 2024 XSD; H now covers a plan transferred in from another LA (sen2.md §1.3 conflict).',
  },
  {
    item: 'PlanRes / Res',
    choice: 'The CBDS RFC 1299 meanings: A up to 38 weeks, B 39 to 52 weeks (RESIDENTIAL_LABELS); the 2024 meanings are kept as RESIDENTIAL_LABELS_2024 for old returns.',
    why: 'Synergy requires the new values before the 2026 report; EES 2025 still uses the old labels, so which year first used them is unconfirmed (sen2.md §1.3).',
  },
  {
    item: 'SENtype',
    choice: 'DS (Down syndrome) is in the list, allowed from the 2025 collection (senTypeAllowedIn).',
    why: 'witan.sen2 adds DS from the 2025 guide; the 2024 XSD lacks it (sen2.md §1.3).',
  },
  {
    item: 'CeaseReason 9',
    choice: 'Labelled "Other".',
    why: 'The DfE guide as witan quotes it says "Other"; the EES 2025 labels for 9 look swapped (sen2.md §4.6 conflict).',
  },
  {
    item: 'DMO / DCO / DSCO',
    choice: 'Y, N, R (Recruiting) for all three.',
    why: 'Y/N/R is in the 2024 XSD for DMO and DCO; R as Recruiting and DSCO\'s codes are inferred from EES\'s published Yes / No / Recruiting (sen2.md §1.3).',
  },
  {
    item: 'Booleans (Week20, PB, OA, indicators, mediation and tribunal flags)',
    choice: 'Written 0 and 1.',
    why: 'The XSD accepts true/false/0/1; the mock-up and One\'s Week20 wording use 0/1 (sen2.md §1.1).',
  },
  {
    item: 'Ethnicity labels; UPNunknown labels',
    choice: 'Ethnicity labels in the DfE common basic data set\'s wording as we know it (unchecked); UPNunknown labels say only that the meaning is unconfirmed.',
    why: 'sen2.md lists the codes alone, and found no meanings for UN1 to UN10 (sen2.md §1.3).',
  },
  {
    item: 'UPN check letter',
    choice: 'The school census algorithm (positions 2–13 weighted 2–13, a final letter counted by its place in ABCDEFGHJKLMNPQRTUVWXYZ, sum mod 23); capitals only.',
    why: 'No SEN2 rule text was found; the school census rules 1500/1510 are the analogue sen2.md §2.2 points to. The XSD allows lower case, but the check table is capitals. The published worked example (B207000016049) sums to 266, giving P, not 267 and Q.',
  },
  {
    item: 'ULN check digit',
    choice: 'The ILR rule: 10 minus (digits 1–9 weighted 10–2, mod 11); a remainder of 0 has no check digit. A leading 0 and the placeholder 9999999999 are refused.',
    why: 'sen2.md gives only \\d{10}; the ESFA ILR validation service (DerivedData_01, rule ULN_04) is the issuing side\'s check. In SEN2 a missing ULN is left out, not written as the placeholder.',
  },
  {
    item: 'UKPRN',
    choice: '8 digits beginning with 1.',
    why: 'The XSD asks only for \\d{8}; UKRLP-allocated UKPRNs begin with 1 (taken as known, not confirmed from a source read here), so another is taken as mistyped.',
  },
  {
    item: 'PostCode',
    choice: 'UK format in capitals with one space; P allowed as the letter after a one-letter area\'s digit; GIR 0AA, overseas and BFPO forms refused.',
    why: 'sen2.md gives PostCode as a string; published postcode patterns differ on P, and refusing a real address is worse than passing a mistyped one.',
  },
  {
    item: 'UPNunknown',
    choice: 'Required exactly when UPN and ULN are both missing, and refused when either is given.',
    why: 'sen2.md §2.3 check 16 (inferred) requires one of the three; the item means "UPN and ULN unavailable – reason", so with a UPN or ULN there is nothing to explain.',
  },
  {
    item: 'Element names',
    choice: 'SENsetting / SENsettingOther, PostCode, PlanWBP / WBP, Res / PlanRes, Assessment.',
    why: 'sen2.md §1.4: witan quotes the DfE item tag SENsetting (medium confidence; the liia XSD has SENSetting); the schema-based sources agree on the others.',
  },
  {
    item: 'Which records a return carries',
    choice: 'Requests received in the calendar year before the census, and earlier ones still open on 1 January of it or closed in it; plans started by the census date and active on it, or ended after the previous census date ("recently ceased"); a request received between 1 January and the census is left for next year\'s return.',
    why: 'sen2.md §0 gives the scope from the 2023 specification\'s contents (active plans, recently ceased plans, the year\'s work, ongoing work) and witan\'s census-to-census window; neither says where "recently" starts.',
  },
  {
    item: 'RequestOutcomeDate, AssessmentOutcomeDate, LastReview',
    choice: 'The day the family was told (the notice\'s served date, or the step\'s own date when no notice is recorded); a step told after the census date has not happened yet for the return (outcome A, no date).',
    why: 'Domain 7.4 maps the outcome dates to the dates notified, and One\'s LastReview is the date the authority wrote to the family; sen2.md §2.3 check 1 keeps every date on or before the reference date.',
  },
  {
    item: 'AssessmentOutcome Y',
    choice: 'The decision to issue a plan, dated when told; the NamedPlan follows once the final plan is issued (StartDate), so a plan decided on but not yet issued has Y without a NamedPlan.',
    why: 'Domain 7.4 maps AssessmentOutcome to DECISION_TO_ISSUE; sen2.md §2.3 check 8 flags StartDate ≠ AssessmentOutcomeDate only "for review", since the official definition is unknown.',
  },
  {
    item: 'Historical plans (H)',
    choice: 'A plan whose request is not in the return (made before the period, transferred in, or entered without its assessment) gets RequestOutcome H and AssessmentOutcome H with no request or outcome dates.',
    why: 'sen2.md §1.4: which dates DfE expects on H records is not known; the XSD makes them optional.',
  },
  {
    item: 'PlanDetail',
    choice: 'The first setting of each rank recorded for the plan (by entry date), as the setting the plan named.',
    why: 'The engine records the settings attended (placements); the setting named when the plan was made is the first of them. The free-text named setting cannot be returned.',
  },
  {
    item: 'PlacementDetail',
    choice: 'The settings attended on the census date and those left during the collection year, any number ("1+").',
    why: 'witan.sen2 gives "1+" from the 2023 guide; the unofficial XSD says 1..2 (sen2.md §2.1 conflict).',
  },
  {
    item: 'ReviewMeeting, ReviewOutcome, ReviewDraft',
    choice: 'The latest meeting held on or before the census date; its decision and LastReview only once notified by then; ReviewDraft the notice with the proposed amendments that the decision to amend sent.',
    why: 'One reports the most recent meeting and decision on or before the census date, and the outcome blank when decided after it (sen2.md §2.2).',
  },
  {
    item: 'PhaseTransferDueDate / PhaseTransferFinalDate',
    choice: 'The phase transfer due from 1 January of the collection year to 31 March after the census; the due date is the engine\'s last day for the amended plan (14 February or 30 March: reg 18 says "before"), the final date the day it was issued, if by the census.',
    why: 'sen2.md §4.5 counts the year of each date; its example writes 15 February, the statutory "by" date, which the engine reads as the first day late.',
  },
  {
    item: 'CeaseDate / CeaseReason',
    choice: 'The day the plan ceased (CEASED) with the reason of the decision to cease in force; a plan transferred out ceases that day with reason 5.',
    why: 'Domain 7.4: the cease event after the appeal window; CeaseReason 5 is "Transferred to another LA in England".',
  },
  {
    item: 'RYA, Exported, TransferLA',
    choice: 'RYA and Exported are left out (the engine does not record relevant youth accommodation or a move before assessment); TransferLA is written only when the plan transferred in during the collection year from an authority given as its 3-digit LA number, and the validation asks for the number otherwise.',
    why: 'All three are optional in the XSD; writing 0 for what is not known would be a false answer.',
  },
  {
    item: 'SerialNo and the flag of a return with errors',
    choice: 'SerialNo counts the returns produced for the year (001, 002, …); a return with errors is produced all the same, flagged by a comment at its top, its file name and the X-SEN2-Errors header.',
    why: 'sen2.md gives SerialNo as digits, at least 3; an XML comment is passed by any XML reader, so the flag cannot change what COLLECT reads.',
  },
];
