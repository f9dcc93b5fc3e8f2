import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { ValidationFailedError } from '../common/domain-error.js';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** Both days are validated as dates by the DTO; their order is checked here. */
export function reportPeriod(from: IsoDate, to: IsoDate): Period {
  if (from > to) throw new ValidationFailedError(`from (${from}) is after to (${to}): the period must start on or before its last day`);
  return { from, to };
}

/** A share as a percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

/** Days to weeks with one decimal; null when there were no cases. */
export function weeks(days: number | string | null): number | null {
  return days === null ? null : Math.round((Number(days) / 7) * 10) / 10;
}

/** "Within N weeks of" is start + 7N days, or 7N - 1 in the authority's strict mode (domain 5.2). */
export function limitDays(weeksLimit: number, strictMode: boolean): number {
  return 7 * weeksLimit - (strictMode ? 1 : 0);
}
