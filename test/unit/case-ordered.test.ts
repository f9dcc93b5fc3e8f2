import { describe, expect, it } from '@jest/globals';
import {
  CASE_STATUSES,
  LATEST_MACHINE,
  allowedEvents,
  applyEvent,
  computeDeadlines,
  latestStepDates,
  replayEvents,
  type CaseEvent,
  type CaseOrderAction,
  type Deadline,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, decline, finalPlan, issue, noticeSent, notIssue, requestAdvice, withNotice } from './fixtures/cases.js';

const OPTIONS = { strictMode: false };
const ordered = (on: string, action: CaseOrderAction): CaseEvent => ({ type: 'DISPUTE_ORDERED', occurredOn: on, action, disputeId: 'd-1', disputeReference: 'DSP-2025-000001' });
const deadlinesOn = (today: string, events: CaseEvent[]): Record<string, Deadline> =>
  Object.fromEntries(computeDeadlines(replayEvents(INPUT, events).facts, today, OPTIONS).map((d) => [d.name, d]));

describe('an order reopens the case it concerns (SEND Regs 2014 reg 44(2))', () => {
  it('is taken only by a case refused an assessment (to assess) or a plan (to issue one), and is never offered to a client', () => {
    const taken = CASE_STATUSES.flatMap((status) =>
      (['assess', 'issue_plan'] as const).map((action) => {
        const result = applyEvent(LATEST_MACHINE, replayEvents(INPUT, HISTORY[status]).snapshot, ordered('2025-12-01', action));
        return `${status}+${action}: ${result.ok ? result.status : result.code}`;
      }),
    );
    expect(taken).toEqual([
      'awaiting_decision+assess: CASE_TRANSITION_NOT_ALLOWED', 'awaiting_decision+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
      'declined_to_assess+assess: assessing', 'declined_to_assess+issue_plan: CASE_EVENT_REFUSED',
      'assessing+assess: CASE_TRANSITION_NOT_ALLOWED', 'assessing+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
      'declined_to_issue+assess: CASE_EVENT_REFUSED', 'declined_to_issue+issue_plan: drafting',
      'drafting+assess: CASE_TRANSITION_NOT_ALLOWED', 'drafting+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
      'draft_issued+assess: CASE_TRANSITION_NOT_ALLOWED', 'draft_issued+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
      'plan_issued+assess: CASE_TRANSITION_NOT_ALLOWED', 'plan_issued+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
      'withdrawn+assess: CASE_TRANSITION_NOT_ALLOWED', 'withdrawn+issue_plan: CASE_TRANSITION_NOT_ALLOWED',
    ]);
    for (const status of CASE_STATUSES) expect(allowedEvents(LATEST_MACHINE, replayEvents(INPUT, HISTORY[status]).snapshot)).not.toContain('DISPUTE_ORDERED');
  });

  it('refuses an order dated before the refusal, and a second order', () => {
    const early = applyEvent(LATEST_MACHINE, replayEvents(INPUT, HISTORY.declined_to_assess).snapshot, ordered('2025-06-30', 'assess'));
    expect(early).toMatchObject({ ok: false, message: expect.stringContaining('the decision disputed was made on 2025-07-01') });
    const reopened = replayEvents(INPUT, [...HISTORY.declined_to_assess, ordered('2025-12-01', 'assess'), notIssue('2026-01-05')]);
    expect(applyEvent(LATEST_MACHINE, reopened.snapshot, ordered('2026-03-01', 'issue_plan'))).toMatchObject({ ok: false, message: expect.stringContaining('reopened by the order of 2025-12-01') });
  });

  it('keeps the refused case’s limits as they closed, and opens only what the assessment now asks for', () => {
    // Refused Tue 1 Jul 2025; ordered to assess Mon 1 Dec; the notice that it will assess goes Thu 4 Dec.
    const history = [...HISTORY.declined_to_assess, ordered('2025-12-01', 'assess'), noticeSent('decision_to_assess', '2025-12-04', 'email'), requestAdvice('health', '2025-12-05')];
    const d = deadlinesOn('2026-03-01', history);
    expect(d.decisionToAssess).toMatchObject({ metOn: '2025-07-01', status: 'met' });
    expect(d.issueDecision.status).toBe('not_applicable');
    expect(d.finalPlan.status).toBe('not_applicable');
    expect(d['advice.health']).toMatchObject({ dueOn: '2026-01-16', status: 'breached' });
    // The 20 weeks from the request no longer govern: no early-warning dates from them.
    expect(latestStepDates(replayEvents(INPUT, history).facts, '2025-10-20')).toEqual([]);
  });

  it('advice asked for before a refusal the order overturned stays closed with the refusal', () => {
    const history = [...HISTORY.declined_to_issue, ordered('2025-12-01', 'issue_plan')];
    expect(deadlinesOn('2026-03-01', history)['advice.health']).toMatchObject({ closedOn: '2025-09-01', open: false });
    expect(replayEvents(INPUT, history).status).toBe('drafting');
  });

  it('closes again with the decision not to issue made under the order, or with the final plan', () => {
    const underOrder = [...HISTORY.declined_to_assess, ordered('2025-12-01', 'assess'), requestAdvice('health', '2025-12-05')];
    expect(replayEvents(INPUT, [...underOrder, notIssue('2026-02-02')]).status).toBe('declined_to_issue');
    expect(deadlinesOn('2026-03-01', [...underOrder, notIssue('2026-02-02')])['advice.health']).toMatchObject({ closedOn: '2026-02-02', open: false });
    const planned = replayEvents(INPUT, [...underOrder, issue('2026-02-02'), withNotice({ type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-02-09' }, '2026-02-09', 'email'), finalPlan('2026-02-24')]);
    expect(planned.status).toBe('plan_issued');
  });

  it('refuses steps of the ordered assessment dated before the order', () => {
    const reopened = replayEvents(INPUT, [decline('2025-07-01'), ordered('2025-12-01', 'assess')]);
    expect(applyEvent(LATEST_MACHINE, reopened.snapshot, issue('2025-11-30'))).toMatchObject({ ok: false, message: expect.stringContaining('the order the case is carrying out was made on 2025-12-01') });
  });
});
