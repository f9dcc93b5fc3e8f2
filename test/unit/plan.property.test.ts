import { describe, expect, it } from '@jest/globals';
import { LocalDate } from '@js-joda/core';
import fc from 'fast-check';
import { computePlanDeadlines, replayPlanEvents, type EducationPhase, type PlanEvent } from '../../workflows/ehc-plan/index.js';

const FIRST = LocalDate.parse('2000-01-01').toEpochDay();
const LAST = LocalDate.parse('2090-12-31').toEpochDay();
const anyDay = fc.oneof(
  fc.integer({ min: FIRST, max: LAST }).map((d) => LocalDate.ofEpochDay(d).toString()),
  // Leap days and month ends, where month arithmetic goes wrong.
  fc.constantFrom('2000-02-29', '2024-02-29', '2028-02-29', '2025-01-31', '2025-03-31', '2025-08-31', '2025-12-31', '2026-02-28'),
);

/** "The period of 12 months starting with" a day, by hand: the same date a year on (or the month's last day), less one day. */
function twelveMonthsStartingWith(day: string): string {
  const d = LocalDate.parse(day);
  const next = LocalDate.of(d.year() + 1, d.monthValue(), 1);
  return next.withDayOfMonth(Math.min(d.dayOfMonth(), next.lengthOfMonth())).minusDays(1).toString();
}

const deadline = (startedOn: string, dob: string, events: PlanEvent[], name: string, phase?: EducationPhase) =>
  computePlanDeadlines(replayPlanEvents({ startedOn, childDateOfBirth: dob, phase }, events).facts, startedOn, { strictMode: false }).find((d) => d.name === name);

describe('the annual review’s 12-month anchor (properties, 2000-2090)', () => {
  it('a plan made on any day is due for review within the 12 months starting with that day', () => {
    fc.assert(
      fc.property(anyDay, (startedOn) => {
        expect(deadline(startedOn, '1999-01-01', [], 'annualReview')!.dueOn).toBe(twelveMonthsStartingWith(startedOn));
      }),
    );
  });

  it('after a review, the next 12 months start with the meeting, whenever the decision followed', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 27 }), (startedOn, heldAfter, decidedAfter) => {
        const held = LocalDate.parse(startedOn).plusDays(heldAfter);
        const decided = held.plusDays(decidedAfter).toString();
        const events: PlanEvent[] = [
          { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: startedOn, meetingOn: held.toString() },
          { type: 'REVIEW_MEETING_HELD', occurredOn: held.toString() },
          { type: 'REVIEW_REPORT_RECEIVED', occurredOn: held.toString() },
          { type: 'REVIEW_DECISION', occurredOn: decided, decision: 'maintain', notice: { sentOn: decided, method: 'email' } },
        ];
        const next = deadline(startedOn, '1999-01-01', events, 'annualReview')!;
        expect(next.dueOn).toBe(twelveMonthsStartingWith(held.toString()));
        const days = LocalDate.parse(next.dueOn).toEpochDay() - held.toEpochDay();
        expect(days === 363 || days === 364 || days === 365).toBe(true);
      }),
    );
  });
});

/** Completed years of age on a day, by hand. */
function ageOn(dob: string, day: string): number {
  const b = LocalDate.parse(dob);
  const d = LocalDate.parse(day);
  const hadBirthday = d.monthValue() > b.monthValue() || (d.monthValue() === b.monthValue() && d.dayOfMonth() >= b.dayOfMonth());
  return d.year() - b.year() - (hadBirthday ? 0 : 1);
}

const birthday = fc.integer({ min: LocalDate.parse('2000-01-01').toEpochDay(), max: LocalDate.parse('2030-12-31').toEpochDay() }).map((d) => LocalDate.ofEpochDay(d).toString());

describe('the phase-transfer year from the date of birth (properties)', () => {
  const cases: [EducationPhase, number, string][] = [
    ['early_years', 4, '02-14'], // Reception: aged 4 on the 31 August before
    ['primary', 11, '02-14'], // Year 7: aged 11
    ['secondary', 16, '03-30'], // Year 12: aged 16
  ];
  for (const [phase, age, due] of cases) {
    it(`a child in ${phase} transfers in the September after the 31 August on which they are ${age}, named by ${due}`, () => {
      fc.assert(
        fc.property(birthday, (dob) => {
          const startedOn = LocalDate.parse(dob).plusDays(1).toString();
          const limit = deadline(startedOn, dob, [], 'phaseTransfer', phase)!;
          const year = Number(limit.dueOn.slice(0, 4));
          expect(ageOn(dob, `${year}-08-31`)).toBe(age);
          expect(limit.dueOn).toBe(`${year}-${due}`);
        }),
      );
    });
  }

  it('a child out of year group transfers exactly that many years later (or earlier)', () => {
    fc.assert(
      fc.property(birthday, fc.integer({ min: -3, max: 3 }), (dob, offset) => {
        const startedOn = LocalDate.parse(dob).plusDays(1).toString();
        const usual = deadline(startedOn, dob, [], 'phaseTransfer', 'primary')!.dueOn;
        const moved = deadline(startedOn, dob, [{ type: 'PHASE_DETAILS_RECORDED', occurredOn: startedOn, yearGroupOffset: offset }], 'phaseTransfer', 'primary')!.dueOn;
        expect(Number(moved.slice(0, 4)) - Number(usual.slice(0, 4))).toBe(offset);
      }),
    );
  });
});

/** A candidate step for a random history: its type and fields, dated by the walk. */
const STEP_KINDS: ((on: string) => PlanEvent)[] = [
  (on) => ({ type: 'REVIEW_MEETING_SCHEDULED', occurredOn: on, meetingOn: LocalDate.parse(on).plusDays(20).toString() }),
  (on) => ({ type: 'REVIEW_INVITATIONS_SENT', occurredOn: on, method: 'post' }),
  (on) => ({ type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: on }),
  (on) => ({ type: 'REVIEW_MEETING_HELD', occurredOn: on }),
  (on) => ({ type: 'REVIEW_REPORT_RECEIVED', occurredOn: on }),
  (on) => ({ type: 'REVIEW_DECISION', occurredOn: on, decision: 'maintain', notice: { sentOn: on, method: 'email' } }),
  (on) => ({ type: 'REVIEW_DECISION', occurredOn: on, decision: 'amend' }),
  (on) => ({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: on, method: 'post' }),
  (on) => ({ type: 'AMENDED_PLAN_ISSUED', occurredOn: on, nextPhase: 'secondary' }),
  (on) => ({ type: 'AMENDED_PLAN_ISSUED', occurredOn: on }),
  (on) => ({ type: 'DECISION_NOT_TO_AMEND', occurredOn: on, reasons: 'No change needed' }),
  (on) => ({ type: 'REASSESSMENT_REQUESTED', occurredOn: on, requestedBy: 'school' }),
  (on) => ({ type: 'REASSESSMENT_DECISION', occurredOn: on, decision: 'reassess' }),
  (on) => ({ type: 'REASSESSMENT_DECISION', occurredOn: on, decision: 'refuse', reasons: 'Assessed recently' }),
  (on) => ({ type: 'EXCEPTION_RECORDED', occurredOn: on, exception: 'personal_circumstances', from: on, approvedBy: 'manager' }),
  (on) => ({ type: 'EXCEPTION_ENDED', occurredOn: on, exceptionSeq: 1, to: on }),
  (on) => ({ type: 'CEASE_DECISION', occurredOn: on, reasons: 'Needs met', ceaseReason: 2 }),
  (on) => ({ type: 'CEASE_DECISION_WITHDRAWN', occurredOn: on, reason: 'Family appealed to mediation' }),
  (on) => ({ type: 'CEASED', occurredOn: on }),
  (on) => ({ type: 'TRANSFERRED_OUT', occurredOn: on, toAuthority: 'Westshire' }),
  (on) => ({ type: 'PHASE_DETAILS_RECORDED', occurredOn: on, yearGroupOffset: 1 }),
];

describe('random plan histories (properties)', () => {
  const history = fc.array(fc.tuple(fc.integer({ min: 0, max: STEP_KINDS.length - 1 }), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 40 });

  it('every accepted history keeps the limit model’s invariants, and an ended plan has no open limit', () => {
    fc.assert(
      fc.property(history, (steps) => {
        let on = '2025-03-10';
        const accepted: PlanEvent[] = [];
        for (const [kind, gap] of steps) {
          on = LocalDate.parse(on).plusDays(gap).toString();
          const candidate = STEP_KINDS[kind](on);
          const seq = candidate.type === 'EXCEPTION_RECORDED' ? { seq: accepted.length + 2 } : {};
          try {
            replayPlanEvents({ startedOn: '2025-03-10', childDateOfBirth: '2014-12-01' }, [...accepted, { ...candidate, ...seq } as PlanEvent]);
            accepted.push({ ...candidate, ...seq } as PlanEvent);
          } catch {
            // refused: a random walk tries many steps the rules do not allow
          }
        }
        const state = replayPlanEvents({ startedOn: '2025-03-10', childDateOfBirth: '2014-12-01' }, accepted);
        const deadlines = computePlanDeadlines(state.facts, on, { strictMode: false });
        expect(new Set(deadlines.map((d) => d.name)).size).toBe(deadlines.length);
        for (const d of deadlines) {
          // A window that has run its course reads as met on its last day; every other open limit awaits its step.
          if (d.open && d.role !== 'window') expect([d.metOn, d.closedOn]).toEqual([null, null]);
          if (d.held) expect(d.targetOn).toBeNull();
          if (d.revisedTarget !== null) expect(d.revisedTarget >= d.dueOn).toBe(true);
          if (d.role === 'window') expect(['pending', 'met', 'not_applicable']).toContain(d.status);
          expect(d.status === 'breached' && d.open).toBe(d.open && d.role === 'limit' && d.targetOn !== null && d.targetOn < on);
        }
        if (state.status === 'ceased' || state.status === 'transferred_out') expect(deadlines.filter((d) => d.open)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
