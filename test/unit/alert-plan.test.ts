import { describe, expect, it } from '@jest/globals';
import { computeLimitRecords, isOverdue, londonInstant, planAlerts, replayEvents, type DeadlineFacts } from '../../workflows/ehc-needs-assessment/index.js';
import { INPUT, assess } from './fixtures/cases.js';

const POLICY = { warningWorkingDays: [10, 5], alertTime: '08:00' };
const open = (name: string, targetOn: string, role: DeadlineFacts['role'] = 'limit'): DeadlineFacts => ({ name, role, open: true, targetOn });
const at = (date: string, time = '12:00') => londonInstant(date, time);
const slots = (alerts: { slot: string; on: string }[]) => alerts.map((a) => `${a.slot}@${a.on}`);

describe(planAlerts.name, () => {
  it('plans warnings 10 and 5 working days before, on the day, and a breach the day after', () => {
    const plan = planAlerts([open('decisionToAssess', '2026-12-14')], POLICY, at('2026-11-23'));
    expect(plan.now).toEqual([]);
    expect(slots(plan.later)).toEqual(['w10@2026-11-30', 'w5@2026-12-07', 'due@2026-12-14', 'breach@2026-12-15']);
    expect(plan.later.map((a) => a.kind)).toEqual(['deadline_warning', 'deadline_warning', 'deadline_warning', 'deadline_breach']);
  });

  it('counts working days over bank holidays', () => {
    const plan = planAlerts([open('finalPlan', '2027-01-05')], POLICY, at('2026-11-23'));
    // Counting back from Tue 5 Jan 2027 skips 1 Jan, the substitute Boxing Day (28 Dec) and Christmas Day.
    expect(slots(plan.later).slice(0, 2)).toEqual(['w10@2026-12-17', 'w5@2026-12-24']);
  });

  it('raises only the latest alert that has come, and never one for a closed limit, a held one or a window', () => {
    const deadlines = [
      open('decisionToAssess', '2026-11-16'),
      { ...open('finalPlan', '2026-11-10'), open: false },
      { ...open('finalPlan', '2026-11-12'), targetOn: null },
      open('representations', '2026-11-30', 'window'),
    ];
    const plan = planAlerts(deadlines, POLICY, at('2026-11-23'));
    expect(plan.now.map((a) => `${a.deadline}:${a.kind}:${a.slot}`)).toEqual(['decisionToAssess:deadline_breach:breach']);
    expect(plan.later).toEqual([]);
  });

  it('fires at 08:00 London time, in winter and in summer', () => {
    const winter = planAlerts([open('decisionToAssess', '2027-01-20')], POLICY, at('2026-11-23')).later.at(-1)!;
    const summer = planAlerts([open('decisionToAssess', '2027-07-20')], POLICY, at('2026-11-23')).later.at(-1)!;
    expect(winter.at.toISOString()).toBe('2027-01-21T08:00:00.000Z');
    expect(summer.at.toISOString()).toBe('2027-07-21T07:00:00.000Z');
  });

  it('waits for the alert time on the day itself', () => {
    const early = planAlerts([open('decisionToAssess', '2026-11-22')], POLICY, at('2026-11-23', '07:59'));
    expect(slots(early.now)).toEqual(['due@2026-11-22']);
    expect(slots(early.later)).toEqual(['breach@2026-11-23']);
    const late = planAlerts([open('decisionToAssess', '2026-11-22')], POLICY, at('2026-11-23', '08:00'));
    expect(slots(late.now)).toEqual(['breach@2026-11-23']);
  });

  it('reminds advice contributors, then escalates weekly until the advice arrives', () => {
    const before = planAlerts([open('advice.health', '2026-12-04')], POLICY, at('2026-11-23'));
    expect(before.later.map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual([
      'advice_reminder:w5@2026-11-27',
      'advice_reminder:due@2026-12-04',
      'advice_escalation:esc1@2026-12-05',
      'advice_escalation:esc2@2026-12-12',
    ]);
    expect(slots(before.now)).toEqual(['w10@2026-11-20']);
    const weeksLater = planAlerts([open('advice.health', '2026-12-04')], POLICY, at('2026-12-20'));
    expect(weeksLater.now.map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual(['advice_escalation:esc3@2026-12-19']);
    expect(slots(weeksLater.later)).toEqual(['esc4@2026-12-26']);
  });

  it('alerts on the target it is given: the revised target of an excepted limit', () => {
    // finalPlan due 2026-11-16, revised by a 21-day exception to 2026-12-07.
    const plan = planAlerts([open('finalPlan', '2026-12-07')], POLICY, at('2026-11-17'));
    expect(plan.now).toEqual([]);
    expect(plan.later.map((a) => `${a.slot}@${a.on}:${a.dueOn}`)).toEqual(['w10@2026-11-23:2026-12-07', 'w5@2026-11-30:2026-12-07', 'due@2026-12-07:2026-12-07', 'breach@2026-12-08:2026-12-07']);
  });

  it('warns about a latest date and reminds on the day, but never raises a breach for it (reg 10(1))', () => {
    const before = planAlerts([open('issueDecision', '2026-12-14', 'latest_date')], POLICY, at('2026-11-23'));
    expect(before.later.map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual([
      'deadline_warning:w10@2026-11-30',
      'deadline_warning:w5@2026-12-07',
      'deadline_warning:due@2026-12-14',
    ]);
    const monthsLater = planAlerts([open('issueDecision', '2026-12-14', 'latest_date')], POLICY, at('2027-03-01'));
    expect(monthsLater.now.map((a) => a.kind)).toEqual(['deadline_warning']);
    expect(monthsLater.later).toEqual([]);
  });

  it('gives a second request to a contributor its own reminders and escalations', () => {
    const plan = planAlerts([open('advice.health', '2026-12-04'), open('advice.health.2', '2026-12-11')], POLICY, at('2026-12-05', '09:00'));
    expect(plan.now.map((a) => `${a.deadline}:${a.kind}:${a.slot}`)).toEqual(['advice.health:advice_escalation:esc1', 'advice.health.2:advice_reminder:w5']);
    expect(plan.later.filter((a) => a.deadline === 'advice.health.2').map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual([
      'advice_reminder:due@2026-12-11',
      'advice_escalation:esc1@2026-12-12',
      'advice_escalation:esc2@2026-12-19',
    ]);
  });

  it('never plans a breach or an overdue entry for an undecided case\'s 16-week date (reg 10(1), domain 2.6)', () => {
    // T0 2 June 2025: the 16-week latest date is Monday 22 September.
    const records = computeLimitRecords(replayEvents(INPUT, [assess('2025-07-01')]).facts, { strictMode: false });
    const issueDecision = records.find((r) => r.name === 'issueDecision')!;
    expect(issueDecision).toMatchObject({ role: 'latest_date', open: true, targetOn: '2025-09-22' });
    expect(isOverdue(issueDecision, '2026-01-01')).toBe(false);
    const plan = planAlerts([issueDecision], POLICY, at('2025-07-02'));
    expect(plan.later.map((a) => `${a.kind}:${a.slot}@${a.on}`)).toEqual([
      'deadline_warning:w10@2025-09-08',
      'deadline_warning:w5@2025-09-15',
      'deadline_warning:due@2025-09-22',
    ]);
  });
});
