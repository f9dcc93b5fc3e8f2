import {
  DIRECT_PAYMENT_CODES,
  isCode,
  RESIDENTIAL_CODES,
  SEN_SETTING_CODES,
  SEN_SETTINGS_TAKING_OTHER_TEXT,
  SEN_TYPE_CODES,
  ukprnReason,
  urnReason,
  WORK_BASED_LEARNING_CODES,
  type PlacementRecord,
  type PlanSen2DetailRecord,
  type SenSetting,
} from '../../workflows/sen2/index.js';
import type { IsoDate } from '../../workflows/ehc-plan/index.js';

/** The plan's SEN2 items of NamedPlan and SENneed (sen2.md §1.1): null when not (yet) known. */
export type PlanSen2Items = PlanSen2DetailRecord;

export const PLAN_SEN2_FIELDS = ['planRes', 'planWbp', 'personalBudget', 'organisedArrangements', 'directPayments', 'primaryNeed', 'secondaryNeed'] as const satisfies readonly (keyof PlanSen2Items)[];
export type PlanSen2Field = (typeof PLAN_SEN2_FIELDS)[number];

/** The column of each item. */
export const PLAN_SEN2_COLUMNS: Readonly<Record<PlanSen2Field, string>> = {
  planRes: 'plan_res',
  planWbp: 'plan_wbp',
  personalBudget: 'personal_budget',
  organisedArrangements: 'organised_arrangements',
  directPayments: 'direct_payments',
  primaryNeed: 'primary_need',
  secondaryNeed: 'secondary_need',
};

/** A setting the child attends, as `POST /api/plans/:id/placements` gives it (tidied): a placement not yet left. */
export type NewPlacement = Omit<PlacementRecord, 'leavingDate'>;

export type Reasons<F extends string> = Partial<Record<F, string>>;

/** Blank is not given; codes are taken in capitals. */
export function tidyCode(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.toUpperCase();
}

/**
 * Why the plan's items as they would be after the change could not be returned, one reason per
 * field. A missing item is never a reason: the return's validation lists what is missing.
 */
export function planSen2Reasons(after: PlanSen2Items): Reasons<PlanSen2Field> {
  const reasons: Reasons<PlanSen2Field> = {};
  code(reasons, 'planRes', RESIDENTIAL_CODES, after.planRes, 'PlanRes (residential settings) is A (up to 38 weeks) or B (39 to 52 weeks)');
  code(reasons, 'planWbp', WORK_BASED_LEARNING_CODES, after.planWbp, 'PlanWBP (work-based learning) is A (apprenticeship), T (traineeship) or S (supported internship)');
  code(reasons, 'directPayments', DIRECT_PAYMENT_CODES, after.directPayments, 'DP (direct payments) is E, S, H or I');
  const needs = `one of ${SEN_TYPE_CODES.join(', ')}`;
  code(reasons, 'primaryNeed', SEN_TYPE_CODES, after.primaryNeed, `The primary need (SENtype, rank 1) is ${needs}`);
  code(reasons, 'secondaryNeed', SEN_TYPE_CODES, after.secondaryNeed, `The secondary need (SENtype, rank 2) is ${needs}`);
  if (after.secondaryNeed !== null && reasons.secondaryNeed === undefined) {
    if (after.primaryNeed === null) reasons.secondaryNeed = 'A secondary need is recorded only with a primary need (SENtypeRank 1 comes first).';
    else if (after.primaryNeed === after.secondaryNeed) reasons.secondaryNeed = `The secondary need must differ from the primary need (${after.primaryNeed}).`;
  }
  return reasons;
}

/** Why a new placement could not be returned as a PlacementDetail, one reason per field. */
export function placementReasons(placement: NewPlacement, plan: { startedOn: IsoDate }, today: IsoDate): Reasons<keyof NewPlacement> {
  const reasons: Reasons<keyof NewPlacement> = {};
  const named = (['urn', 'ukprn', 'senSetting'] as const).filter((field) => placement[field] !== null);
  if (named.length === 0) reasons.urn = 'A placement names its setting by exactly one of urn (GIAS URN), ukprn or senSetting; none was given.';
  if (named.length > 1) for (const field of named) reasons[field] = `A placement names its setting by exactly one of urn, ukprn or senSetting; ${named.join(' and ')} were given.`;
  if (named.length === 1) {
    if (placement.urn !== null) note(reasons, 'urn', urnReason(placement.urn));
    if (placement.ukprn !== null) note(reasons, 'ukprn', ukprnReason(placement.ukprn));
    code(reasons, 'senSetting', SEN_SETTING_CODES, placement.senSetting, `SENsetting is one of ${SEN_SETTING_CODES.join(', ')}`);
  }
  if (placement.senSettingOther !== null && !(placement.senSetting !== null && SEN_SETTINGS_TAKING_OTHER_TEXT.includes(placement.senSetting as SenSetting))) {
    reasons.senSettingOther = `senSettingOther describes a setting only with senSetting ${SEN_SETTINGS_TAKING_OTHER_TEXT.join(' or ')}.`;
  }
  code(reasons, 'residential', RESIDENTIAL_CODES, placement.residential, 'Res (residential) is A (up to 38 weeks) or B (39 to 52 weeks)');
  code(reasons, 'workBased', WORK_BASED_LEARNING_CODES, placement.workBased, 'WBP (work-based learning) is A, T or S');
  note(reasons, 'entryDate', dateReason('entryDate', placement.entryDate, plan.startedOn, 'the plan’s start', today));
  return reasons;
}

/** Why a leaving date could not be recorded, or null: not in the future, not before the entry. */
export function leavingReason(leavingDate: IsoDate, entryDate: IsoDate, today: IsoDate): string | null {
  return dateReason('leavingDate', leavingDate, entryDate, 'the placement’s entry date', today);
}

function dateReason(field: string, date: IsoDate, notBefore: IsoDate, notBeforeWhat: string, today: IsoDate): string | null {
  if (date > today) return `${field} ${date} is in the future (today is ${today}): record it on the day or after.`;
  if (date < notBefore) return `${field} ${date} is before ${notBeforeWhat} (${notBefore}).`;
  return null;
}

function code<F extends string>(reasons: Reasons<F>, field: F, codes: readonly string[], value: string | null, expected: string): void {
  if (value !== null && !isCode(codes, value)) reasons[field] = `${expected}; "${value}" is not.`;
}

function note<F extends string>(reasons: Reasons<F>, field: F, reason: string | null): void {
  if (reason !== null) reasons[field] = reason;
}
