/**
 * The code lists of the DfE SEN2 person-level return (collection years 2025 and 2026), as
 * ../shared/sen2.md §1.3 sets them out. DfE's own 2025/2026 specification could not be read
 * (sen2.md §0): the codes come from the unofficial 2024 XSD [S9], MastodonC witan.sen2, which
 * cites the 2025 guide v1.4 [S1–S3], and vendor pages [S13–S21]. Where those sources disagree the
 * choice made is listed in SEN2_SOURCE_CHOICES (./source-choices.ts). The tags [Sn] are sen2.md §6.
 *
 * Each list is an `as const` array (the order is the order the sources give), a type of its
 * members, and short labels for pages and reports. Labels are ours, shortened from the DfE
 * wording that sen2.md quotes; they are not part of the return.
 */
import { CEASE_REASONS, type CeaseReason } from '../ehc-plan/types.js';

export { CEASE_REASONS, type CeaseReason };

/** Labels for every code of a list. */
export type CodeLabels<C extends string | number> = Readonly<Record<C, string>>;

/** Whether `value` is one of `codes`, narrowing it to the list's type. */
export function isCode<C extends string | number>(codes: readonly C[], value: unknown): value is C {
  return (codes as readonly unknown[]).includes(value);
}

/** Header/CollectionDetails/Collection and Header/Source/SourceLevel [S9][S10]. */
export const SEN2_COLLECTION = 'SEN2';
export const SEN2_SOURCE_LEVEL = 'L';

/**
 * Header DMO, DCO and (2025+) DSCO: whether the area has a Designated Medical, Clinical and
 * Social Care Officer. Y/N/R is in the 2024 XSD for DMO and DCO [S9]; R = "Recruiting" is read
 * from EES's published Yes / No / Recruiting [S8], and DSCO is assumed to take the same codes
 * (inferred, sen2.md §1.3).
 */
export const DESIGNATED_OFFICER_CODES = ['Y', 'N', 'R'] as const;
export type DesignatedOfficerCode = (typeof DESIGNATED_OFFICER_CODES)[number];
export const DESIGNATED_OFFICER_LABELS: CodeLabels<DesignatedOfficerCode> = { Y: 'Yes', N: 'No', R: 'Recruiting' };

/** Person/Sex, from the 2024 return on (item 1.4 became Sex {M, F} [S3]); the XSD's extra U is not taken (choices). */
export const SEX_CODES = ['M', 'F'] as const;
export type Sex = (typeof SEX_CODES)[number];
export const SEX_LABELS: CodeLabels<Sex> = { M: 'Male', F: 'Female' };

/**
 * Person/GenderCurrent, the 2023 return only [S3]; kept to read old returns. The labels are the
 * usual ISO/IEC 5218 meanings of 0, 1, 2, 9: sen2.md gives the codes alone (inferred).
 */
export const GENDER_CURRENT_2023_CODES = ['0', '1', '2', '9'] as const;
export type GenderCurrent2023 = (typeof GENDER_CURRENT_2023_CODES)[number];
export const GENDER_CURRENT_2023_LABELS: CodeLabels<GenderCurrent2023> = { '0': 'Not known', '1': 'Male', '2': 'Female', '9': 'Not specified' };

/**
 * Person/Ethnicity, the 20 main codes of the 2024 XSD [S9]. sen2.md lists the codes only; the
 * labels follow the DfE common basic data set's (school census) wording as we know it, not as
 * read from a source here: check them against the CBDS (choices).
 */
export const ETHNICITY_CODES = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM',
  'MWBC', 'MWBA', 'MWAS', 'MOTH',
  'AIND', 'APKN', 'ABAN', 'AOTH',
  'BCRB', 'BAFR', 'BOTH',
  'CHNE', 'OOTH', 'REFU', 'NOBT',
] as const;
export type Ethnicity = (typeof ETHNICITY_CODES)[number];
export const ETHNICITY_LABELS: CodeLabels<Ethnicity> = {
  WBRI: 'White – British',
  WIRI: 'White – Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy / Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black – African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

/**
 * Person/UPNunknown, "UPN and ULN unavailable – reason" [S1]: UN1 to UN10 [S9]. What each code
 * means was not found in any source (sen2.md §1.3), so the labels say only that; a caseworker
 * cannot choose well from them until the DfE guide is read.
 */
export const UPN_UNKNOWN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7', 'UN8', 'UN9', 'UN10'] as const;
export type UpnUnknownReason = (typeof UPN_UNKNOWN_CODES)[number];
export const UPN_UNKNOWN_LABELS: CodeLabels<UpnUnknownReason> = Object.fromEntries(
  UPN_UNKNOWN_CODES.map((code) => [code, `No UPN or ULN: reason ${code} (meaning not yet confirmed from the DfE guide)`]),
) as Record<UpnUnknownReason, string>;

/**
 * Requests/RequestSource, "Source of request for an EHC needs assessment" (item 2.2), new in
 * 2025 [S3] and mandatory in 2026 [S13]. Many 5s prompt a DfE query [S13].
 */
export const REQUEST_SOURCES = [1, 2, 3, 4, 5] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];
export const REQUEST_SOURCE_LABELS: CodeLabels<RequestSource> = {
  1: 'Young person or parent',
  2: 'School or other education setting',
  3: 'Health care professional',
  4: 'Social care professional',
  5: 'Other',
};

/**
 * Requests/RequestOutcome and Assessment/AssessmentOutcome share the codes Y, N, A, W, H [S9];
 * their meanings differ by stage. The older Capita One code S ("plan issued after assessment was
 * completed by another LA" [S21]) is not taken (choices).
 */
export const OUTCOME_CODES = ['Y', 'N', 'A', 'W', 'H'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];
export type RequestOutcome = OutcomeCode;
export type AssessmentOutcome = OutcomeCode;

export const REQUEST_OUTCOME_LABELS: CodeLabels<RequestOutcome> = {
  Y: 'Decided to assess',
  N: 'Decided not to assess',
  A: 'Decision not yet made',
  W: 'Withdrawn or ceased before the decision to assess',
  H: 'Historical: decided to issue before the collection period',
};

export const ASSESSMENT_OUTCOME_LABELS: CodeLabels<AssessmentOutcome> = {
  Y: 'Decided to issue a plan',
  N: 'Decided not to issue a plan',
  A: 'Decision not yet made',
  W: 'Withdrawn or ceased before the decision to issue',
  H: 'Historical: decided before the collection period, or plan transferred in from another LA',
};

/** Booleans are written 0/1, as the mock-up does and as One words Week20 ("1 – Yes, exceptions apply") [S10][S15]. */
export const SEN2_BOOLEAN_CODES = ['1', '0'] as const;
export type Sen2Boolean = (typeof SEN2_BOOLEAN_CODES)[number];
export const WEEK20_LABELS: CodeLabels<Sen2Boolean> = { '1': 'Yes, 20-week exceptions apply', '0': 'No, exceptions do not apply' };

/** How a boolean item is written in the return. */
export function sen2Boolean(value: boolean): Sen2Boolean {
  return value ? '1' : '0';
}

/**
 * NamedPlan/PlanRes and PlacementDetail/Res, residential settings. CBDS RFC 1299 redefined A and
 * B [S14]; the 2026 return uses the new meanings (choices). The 2024 meanings [S9] are kept to
 * read older returns.
 */
export const RESIDENTIAL_CODES = ['A', 'B'] as const;
export type ResidentialCode = (typeof RESIDENTIAL_CODES)[number];
export const RESIDENTIAL_LABELS: CodeLabels<ResidentialCode> = { A: 'Residential up to 38 weeks', B: 'Residential 39 to 52 weeks' };
export const RESIDENTIAL_LABELS_2024: CodeLabels<ResidentialCode> = { A: 'Residential 38 to 51 weeks', B: 'Residential 52 weeks' };

/** NamedPlan/PlanWBP and PlacementDetail/WBP, work-based learning [S9]. */
export const WORK_BASED_LEARNING_CODES = ['A', 'T', 'S'] as const;
export type WorkBasedLearning = (typeof WORK_BASED_LEARNING_CODES)[number];
export const WORK_BASED_LEARNING_LABELS: CodeLabels<WorkBasedLearning> = { A: 'Apprenticeship', T: 'Traineeship', S: 'Supported internship' };

/** NamedPlan/DP, "Personal budget – direct payments": which part of the plan they pay for [S9]. */
export const DIRECT_PAYMENT_CODES = ['E', 'S', 'H', 'I'] as const;
export type DirectPayment = (typeof DIRECT_PAYMENT_CODES)[number];
export const DIRECT_PAYMENT_LABELS: CodeLabels<DirectPayment> = { E: 'Education only', S: 'Social care only', H: 'Health only', I: 'Integrated (a combination)' };

/**
 * NamedPlan/CeaseReason, item 4.6 in 2025 [S2], the same codes in 2024 [S9]. The list itself is
 * the plan workflow's (../ehc-plan/types.ts), which records why a plan ceased; 9 prompts a COLLECT query.
 */
export const CEASE_REASON_LABELS: CodeLabels<CeaseReason> = {
  1: 'Reached maximum age',
  2: 'Needs met without an EHC plan',
  3: 'Moved on to higher education',
  4: 'Moved on to paid employment (not an apprenticeship)',
  5: 'Transferred to another LA in England',
  6: 'Young person no longer wishes to engage in education or training',
  7: 'Moved outside England',
  8: 'Deceased',
  9: 'Other',
};

/**
 * PlanDetail and PlacementDetail SENsetting, "SEN setting – Establishment type" (items 4.7c and
 * 5.7c in 2025 [S2]), sent when no URN or UKPRN names the setting. OTH and NIEO prompt a COLLECT
 * query [S2].
 */
export const SEN_SETTING_CODES = ['OLA', 'OPA', 'EHE', 'EYP', 'OTH', 'NEET', 'NIEC', 'NIEO'] as const;
export type SenSetting = (typeof SEN_SETTING_CODES)[number];
export const SEN_SETTING_LABELS: CodeLabels<SenSetting> = {
  OLA: 'Other LA arrangements (s.61, education otherwise than at school)',
  OPA: 'Other arrangements by parents or the person (s.42(5)), not elective home education',
  EHE: 'Elective home education',
  EYP: 'Early years provider with no GIAS URN',
  OTH: 'Other: a type of setting, no specific setting named',
  NEET: 'Not in education, employment or training (16–25)',
  NIEC: 'Not in education or training: notice to cease issued',
  NIEO: 'Not in education or training: other',
};

/** The settings that SENsettingOther may describe, and only they (sen2.md §2.3 check 15, inferred). */
export const SEN_SETTINGS_TAKING_OTHER_TEXT: readonly SenSetting[] = ['OTH', 'NIEO'];

/** ActivePlans/SENneed/SENtype, EHCP need (item 5.8a in 2025 [S2]); DS is new in 2025 [S3] and not valid in a 2024 return. */
export const SEN_TYPE_CODES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH'] as const;
export type SenType = (typeof SEN_TYPE_CODES)[number];
export const SEN_TYPE_LABELS: CodeLabels<SenType> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Visual impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  DS: 'Down syndrome',
  OTH: 'Other difficulty or disability',
};

/** The SEN2 collection year from which each SENtype may be returned. */
export function senTypeAllowedIn(code: SenType, collectionYear: number): boolean {
  return code !== 'DS' || collectionYear >= 2025;
}

/** ActivePlans/ReviewOutcome, the annual review decision (2024+); blank with no ReviewMeeting [S9][S17]. */
export const REVIEW_OUTCOME_CODES = ['A', 'C', 'M'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOME_CODES)[number];
export const REVIEW_OUTCOME_LABELS: CodeLabels<ReviewOutcome> = { A: 'Amend the plan', C: 'Cease the plan', M: 'Maintain the plan' };

/** PlacementRank and SENtypeRank: 1 is the main placement or the primary need [S9]. */
export const RANKS = [1, 2] as const;
export type Rank = (typeof RANKS)[number];
export const RANK_LABELS: CodeLabels<Rank> = { 1: 'Main', 2: 'Secondary' };
