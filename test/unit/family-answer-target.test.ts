import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import { isWorkingDay } from '../../workflows/calendar/working-days.js';
import { answerDueOn, answerLimit, answerStatus, workingDaysToAnswer } from '../../workflows/family-messages/answer-target.js';

describe('the target for answering a family’s message', () => {
  it.each([
    ['Monday 7 December 2026: ten working days, the second Monday', '2026-12-07', 10, '2026-12-21'],
    ['Monday 14 December 2026: Christmas Day and the Boxing Day substitute (Mon 28th) are not counted', '2026-12-14', 10, '2026-12-30'],
    ['Saturday 5 December 2026: counted from Monday, as working days are', '2026-12-05', 10, '2026-12-18'],
    ['Thursday 25 March 2027, over Good Friday and Easter Monday', '2027-03-25', 5, '2027-04-05'],
    ['an authority’s one-day target on a Friday: the Monday', '2026-12-04', 1, '2026-12-07'],
  ])('falls for a message on %s', (_, receivedOn, days, due) => {
    expect(answerDueOn(receivedOn, days)).toBe(due);
  });

  it('refuses a target that is not a whole number of working days', () => {
    expect(() => answerDueOn('2026-12-07', 0)).toThrow('at least 1');
    expect(() => answerDueOn('2026-12-07', 2.5)).toThrow('whole number');
  });

  const dates = fc.integer({ min: 0, max: 3650 }).map((n) => LocalDate.parse('2025-01-01').plusDays(n).toString());

  it('always falls on a working day, the given number of working days on (property)', () => {
    fc.assert(fc.property(dates, fc.integer({ min: 1, max: 60 }), (receivedOn, days) => {
      const due = answerDueOn(receivedOn, days);
      expect(isWorkingDay(due)).toBe(true);
      expect(workingDaysToAnswer(receivedOn, due)).toBe(days);
    }));
  });

  it('is met by an answer given on a working day within the target’s working days, and late after them (property)', () => {
    fc.assert(fc.property(dates, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 80 }), (receivedOn, days, after) => {
      const message = { id: 'm', receivedOn, answerDueOn: answerDueOn(receivedOn, days), answeredOn: LocalDate.parse(receivedOn).plusDays(after).toString() };
      fc.pre(isWorkingDay(message.answeredOn));
      expect(answerStatus(message, message.answeredOn)).toBe(workingDaysToAnswer(receivedOn, message.answeredOn) <= days ? 'met' : 'met_late');
    }));
  });

  it('counts an answer at the weekend after its last day as late, though no working day has passed', () => {
    // Thursday 28 August 2025, one working day: due Friday 29th; answered Saturday 30th.
    const message = { id: 'm', receivedOn: '2025-08-28', answerDueOn: answerDueOn('2025-08-28', 1), answeredOn: '2025-08-30' };
    expect(message.answerDueOn).toBe('2025-08-29');
    expect(answerStatus(message, '2025-08-30')).toBe('met_late');
  });

  it('is pending until its last day and breached the day after while unanswered', () => {
    const message = { id: 'm', receivedOn: '2026-12-07', answerDueOn: '2026-12-21', answeredOn: null };
    expect(answerStatus(message, '2026-12-21')).toBe('pending');
    expect(answerStatus(message, '2026-12-22')).toBe('breached');
  });

  it('is an open, non-statutory limit named after its message until it is answered', () => {
    const open = answerLimit({ id: '9b1', receivedOn: '2026-12-07', answerDueOn: '2026-12-21', answeredOn: null });
    expect(open).toMatchObject({ name: 'familyMessage.9b1', role: 'limit', open: true, targetOn: '2026-12-21', statutory: false });
    expect(answerLimit({ id: '9b1', receivedOn: '2026-12-07', answerDueOn: '2026-12-21', answeredOn: '2026-12-09' })).toMatchObject({ open: false, metOn: '2026-12-09' });
  });

  it('counts an answer the same day as none taken, and the next working day as one', () => {
    expect(workingDaysToAnswer('2026-12-07', '2026-12-07')).toBe(0);
    expect(workingDaysToAnswer('2026-12-04', '2026-12-07')).toBe(1);
  });
});
