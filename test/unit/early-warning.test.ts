import { describe, expect, it } from '@jest/globals';
import { LocalDate } from '@js-joda/core';
import fc from 'fast-check';
import { latestStepDates, replayEvents, stepsAtRisk, type CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, assess, issue, receiveAdvice, requestAdvice } from './fixtures/cases.js';

// T0 = Monday 2 June 2025, so the final plan is due Monday 20 October 2025 (reg 13(2)).
const FINAL_DUE = '2025-10-20';
const factsAfter = (events: CaseEvent[]) => replayEvents(INPUT, events).facts;
const plus = (date: string, days: number) => LocalDate.parse(date).plusDays(days).toString();

describe('latestStepDates', () => {
  it.each([
    // Final 20 Oct; draft 30 days earlier (15-day window + 15-day school consultation) = 20 Sep;
    // decision to issue 14 days before that = 6 Sep; advice 7 days before that = 30 Aug.
    ['awaiting_decision', [
      { step: 'decisionToIssue', latestOn: '2025-09-06' },
      { step: 'draftPlan', latestOn: '2025-09-20' },
      { step: 'finalPlan', latestOn: '2025-10-20' },
    ]],
    ['assessing', [
      { step: 'advice.health', latestOn: '2025-08-30' },
      { step: 'decisionToIssue', latestOn: '2025-09-06' },
      { step: 'draftPlan', latestOn: '2025-09-20' },
      { step: 'finalPlan', latestOn: '2025-10-20' },
    ]],
    ['drafting', [
      { step: 'draftPlan', latestOn: '2025-09-20' },
      { step: 'finalPlan', latestOn: '2025-10-20' },
    ]],
    ['draft_issued', [{ step: 'finalPlan', latestOn: '2025-10-20' }]],
    ['plan_issued', []],
    ['declined_to_assess', []],
    ['declined_to_issue', []],
    ['withdrawn', []],
  ] as const)('for a case %s lists the outstanding steps with their latest dates', (status, expected) => {
    expect(latestStepDates(factsAfter(HISTORY[status]), FINAL_DUE)).toEqual(expected);
  });

  it('lists only advice still outstanding, once per contributor', () => {
    const facts = factsAfter([assess('2025-07-01'), requestAdvice('health', '2025-07-02'), requestAdvice('education', '2025-07-03'), receiveAdvice('health', '2025-08-01')]);
    expect(latestStepDates(facts, FINAL_DUE).map((s) => s.step)).toEqual(['advice.education', 'decisionToIssue', 'draftPlan', 'finalPlan']);
  });

  it('lists each outstanding request by its own deadline when a contributor was asked twice', () => {
    const facts = factsAfter([assess('2025-07-01'), requestAdvice('health', '2025-07-02'), requestAdvice('health', '2025-07-03', { body: 'Speech and language therapy' })]);
    expect(latestStepDates(facts, FINAL_DUE).map((s) => [s.step, s.latestOn])).toEqual([
      ['advice.health', '2025-08-30'],
      ['advice.health.2', '2025-08-30'],
      ['decisionToIssue', '2025-09-06'],
      ['draftPlan', '2025-09-20'],
      ['finalPlan', '2025-10-20'],
    ]);
  });

  it('drops advice from the critical path once the decision to issue is made', () => {
    const facts = factsAfter([assess('2025-07-01'), requestAdvice('health', '2025-07-02'), issue('2025-08-20')]);
    expect(latestStepDates(facts, FINAL_DUE).map((s) => s.step)).toEqual(['draftPlan', 'finalPlan']);
  });
});

describe('stepsAtRisk', () => {
  const steps = latestStepDates(factsAfter(HISTORY.assessing), FINAL_DUE);

  it.each([
    ['2025-08-22', []],
    ['2025-08-23', ['advice.health']], // exactly 7 days before 30 Aug
    ['2025-08-30', ['advice.health', 'decisionToIssue']],
    ['2025-09-14', ['advice.health', 'decisionToIssue', 'draftPlan']],
    ['2025-10-21', ['advice.health', 'decisionToIssue', 'draftPlan', 'finalPlan']],
  ])('on %s flags %j', (today, expected) => {
    expect(stepsAtRisk(steps, today).map((s) => s.step)).toEqual(expected);
  });
});

describe('latestStepDates (properties)', () => {
  const day = fc.integer({ min: LocalDate.parse('2015-01-01').toEpochDay(), max: LocalDate.parse('2090-12-31').toEpochDay() }).map((d) => LocalDate.ofEpochDay(d).toString());
  const status = fc.constantFrom('awaiting_decision', 'assessing', 'drafting', 'draft_issued') as fc.Arbitrary<keyof typeof HISTORY>;

  it('orders the steps as the process runs and ends on the final deadline', () => {
    fc.assert(
      fc.property(status, day, (s, finalDue) => {
        const steps = latestStepDates(factsAfter(HISTORY[s]), finalDue);
        expect(steps.at(-1)).toEqual({ step: 'finalPlan', latestOn: finalDue });
        steps.slice(1).forEach((step, i) => expect(step.latestOn >= steps[i]!.latestOn).toBe(true));
      }),
    );
  });

  it('leaves room for the full reg 13(1)(a) window and a 15-day consultation after the latest draft', () => {
    fc.assert(
      fc.property(day, (finalDue) => {
        const draft = latestStepDates(factsAfter(HISTORY.drafting), finalDue).find((s) => s.step === 'draftPlan')!;
        // Served on day 1, the window runs to draft + 14; finalising from draft + 15 after a 15-day consultation.
        expect(plus(draft.latestOn, 15 + 15)).toBe(finalDue);
      }),
    );
  });

  it('flags a step exactly when its latest date is on or before today + 7', () => {
    fc.assert(
      fc.property(status, day, fc.integer({ min: -400, max: 400 }), (s, finalDue, offset) => {
        const steps = latestStepDates(factsAfter(HISTORY[s]), finalDue);
        const today = plus(finalDue, offset);
        const flagged = new Set(stepsAtRisk(steps, today).map((x) => x.step));
        steps.forEach((step) => expect(flagged.has(step.step)).toBe(step.latestOn <= plus(today, 7)));
      }),
    );
  });
});
