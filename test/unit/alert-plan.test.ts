import { describe, expect, it } from '@jest/globals';
import { londonInstant, planAlerts, type DeadlineFacts } from '../../workflows/ehc-needs-assessment/index.js';

const POLICY = { warningWorkingDays: [10, 5], alertTime: '08:00' };
const open = (name: string, dueOn: string): DeadlineFacts => ({ name, dueOn, open: true, excepted: false });
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

  it('raises only the latest alert that has come, and never one for a met or excepted limit', () => {
    const deadlines = [
      open('decisionToAssess', '2026-11-16'),
      { ...open('finalPlan', '2026-11-10'), open: false },
      { ...open('issueDecision', '2026-11-12'), excepted: true },
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
});
