/**
 * How the law words a time limit, and the due date each wording gives (domain document 5.1 and
 * 5.2). Every process's limit table states its rule as one of these, so the arithmetic is
 * written once.
 */
import { addDays, addMonths, type IsoDate } from '../calendar/dates.js';
import { addWorkingDays, workingDayOnOrAfter } from '../calendar/working-days.js';

export type DueRule =
  /** "within N weeks of X": X + 7N, met on or before it (strict mode: X + 7N − 1). */
  | { weeks: number }
  /** "at least N days beginning with X": X is day 1, so the last day is X + N − 1. */
  | { daysBeginningWith: number }
  /** "within the period of N months starting with X": the day before X + N months. */
  | { monthsStartingWith: number }
  /** "within N months after X": X + N months, corresponding-date rule. */
  | { months: number }
  /** "within N working days after X": X is not counted. */
  | { workingDaysAfter: number }
  /** "within N working days beginning with X": X is day 1 if it is a working day. */
  | { workingDaysBeginningWith: number };

export interface DueOptions {
  /** Domain 5.2 strict mode: "within N weeks of" counts the start day as day 1. */
  strictMode: boolean;
}

export function dueDate(rule: DueRule, start: IsoDate, options: DueOptions): IsoDate {
  if ('weeks' in rule) return addDays(start, 7 * rule.weeks - (options.strictMode ? 1 : 0));
  if ('daysBeginningWith' in rule) return addDays(start, rule.daysBeginningWith - 1);
  if ('monthsStartingWith' in rule) return addDays(addMonths(start, rule.monthsStartingWith), -1);
  if ('months' in rule) return addMonths(start, rule.months);
  if ('workingDaysAfter' in rule) return addWorkingDays(start, rule.workingDaysAfter);
  return addWorkingDays(workingDayOnOrAfter(start), rule.workingDaysBeginningWith - 1);
}
