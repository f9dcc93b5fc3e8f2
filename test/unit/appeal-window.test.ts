import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import { appealWindow, isWorkingDay } from '../../workflows/ehc-needs-assessment/index.js';

describe('appealWindow (domain 5.6)', () => {
  it.each([
    ['an ordinary working day two months on', '2026-01-10', '2026-03-10'],
    ['the 31st into a 31-day month', '2026-01-31', '2026-03-31'],
    ['the 31st into February: its last day, a Saturday, then Monday', '2025-12-31', '2026-03-02'],
    ['the 31st into a leap February: 29 February 2028, a Tuesday', '2027-12-31', '2028-02-29'],
    ['Christmas Day, then the Boxing Day substitute (Mon 28 Dec 2026), so Tuesday', '2026-10-25', '2026-12-29'],
    ['Good Friday 2027, the weekend and Easter Monday, so Tuesday', '2027-01-26', '2027-03-30'],
  ])('moves %s: notice %s → last appeal date %s', (_, noticeSentOn, lastAppealDate) => {
    expect(appealWindow({ noticeSentOn }).lastAppealDate).toBe(lastAppealDate);
  });

  it('gives the reg 33 mediation contact date as notice + 2 months, not moved to a working day', () => {
    const window = appealWindow({ noticeSentOn: '2025-12-31' });
    expect(window.mediationAdviserContactBy).toBe('2026-02-28');
    expect(window.mayMoveLater).toBe(true);
  });

  it('takes certificate + 1 month when later than notice + 2 months (Sun 5 Apr 2026 → past Easter Monday → Tue 7 Apr)', () => {
    const window = appealWindow({ noticeSentOn: '2026-01-10', mediationCertificateIssuedOn: '2026-03-05' });
    expect(window.lastAppealDate).toBe('2026-04-07');
    expect(window.mayMoveLater).toBe(false);
  });

  it('keeps notice + 2 months when the certificate came early', () => {
    expect(appealWindow({ noticeSentOn: '2026-01-10', mediationCertificateIssuedOn: '2026-01-20' }).lastAppealDate).toBe('2026-03-10');
  });

  it('refuses a certificate dated before the notice', () => {
    expect(() => appealWindow({ noticeSentOn: '2026-01-10', mediationCertificateIssuedOn: '2026-01-09' })).toThrow(/predate/);
  });

  it('always lands on the first working day on or after the corresponding date two months on', () => {
    const dates = fc.integer({ min: LocalDate.parse('2024-01-01').toEpochDay(), max: LocalDate.parse('2032-12-31').toEpochDay() });
    fc.assert(
      fc.property(dates, (epochDay) => {
        const notice = LocalDate.ofEpochDay(epochDay);
        const raw = notice.plusMonths(2);
        const last = LocalDate.parse(appealWindow({ noticeSentOn: notice.toString() }).lastAppealDate);
        expect(isWorkingDay(last.toString())).toBe(true);
        expect(last.isBefore(raw)).toBe(false);
        for (let d = raw; d.isBefore(last); d = d.plusDays(1)) expect(isWorkingDay(d.toString())).toBe(false);
        expect(raw.dayOfMonth()).toBe(Math.min(notice.dayOfMonth(), raw.lengthOfMonth()));
      }),
    );
  });
});
