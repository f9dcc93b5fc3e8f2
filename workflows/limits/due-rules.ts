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
  | { workingDaysBeginningWith: number }
  /** "within N days of X" (reg 25): calendar days, X not counted, so X + N. */
  | { days: number }
  /** "at least N weeks before X" (a meeting): the last day is X − 7N. */
  | { weeksBefore: number }
  /** "at least N months before X" (a move, reg 18(2)): X − N months, corresponding-date rule. */
  | { monthsBefore: number }
  /** "before DD Month" of the calendar year of X (reg 18(1)): the day before that date, in X's year. */
  | { beforeCalendarDay: `${number}-${number}` };

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
  if ('days' in rule) return addDays(start, rule.days);
  if ('weeksBefore' in rule) return addDays(start, -7 * rule.weeksBefore);
  if ('monthsBefore' in rule) return addMonths(start, -rule.monthsBefore);
  if ('beforeCalendarDay' in rule) return addDays(`${start.slice(0, 4)}-${rule.beforeCalendarDay}`, -1);
  return addWorkingDays(workingDayOnOrAfter(start), rule.workingDaysBeginningWith - 1);
}
