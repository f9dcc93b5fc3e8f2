import { describe, expect, it } from '@jest/globals';
import {
  CLOSED_STATUSES,
  LATEST_MACHINE,
  applyEvent,
  computeLimitRecords,
  deadlinesFromEvents,
  planAlerts,
  replayEvents,
  week20ExceptionApplies,
  type CaseEvent,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, approve, approvedException, assess, decline, endException, exception, notIssue, receiveAdvice, requestAdvice, withdraw } from './fixtures/cases.js';

const STANDARD = { strictMode: false };
const POLICY = { warningWorkingDays: [10, 5], alertTime: '08:00' };
const all = (events: CaseEvent[], today = '2026-06-01') => deadlinesFromEvents(INPUT, events, today, STANDARD);
const limitOf = (events: CaseEvent[], name: string, today?: string) => all(events, today).find((d) => d.name === name)!;

describe('a closed case closes off every limit still open', () => {
  it.each(CLOSED_STATUSES)('leaves no open limit, and no alert, once %s', (status) => {
    const facts = replayEvents(INPUT, HISTORY[status]).facts;
    const records = computeLimitRecords(facts, STANDARD);
    expect(records.filter((r) => r.open)).toEqual([]);
    expect(planAlerts(records, POLICY, new Date('2026-06-01T12:00:00Z'))).toEqual({ now: [], later: [] });
  });

  it('reports advice missed before the plan was issued as breached, closed off on the plan\'s day', () => {
    // Health advice was asked for on 2 July (due 13 August); the plan is issued on 16 September without it.
    expect(limitOf(HISTORY.plan_issued, 'advice.health')).toMatchObject({ status: 'breached', open: false, closedOn: '2025-09-16', metOn: null });
  });

  it('still records advice that arrives after the plan, without reopening anything', () => {
    const result = applyEvent(LATEST_MACHINE, replayEvents(INPUT, HISTORY.plan_issued).snapshot, receiveAdvice('health', '2025-09-20'));
    expect(result).toMatchObject({ ok: true, status: 'plan_issued' });
    const late = [...HISTORY.plan_issued, receiveAdvice('health', '2025-09-20')];
    expect(limitOf(late, 'advice.health')).toMatchObject({ status: 'met_late', metOn: '2025-09-20', open: false });
    expect(computeLimitRecords(replayEvents(INPUT, late).facts, STANDARD).filter((r) => r.open)).toEqual([]);
  });

  it('makes advice not yet due not_applicable when the decision is not to issue', () => {
    const events = [assess('2025-07-01'), requestAdvice('health', '2025-08-01'), notIssue('2025-09-01')];
    expect(all(events).map((d) => [d.name, d.status, d.open, d.closedOn])).toEqual([
      ['decisionToAssess', 'met', false, null],
      ['issueDecision', 'met', false, null],
      ['finalPlan', 'not_applicable', false, null],
      ['advice.health', 'not_applicable', false, '2025-09-01'],
    ]);
  });

  it('closes a refusal to assess with nothing left open', () => {
    expect(all([decline('2025-07-20')]).map((d) => [d.name, d.status, d.open])).toEqual([
      ['decisionToAssess', 'met_late', false],
      ['issueDecision', 'not_applicable', false],
      ['finalPlan', 'not_applicable', false],
    ]);
  });

  it('never reports the 16-week latest date as missed when an undecided case is withdrawn after it', () => {
    expect(limitOf([assess('2025-07-01'), withdraw('2025-10-01')], 'issueDecision')).toMatchObject({ status: 'not_applicable', open: false, closedOn: '2025-10-01' });
    expect(limitOf([assess('2025-07-01'), withdraw('2025-10-01')], 'finalPlan')).toMatchObject({ status: 'not_applicable', open: false });
    expect(limitOf([assess('2025-07-01'), withdraw('2025-10-21')], 'finalPlan')).toMatchObject({ status: 'breached', open: false, closedOn: '2025-10-21' });
  });

  it('judges a limit closed off under an exception against its revised target', () => {
    // 21 days of exception: the 20-week limit of 20 October moves to 10 November.
    const excepted = [approvedException('personal_circumstances', '2025-06-10', '2025-06-30'), assess('2025-07-01')];
    expect(limitOf([...excepted, withdraw('2025-11-05')], 'finalPlan')).toMatchObject({ status: 'not_applicable', open: false, revisedTarget: '2025-11-10' });
    expect(limitOf([...excepted, withdraw('2025-11-10')], 'finalPlan')).toMatchObject({ status: 'not_applicable' });
    expect(limitOf([...excepted, withdraw('2025-11-11')], 'finalPlan')).toMatchObject({ status: 'breached', open: false, closedOn: '2025-11-11' });
  });
});

describe('week20ExceptionApplies: SEN2 Week20 as it stood on a date', () => {
  const RUNNING = [assess('2025-07-01'), exception('personal_circumstances', '2025-07-01', undefined, { occurredOn: '2025-07-05' })];
  const facts = (events: CaseEvent[]) => replayEvents(INPUT, events).facts;

  it('is not set by a proposal, and is set from the day the exception was approved', () => {
    expect(week20ExceptionApplies(facts(RUNNING), '2026-03-31')).toBe(false);
    const approved = facts([...RUNNING, approve(1, '2025-07-07')]);
    expect(week20ExceptionApplies(approved, '2025-07-06')).toBe(false);
    expect(week20ExceptionApplies(approved, '2025-07-07')).toBe(true);
    expect(week20ExceptionApplies(approved, '2026-03-31')).toBe(true);
  });

  it('is not set by an absence that lapsed for every limit it was claimed against', () => {
    const absent = [assess('2025-07-01'), approvedException('absence_from_area', '2025-07-20', undefined, { occurredOn: '2025-07-20' }), endException(1, '2025-08-05', '2025-08-06')];
    expect(replayEvents(INPUT, absent).facts.exceptions[0]?.lapsed?.map((l) => l.limit)).toEqual(['issueDecision', 'finalPlan']);
    expect(week20ExceptionApplies(facts(absent), '2026-03-31')).toBe(false);
  });

  it('keeps the value a past date had: an absence still running then counted, though it lapsed later', () => {
    const absent = [assess('2025-07-01'), approvedException('absence_from_area', '2025-07-20', undefined, { occurredOn: '2025-07-20' }), endException(1, '2025-08-05', '2025-08-06')];
    expect(week20ExceptionApplies(facts(absent), '2025-07-31')).toBe(true);
    expect(week20ExceptionApplies(facts(absent), '2025-08-05')).toBe(true);
    expect(week20ExceptionApplies(facts(absent), '2025-08-06')).toBe(false);
  });

  it('is set by a closure only once educational advice was requested within its window', () => {
    const closure = approvedException('school_closure', '2025-07-23', '2025-09-02', { occurredOn: '2025-07-10' });
    expect(week20ExceptionApplies(facts([closure, assess('2025-07-11'), requestAdvice('education', '2025-07-14')]), '2026-03-31')).toBe(false);
    expect(week20ExceptionApplies(facts([closure, assess('2025-07-11'), requestAdvice('education', '2025-07-18')]), '2026-03-31')).toBe(true);
  });

  it('counts a closure from the day the qualifying advice request was made, not before', () => {
    const closure = approvedException('school_closure', '2025-07-23', '2025-09-02', { occurredOn: '2025-07-10' });
    const qualified = facts([closure, assess('2025-07-11'), requestAdvice('education', '2025-07-18')]);
    expect(week20ExceptionApplies(qualified, '2025-07-17')).toBe(false);
    expect(week20ExceptionApplies(qualified, '2025-07-18')).toBe(true);
  });
});
