/**
 * Working days in England (domain document 5.1): every day but Saturdays, Sundays, Christmas
 * Day, Good Friday and the bank holidays, including substitute days. School holidays are
 * working days. The holiday calendar comes from the maintained `date-holidays` data set.
 */
import { DayOfWeek } from '@js-joda/core';
import Holidays from 'date-holidays';
import { addDays, toDate, type IsoDate } from './dates.js';

const england = new Holidays('GB', 'ENG');
const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

function holidaysIn(year: number): ReadonlySet<IsoDate> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    // `public` covers Christmas Day, Good Friday and every bank holiday; `observance` days
    // (Mother's Day, Easter Sunday) are not days off.
    holidays = new Set(england.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(date: IsoDate): boolean {
  const day = toDate(date);
  const weekday = day.dayOfWeek();
  if (weekday === DayOfWeek.SATURDAY || weekday === DayOfWeek.SUNDAY) return false;
  return !holidaysIn(day.year()).has(date);
}

/** The date `count` working days after `date` (before it when `count` is negative); 0 gives `date`. */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  const step = count < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(count); remaining > 0; ) {
    current = addDays(current, step);
    if (isWorkingDay(current)) remaining--;
  }
  return current;
}

/** `date` itself if it is a working day, otherwise the next one (HESC Rules r.12 for appeals). */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}
