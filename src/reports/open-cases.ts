import { LocalDate } from '@js-joda/core';
import type { CaseStatus, IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/** The statuses in which a case still awaits a step of the authority. */
export const OPEN_STATUSES = ['awaiting_decision', 'assessing', 'drafting', 'draft_issued'] as const satisfies readonly CaseStatus[];

export function daysFrom(date: IsoDate, days: number): IsoDate {
  return LocalDate.parse(date).plusDays(days).toString();
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return LocalDate.parse(b).toEpochDay() - LocalDate.parse(a).toEpochDay();
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD` date; cheap enough for every open case of an authority. */
export function epochDay(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}
