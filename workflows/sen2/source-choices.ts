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
];
