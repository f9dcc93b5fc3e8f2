import { daysBetween, isIsoDate, type IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { longDate } from '../../../workflows/calendar/dates.js';

/** A business date as the GOV.UK style guide writes it: "1 December 2026". Empty for no date. */
export function formatDate(date: IsoDate | null | undefined): string {
  return date ? longDate(date) : '';
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A system time (timestamptz) in Europe/London: "1 December 2026 at 2:05pm". */
export function formatDateTime(instant: string | Date): string {
  const at = new Date(instant);
  const time = LONDON_TIME.format(at).replace(/\s/g, '').toLowerCase();
  return `${formatDate(LONDON_DATE.format(at))} at ${time}`;
}

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

/** The three boxes of the GOV.UK date input as `YYYY-MM-DD`, or undefined when they do not make a real date. */
export function dateFromParts(parts: DateParts): IsoDate | undefined {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => (part ?? '').trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(date) ? date : undefined;
}

/**
 * The value of a GOV.UK date input posted as `<name>-day`, `<name>-month`, `<name>-year`:
 * `YYYY-MM-DD` for a real date, '' when every box is empty (so "missing" can be said), and
 * otherwise what was typed, which @IsCalendarDate() then refuses as "not a real date".
 */
export function dateInputValue(body: Record<string, unknown>, name: string): string {
  const parts = { day: body[`${name}-day`], month: body[`${name}-month`], year: body[`${name}-year`] };
  const text = (part: unknown) => (typeof part === 'string' ? part.trim() : '');
  const real = dateFromParts({ day: text(parts.day), month: text(parts.month), year: text(parts.year) });
  if (real) return real;
  return [parts.day, parts.month, parts.year].map(text).filter(Boolean).join('/');
}

/** Calendar days from today to `dueOn`: negative once it has passed. */
export function daysLeft(dueOn: IsoDate, today: IsoDate): number {
  return daysBetween(today, dueOn);
}
