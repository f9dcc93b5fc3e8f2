/**
 * Calendar-date helpers. Statutory limits count calendar days from a date (domain document
 * 5.1), so all arithmetic is on js-joda LocalDate, never on JS Date instants, which would
 * drift by an hour across the British Summer Time changes.
 */
import { Instant, LocalDate, ZoneId, ZonedDateTime } from '@js-joda/core';
// Registers the IANA time-zone database that ZoneId.of('Europe/London') needs.
import '@js-joda/timezone';

/**
 * Four-digit years only: validated IsoDates then order correctly as strings, which the rules
 * and the clock rely on (`a <= b`) for comparisons; arithmetic always goes through LocalDate.
 */
/** A calendar date as `YYYY-MM-DD` (Europe/London). Statutory limits count days, not instants. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict `YYYY-MM-DD` that is a real calendar date (rejects 2026-02-30). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

export function toDate(s: IsoDate): LocalDate {
  const date = parseIsoDate(s);
  if (date === null) throw new Error(`"${s}" is not a calendar date in the form YYYY-MM-DD`);
  return date;
}

/** LocalDate.of checks the day exists (day 30 of February throws); it is far cheaper than a formatter. */
function parseIsoDate(s: string): LocalDate | null {
  const parts = ISO_DATE.exec(s);
  if (parts === null) return null;
  try {
    return LocalDate.of(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  } catch {
    return null;
  }
}

export function addDays(s: IsoDate, days: number): IsoDate {
  return toDate(s).plusDays(days).toString();
}

/** Calendar months with the corresponding-date rule (domain 5.2): same day number, or the month's last day. */
export function addMonths(s: IsoDate, months: number): IsoDate {
  return toDate(s).plusMonths(months).toString();
}

/** Days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDate(b).toEpochDay() - toDate(a).toEpochDay();
}

export function latest(dates: ReadonlyArray<IsoDate | undefined>): IsoDate | undefined {
  return dates.filter((d): d is IsoDate => d !== undefined).sort().at(-1);
}

/** Design section 2: "today" is the calendar date in Europe/London, whatever the server's TZ. */
export function londonToday(now: Date): IsoDate {
  const instant = Instant.ofEpochMilli(now.getTime());
  return ZonedDateTime.ofInstant(instant, ZoneId.of('Europe/London')).toLocalDate().toString();
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A business date as the GOV.UK style guide writes it: "1 December 2026". */
export function longDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
