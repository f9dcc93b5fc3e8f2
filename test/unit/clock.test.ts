import { describe, expect, it } from '@jest/globals';
import { deadlinesFromEvents, type CaseEvent, type Deadline } from '../../workflows/ehc-needs-assessment/index.js';
import { INPUT, assess, decline, draft, finalPlan, issue, notIssue, receiveAdvice, requestAdvice, withdraw } from './fixtures/cases.js';

const STANDARD = { strictMode: false };
const STRICT = { strictMode: true };

function deadline(events: CaseEvent[], name: string, today: string, options = STANDARD): Deadline | undefined {
  return deadlinesFromEvents(INPUT, events, today, options).find((d) => d.name === name);
}

const fresh = (name: string, dueOn: string, regulation: string, role = 'limit', statutory = true) => ({
  name,
  role,
  dueOn,
  metOn: null,
  open: true,
  closedOn: null,
  excepted: false,
  held: false,
  revisedTarget: null,
  targetOn: dueOn,
  statutory,
  regulation,
  noticeAssumed: false,
  measuredFrom: null,
  status: 'pending',
});

describe('computeDeadlines: domain document 5.3 worked example (T0 Monday 2 June 2025)', () => {
  it.each([
    ['decisionToAssess', '2025-07-14', '2025-07-13', 'SEND Regs 2014 reg 5(1)', 'limit'],
    ['issueDecision', '2025-09-22', '2025-09-21', 'SEND Regs 2014 reg 10(1)', 'latest_date'],
    ['finalPlan', '2025-10-20', '2025-10-19', 'SEND Regs 2014 reg 13(2)', 'limit'],
  ])('%s is due %s (strict mode %s), citing %s, as a %s', (name, standard, strict, regulation, role) => {
    expect(deadline([], name, '2025-06-02')).toEqual(fresh(name, standard, regulation, role));
    expect(deadline([], name, '2025-06-02', STRICT)).toMatchObject({ dueOn: strict, targetOn: strict });
  });

  it('lists a new case\'s deadlines in a stable order, with no advice or representations yet', () => {
    expect(deadlinesFromEvents(INPUT, [], '2025-06-02', STANDARD).map((d) => d.name)).toEqual(['decisionToAssess', 'issueDecision', 'finalPlan']);
  });

  it('gives the family until Mon 15 Sep on a draft served Mon 1 Sep, in both modes', () => {
    const events = [assess('2025-07-01'), issue('2025-08-20'), draft('2025-09-01')];
    for (const options of [STANDARD, STRICT]) {
      expect(deadline(events, 'representations', '2025-09-10', options)).toEqual(fresh('representations', '2025-09-15', 'SEND Regs 2014 reg 13(1)(a)', 'window', false));
    }
  });
});

describe('computeDeadlines: statuses', () => {
  it.each<[string, CaseEvent[], string, string, Partial<Deadline>]>([
    ['a decision on the due date is met', [assess('2025-07-14')], 'decisionToAssess', '2025-08-01', { status: 'met', metOn: '2025-07-14', open: false, noticeAssumed: true }],
    ['a decision the day after is met late', [assess('2025-07-15')], 'decisionToAssess', '2025-08-01', { status: 'met_late', metOn: '2025-07-15' }],
    ['a refusal counts as the decision', [decline('2025-07-10')], 'decisionToAssess', '2025-08-01', { status: 'met', metOn: '2025-07-10' }],
    ['no decision on the due date is pending', [], 'decisionToAssess', '2025-07-14', { status: 'pending', metOn: null }],
    ['no decision the day after is breached', [], 'decisionToAssess', '2025-07-15', { status: 'breached', metOn: null }],
    ['issueDecision stops applying once the decision is to issue', [assess('2025-07-01'), issue('2025-09-30')], 'issueDecision', '2025-10-01', { status: 'not_applicable', metOn: null, open: false }],
    ['a no-plan notice on the 16-week date is met', [assess('2025-07-01'), notIssue('2025-09-22')], 'issueDecision', '2025-10-01', { status: 'met', metOn: '2025-09-22' }],
    ['a late no-plan notice is met late', [assess('2025-07-01'), notIssue('2025-09-23')], 'issueDecision', '2025-10-01', { status: 'met_late' }],
    ['a refusal to assess ends issueDecision', [decline('2025-07-01')], 'issueDecision', '2025-12-01', { status: 'not_applicable' }],
    ['a refusal to assess ends finalPlan', [decline('2025-07-01')], 'finalPlan', '2025-12-01', { status: 'not_applicable' }],
    ['a no-plan decision ends finalPlan', [assess('2025-07-01'), notIssue('2025-09-01')], 'finalPlan', '2025-12-01', { status: 'not_applicable' }],
    ['a final plan on the 20-week date is met', [assess('2025-07-01'), issue('2025-08-01'), draft('2025-09-01'), finalPlan('2025-10-20')], 'finalPlan', '2025-11-01', { status: 'met', metOn: '2025-10-20' }],
    // Reg 10(1) times only a "no plan" notice (domain 2.6): undecided, the 16-week date is a latest date, never a breach.
    ['an undecided case is still pending after 16 weeks', [assess('2025-07-01')], 'issueDecision', '2025-12-23', { status: 'pending', role: 'latest_date', open: true }],
    ['the 20-week limit is breached the day after it', [assess('2025-07-01')], 'finalPlan', '2025-10-21', { status: 'breached', open: true }],
  ])('%s', (_, events, name, today, expected) => {
    expect(deadline(events, name, today)).toMatchObject(expected);
  });

  it('strict mode makes a decision on the standard due date late', () => {
    expect(deadline([assess('2025-07-14')], 'decisionToAssess', '2025-08-01', STRICT)).toMatchObject({ dueOn: '2025-07-13', status: 'met_late' });
  });
});

describe('computeDeadlines: advice', () => {
  const events = [assess('2025-07-01'), requestAdvice('health', '2025-07-02'), requestAdvice('education', '2025-07-03'), receiveAdvice('education', '2025-08-15')];

  it('gives each request 6 weeks; only health advice is statutory (CFA 2014 s.31)', () => {
    expect(deadline(events, 'advice.health', '2025-08-01')).toEqual(fresh('advice.health', '2025-08-13', 'SEND Regs 2014 reg 8(1)'));
    expect(deadline(events, 'advice.education', '2025-08-20')).toMatchObject({ dueOn: '2025-08-14', status: 'met_late', metOn: '2025-08-15', statutory: false });
    expect(deadline(events, 'advice.social_care', '2025-08-20')).toBeUndefined();
  });

  it('breaches outstanding advice the day after its due date, and not on it', () => {
    expect(deadline(events, 'advice.health', '2025-08-13')?.status).toBe('pending');
    expect(deadline(events, 'advice.health', '2025-08-14')?.status).toBe('breached');
  });

  it('stops chasing advice that never came once the plan is issued', () => {
    const done = [...events, issue('2025-07-20'), draft('2025-08-01'), finalPlan('2025-08-10', '2025-08-05')];
    expect(deadline(done, 'advice.health', '2025-09-01')).toMatchObject({ status: 'not_applicable', metOn: null, open: false, closedOn: '2025-08-10' });
  });
});

describe('computeDeadlines: withdrawal', () => {
  it('makes deadlines not yet due not_applicable, and closes every one off that day', () => {
    const all = deadlinesFromEvents(INPUT, [withdraw('2025-07-10')], '2025-12-01', STANDARD);
    expect(all.map((d) => [d.name, d.status, d.open, d.closedOn])).toEqual([
      ['decisionToAssess', 'not_applicable', false, '2025-07-10'],
      ['issueDecision', 'not_applicable', false, '2025-07-10'],
      ['finalPlan', 'not_applicable', false, '2025-07-10'],
    ]);
  });

  it('keeps a deadline that was already missed as breached, but no longer open', () => {
    const all = deadlinesFromEvents(INPUT, [withdraw('2025-07-20')], '2025-12-01', STANDARD);
    expect(all.map((d) => [d.status, d.open, d.closedOn])).toEqual([
      ['breached', false, '2025-07-20'],
      ['not_applicable', false, '2025-07-20'],
      ['not_applicable', false, '2025-07-20'],
    ]);
  });

  it('closes a limit on its due date as not_applicable: it had not yet been missed', () => {
    expect(deadline([withdraw('2025-07-14')], 'decisionToAssess', '2025-12-01')).toMatchObject({ status: 'not_applicable', open: false });
  });

  it('keeps a step met before withdrawal as met', () => {
    expect(deadline([assess('2025-07-01'), withdraw('2025-08-01')], 'decisionToAssess', '2025-12-01')).toMatchObject({ status: 'met', metOn: '2025-07-01' });
  });
});

describe('computeDeadlines: representations', () => {
  const drafted = [assess('2025-07-01'), issue('2025-08-20'), draft('2025-09-01')];

  it('is pending through its last day, then met on that day', () => {
    expect(deadline(drafted, 'representations', '2025-09-15')).toMatchObject({ status: 'pending', metOn: null });
    // A window that has run its course is honoured, never overdue: the record itself does not change with today.
    expect(deadline(drafted, 'representations', '2025-09-16')).toMatchObject({ status: 'met', metOn: '2025-09-15' });
    expect(deadline(drafted, 'representations', '2026-09-16')).toMatchObject({ status: 'met', metOn: '2025-09-15' });
  });

  it('is met on the day the family waived the rest of the window', () => {
    expect(deadline([...drafted, finalPlan('2025-09-05', '2025-09-04')], 'representations', '2025-09-05')).toMatchObject({ status: 'met', metOn: '2025-09-04' });
  });

  it('no longer applies when the request is withdrawn during the window', () => {
    expect(deadline([...drafted, withdraw('2025-09-10')], 'representations', '2025-09-20')).toMatchObject({ status: 'not_applicable' });
  });
});
