import { describe, expect, it } from '@jest/globals';
import { DayOfWeek, LocalDate, TemporalAdjusters } from '@js-joda/core';
import fc from 'fast-check';
import { computeDeadlines, deadlinesFromEvents, isIsoDate, londonToday, replayEvents, type CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';

const FIRST = LocalDate.parse('2000-01-01').toEpochDay();
const LAST = LocalDate.parse('2100-12-31').toEpochDay();

/** Days that break naive arithmetic: leap days, month and year ends, the BST change Sundays. */
function awkwardDays(): string[] {
  const days: string[] = ['2000-02-29', '2024-02-29', '2096-02-29', '2100-02-28', '2100-03-01'];
  for (let year = 2000; year <= 2100; year += 7) {
    days.push(`${year}-01-31`, `${year}-12-31`, LocalDate.of(year, 2, 1).with(TemporalAdjusters.lastDayOfMonth()).toString());
    days.push(LocalDate.of(year, 3, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).toString());
    days.push(LocalDate.of(year, 10, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).toString());
  }
  return days;
}

const requestDate = fc.oneof(
  fc.integer({ min: FIRST, max: LAST - 200 }).map((d) => LocalDate.ofEpochDay(d).toString()),
  fc.constantFrom(...awkwardDays()),
);

const plus = (date: string, days: number) => LocalDate.parse(date).plusDays(days).toString();
const input = (t0: string) => ({ requestReceivedOn: t0, requestSource: 'school' as const });
const dueOf = (t0: string, name: string, strictMode = false) =>
  computeDeadlines(replayEvents(input(t0), []).facts, t0, { strictMode }).find((d) => d.name === name)!.dueOn;

describe('computeDeadlines (properties over 2000-2100)', () => {
  it('puts the 6, 16 and 20-week limits on the same weekday 6, 16 and 20 weeks later', () => {
    fc.assert(
      fc.property(requestDate, (t0) => {
        const start = LocalDate.parse(t0);
        expect(dueOf(t0, 'decisionToAssess')).toBe(start.plusWeeks(6).toString());
        expect(dueOf(t0, 'issueDecision')).toBe(start.plusWeeks(16).toString());
        expect(dueOf(t0, 'finalPlan')).toBe(start.plusWeeks(20).toString());
        expect(LocalDate.parse(dueOf(t0, 'finalPlan')).dayOfWeek()).toBe(start.dayOfWeek());
      }),
    );
  });

  it('makes every "within N weeks" limit exactly one day earlier in strict mode', () => {
    fc.assert(
      fc.property(requestDate, (t0) => {
        const events: CaseEvent[] = [{ type: 'DECISION_TO_ASSESS', occurredOn: t0, decision: 'assess' }, { type: 'ADVICE_REQUESTED', occurredOn: plus(t0, 3), contributor: 'health' }];
        const standard = deadlinesFromEvents(input(t0), events, t0, { strictMode: false });
        const strict = deadlinesFromEvents(input(t0), events, t0, { strictMode: true });
        expect(strict.map((d) => d.name)).toEqual(standard.map((d) => d.name));
        strict.forEach((d, i) => expect(d.dueOn).toBe(plus(standard[i]!.dueOn, -1)));
      }),
    );
  });

  it('counts a step on its due date as met and one a day later as met_late', () => {
    fc.assert(
      fc.property(requestDate, fc.boolean(), (t0, late) => {
        const on = plus(t0, 140 + (late ? 1 : 0));
        const events: CaseEvent[] = [
          { type: 'DECISION_TO_ASSESS', occurredOn: t0, decision: 'assess' },
          { type: 'DECISION_TO_ISSUE', occurredOn: t0, decision: 'issue' },
          { type: 'DRAFT_PLAN_ISSUED', occurredOn: t0 },
          { type: 'FINAL_PLAN_ISSUED', occurredOn: on },
        ];
        const final = deadlinesFromEvents(input(t0), events, plus(on, 30), { strictMode: false }).find((d) => d.name === 'finalPlan');
        expect(final).toMatchObject({ status: late ? 'met_late' : 'met', metOn: on });
      }),
    );
  });

  it('keeps an open limit pending on its due date and breached from the next day; the 16-week latest date is never breached', () => {
    fc.assert(
      fc.property(requestDate, fc.integer({ min: 0, max: 400 }), (t0, offset) => {
        const today = plus(t0, offset);
        const statuses = deadlinesFromEvents(input(t0), [], today, { strictMode: false }).map((d) => d.status);
        const breachedAfter = (days: number) => (offset > days ? 'breached' : 'pending');
        expect(statuses).toEqual([breachedAfter(42), 'pending', breachedAfter(140)]);
      }),
    );
  });
});

describe('londonToday', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-28'], // GMT: London is on UTC
    ['2026-03-29T00:30:00Z', '2026-03-29'], // still GMT until 01:00 UTC
    ['2026-03-29T23:30:00Z', '2026-03-30'], // BST: 00:30 the next day in London
    ['2026-10-24T23:30:00Z', '2026-10-25'], // BST until 01:00 UTC on the 25th
    ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again
    ['2025-06-30T23:00:00Z', '2025-07-01'], // a summer midnight is a month end
    ['2024-12-31T23:59:59Z', '2024-12-31'], // a winter midnight is not
  ])('%s is %s in London', (instant, date) => {
    expect(londonToday(new Date(instant))).toBe(date);
  });

  it('is the UTC date, except from 23:00 UTC in summer time (April to September), when it is the next day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (now) => {
        const utc = now.toISOString().slice(0, 10);
        const month = now.getUTCMonth() + 1;
        const lateInSummer = now.getUTCHours() === 23 && month >= 4 && month <= 9;
        const winter = month <= 2 || month >= 11;
        if (lateInSummer) expect(londonToday(now)).toBe(plus(utc, 1));
        else if (winter || now.getUTCHours() < 23) expect(londonToday(now)).toBe(utc);
      }),
    );
  });
});

describe('isIsoDate', () => {
  it.each(['2026-02-30', '2025-02-29', '2025-13-01', '2025-00-10', '2025-6-1', '2025-06-01T00:00', '', '20250601'])('rejects %p', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('accepts every real date, leap days included', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    fc.assert(fc.property(fc.integer({ min: FIRST, max: LAST }), (d) => isIsoDate(LocalDate.ofEpochDay(d).toString())));
  });
});
