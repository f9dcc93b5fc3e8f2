import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addWorkingDays, isWorkingDay, workingDayOnOrAfter } from '../../workflows/ehc-needs-assessment/index.js';

describe('working days in England', () => {
  it.each([
    ['2026-12-24', true, 'Christmas Eve, a Thursday'],
    ['2026-12-25', false, 'Christmas Day'],
    ['2026-12-26', false, 'Boxing Day, a Saturday'],
    ['2026-12-28', false, 'the substitute Boxing Day bank holiday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-04', false, 'the early May bank holiday'],
    ['2026-08-31', false, 'the summer bank holiday'],
    ['2026-08-03', true, 'a Monday in the school summer holiday'],
    ['2026-03-15', false, "Mother's Day, a Sunday"],
    ['2026-11-23', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('counts working days across Christmas and the New Year', () => {
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-04', -2)).toBe('2026-12-30');
    expect(addWorkingDays('2026-11-23', 10)).toBe('2026-12-07');
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('moves a date that is not a working day to the next working day', () => {
    expect(workingDayOnOrAfter('2026-12-25')).toBe('2026-12-29');
    expect(workingDayOnOrAfter('2026-11-23')).toBe('2026-11-23');
  });

  it('always lands on a working day, and going back undoes going forward', () => {
    const workingDay = fc
      .date({ min: new Date('2020-01-01T12:00:00Z'), max: new Date('2035-12-31T12:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
      .filter(isWorkingDay);
    fc.assert(
      fc.property(workingDay, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const later = addWorkingDays(date, n);
        expect(isWorkingDay(later)).toBe(true);
        expect(later > date).toBe(true);
        expect(addWorkingDays(later, -n)).toBe(date);
      }),
    );
  });
});
