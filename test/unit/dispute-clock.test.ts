import { describe, expect, it } from '@jest/globals';
import {
  applyDisputeEvent,
  computeDisputeDeadlines,
  disputeMachines,
  replayDisputeEvents,
  type DisputeEvent,
  type DisputeInput,
  type OrderAction,
} from '../../workflows/ehc-dispute/index.js';
import type { Deadline as LimitDeadline } from '../../workflows/limits/index.js';

const OPTIONS = { strictMode: false };
/** A refusal to assess decided on Monday 2 November 2026 and notified on Tuesday 3 November. */
const REFUSAL: DisputeInput = { decision: 'refusal_to_assess', decidedOn: '2026-11-02', noticeSentOn: '2026-11-03', appealBufferWorkingDays: 10 };

function deadlinesOn(today: string, events: DisputeEvent[], input: DisputeInput = REFUSAL): Record<string, LimitDeadline> {
  const state = replayDisputeEvents(input, events);
  return Object.fromEntries(computeDisputeDeadlines(state.facts, today, OPTIONS).map((d) => [d.name, d]));
}

function refusal(events: DisputeEvent[], next: DisputeEvent, input: DisputeInput = REFUSAL): string {
  const result = applyDisputeEvent(disputeMachines.latest, replayDisputeEvents(input, events).snapshot, next);
  if (result.ok) throw new Error(`${next.type} was accepted`);
  return result.message;
}

const contacted: DisputeEvent = { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-11-20' };
const appealSent = (on: string): DisputeEvent => ({ type: 'APPEAL_REGISTERED', occurredOn: on });
const decidedWith = (on: string, actions: OrderAction[]): DisputeEvent => ({ type: 'TRIBUNAL_DECIDED', occurredOn: on, outcome: 'appeal_allowed', actions });

describe('mediation (SEND Regs 2014 regs 33–42)', () => {
  it('mediationAdvice: the family has 2 months from the notice to contact the adviser — a window, never the authority’s breach', () => {
    // 3 November 2026 + 2 months = 3 January 2027 (a Sunday: the window is not a Tribunal date, so it does not move).
    expect(deadlinesOn('2026-11-04', []).mediationAdvice).toMatchObject({ role: 'window', dueOn: '2027-01-03', status: 'pending' });
    expect(deadlinesOn('2027-01-04', []).mediationAdvice.status).toBe('met');
    expect(deadlinesOn('2026-12-01', [contacted]).mediationAdvice).toMatchObject({ metOn: '2026-11-20', status: 'met' });
  });

  it('mediationCertificate: 3 working days after the adviser is told mediation is declined, over Christmas', () => {
    // Declined Wednesday 23 December 2026: Thu 24 (1); Fri 25 Christmas, the weekend and Mon 28 (Boxing Day substitute) do not count; Tue 29 (2), Wed 30 (3).
    const events: DisputeEvent[] = [contacted, { type: 'MEDIATION_DECLINED', occurredOn: '2026-12-23' }];
    expect(deadlinesOn('2026-12-24', events).mediationCertificate).toMatchObject({ dueOn: '2026-12-30', status: 'pending' });
    expect(deadlinesOn('2026-12-31', events).mediationCertificate.status).toBe('breached');
    expect(deadlinesOn('2026-12-31', [...events, { type: 'CERTIFICATE_ISSUED', occurredOn: '2026-12-29' }]).mediationCertificate).toMatchObject({ metOn: '2026-12-29', status: 'met' });
  });

  it('mediationCertificate: 3 working days after mediation ends, over Easter', () => {
    // Ended Thursday 25 March 2027: Good Friday 26 March and Easter Monday 29 March do not count; Tue 30 (1), Wed 31 (2), Thu 1 April (3).
    const events: DisputeEvent[] = [contacted, { type: 'MEDIATION_REQUESTED', occurredOn: '2027-03-01' }, { type: 'MEDIATION_HELD', occurredOn: '2027-03-25' }, { type: 'MEDIATION_ENDED', occurredOn: '2027-03-25' }];
    expect(deadlinesOn('2027-03-26', events).mediationCertificate).toMatchObject({ dueOn: '2027-04-01', status: 'pending' });
  });

  it('mediationMeeting: within 30 days of the authority being told; health matters to the ICB within 3 working days only when raised', () => {
    // Told Friday 20 November 2026: meeting by Sunday 20 December; ICB by Wednesday 25 November (Mon 23, Tue 24, Wed 25).
    const requested: DisputeEvent = { type: 'MEDIATION_REQUESTED', occurredOn: '2026-11-20', healthMatters: true };
    const d = deadlinesOn('2026-11-26', [contacted, requested]);
    expect(d.mediationMeeting).toMatchObject({ dueOn: '2026-12-20', status: 'pending' });
    expect(d.mediationHealthReferral).toMatchObject({ dueOn: '2026-11-25', status: 'breached' });
    expect(deadlinesOn('2026-11-26', [contacted, { ...requested, healthMatters: false }]).mediationHealthReferral).toBeUndefined();
    expect(deadlinesOn('2026-12-21', [contacted, requested, { type: 'HEALTH_MATTERS_REFERRED', occurredOn: '2026-11-24' }, { type: 'MEDIATION_HELD', occurredOn: '2026-12-18' }])).toMatchObject({
      mediationMeeting: { metOn: '2026-12-18', status: 'met' },
      mediationHealthReferral: { metOn: '2026-11-24', status: 'met' },
    });
  });

  it('mediationAgreement: other matters within 2 weeks; an appealable matter as if it were an order (reg 42)', () => {
    const mediation: DisputeEvent[] = [contacted, { type: 'MEDIATION_REQUESTED', occurredOn: '2026-12-01' }, { type: 'MEDIATION_HELD', occurredOn: '2027-01-12' }];
    const other = deadlinesOn('2027-01-13', [...mediation, { type: 'MEDIATION_ENDED', occurredOn: '2027-01-12', agreement: { action: 'other', terms: 'A meeting with the school each term' } }]);
    // 12 January 2027 + 2 weeks = 26 January.
    expect(other.mediationAgreement).toMatchObject({ dueOn: '2027-01-26', status: 'pending' });

    const plan: DisputeInput = { ...REFUSAL, decision: 'plan_contents' };
    const amend = deadlinesOn('2027-01-13', [...mediation, { type: 'MEDIATION_ENDED', occurredOn: '2027-01-12', agreement: { action: 'amend_plan', terms: 'Section F: 1:1 support' } }], plan);
    // As an order to amend: 12 January + 5 weeks = 16 February.
    expect(amend.mediationAgreement).toMatchObject({ dueOn: '2027-02-16', status: 'pending' });
    expect(amend.orderAmendedPlan).toMatchObject({ dueOn: '2027-02-16', status: 'pending' });
  });

  it('mediationAgreement: a timescale the parties agreed in writing replaces the 2 weeks and the reg 44 limits (reg 42(5))', () => {
    const mediation: DisputeEvent[] = [contacted, { type: 'MEDIATION_REQUESTED', occurredOn: '2026-12-01' }, { type: 'MEDIATION_HELD', occurredOn: '2027-01-12' }];
    const ended = (agreement: Record<string, unknown>): DisputeEvent => ({ type: 'MEDIATION_ENDED', occurredOn: '2027-01-12', agreement } as DisputeEvent);
    // Other matters, agreed to be done by Fri 5 March 2027 rather than by 26 January.
    const other = deadlinesOn('2027-01-27', [...mediation, ended({ action: 'other', terms: 'A meeting with the school each term', agreedDueOn: '2027-03-05' })]);
    expect(other.mediationAgreement).toMatchObject({ dueOn: '2027-03-05', status: 'pending' });
    // An appealable matter agreed for Fri 2 April: every step of it is due then, not at 5 weeks (16 February).
    const plan: DisputeInput = { ...REFUSAL, decision: 'plan_contents' };
    const amend = deadlinesOn('2027-02-17', [...mediation, ended({ action: 'amend_plan', terms: 'Section F: 1:1 support', agreedDueOn: '2027-04-02' })], plan);
    expect(amend.orderAmendedPlan).toMatchObject({ dueOn: '2027-04-02', status: 'pending' });
    expect(amend.mediationAgreement).toMatchObject({ dueOn: '2027-04-02', status: 'pending' });
    expect(refusal(mediation, ended({ action: 'other', terms: 'A meeting', agreedDueOn: '2027-01-11' }))).toContain('must be a date on or after the agreement');
  });

  it('mediationAgreement: a Tribunal order dated the same day as the agreement supersedes it (its place in the trail decides)', () => {
    const plan: DisputeInput = { ...REFUSAL, decision: 'plan_contents' };
    const agreed: DisputeEvent = { type: 'MEDIATION_ENDED', occurredOn: '2027-01-12', agreement: { action: 'amend_plan', terms: 'Section F: 1:1 support' } };
    const events = [contacted, { type: 'MEDIATION_REQUESTED', occurredOn: '2026-12-01' } as DisputeEvent, { type: 'MEDIATION_HELD', occurredOn: '2027-01-12' } as DisputeEvent, agreed, appealSent('2027-01-12'), decidedWith('2027-01-12', ['change_school'])];
    // Long after the agreement's 16 February: superseded on its own day, it is neither open nor breached.
    const d = deadlinesOn('2027-03-01', events, plan);
    expect(d.mediationAgreement).toMatchObject({ open: false, status: 'not_applicable' });
    expect(d['orderAmendedPlan.1']).toMatchObject({ open: false, status: 'not_applicable' });
    // 12 January + 2 weeks = 26 January: the order's own step.
    expect(d.orderSchoolNamed).toMatchObject({ dueOn: '2027-01-26', open: true, status: 'breached' });
  });
});

describe('working days over Easter (England and Wales bank holidays)', () => {
  /** A refusal notified on Monday 2 March 2026, so that Easter 2026 falls within the dispute. */
  const SPRING_2026: DisputeInput = { ...REFUSAL, decidedOn: '2026-03-02', noticeSentOn: '2026-03-02' };
  const contacted2026: DisputeEvent = { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-03-10' };

  it.each([
    // Thursday 2 April 2026: Good Friday 3 April, the weekend and Easter Monday 6 April do not count; Tue 7 (1), Wed 8 (2), Thu 9 (3).
    ['2026-04-02', '2026-04-09'],
    // Declined on Good Friday itself: the count starts with the next working day, Tue 7 April (1), Wed 8 (2), Thu 9 (3).
    ['2026-04-03', '2026-04-09'],
    // Wednesday 1 April 2026: Thu 2 (1); Good Friday to Easter Monday skipped; Tue 7 (2), Wed 8 (3).
    ['2026-04-01', '2026-04-08'],
  ])('mediationCertificate: declined on %s, due %s (2026)', (declinedOn, dueOn) => {
    const events: DisputeEvent[] = [contacted2026, { type: 'MEDIATION_DECLINED', occurredOn: declinedOn }];
    expect(deadlinesOn(declinedOn, events, SPRING_2026).mediationCertificate).toMatchObject({ dueOn, status: 'pending' });
  });

  it('mediationCertificate: declined Wednesday 24 March 2027, due Wednesday 31 March (2027)', () => {
    // Thu 25 (1); Good Friday 26 March, the weekend and Easter Monday 29 March do not count; Tue 30 (2), Wed 31 (3).
    const events: DisputeEvent[] = [contacted, { type: 'MEDIATION_DECLINED', occurredOn: '2027-03-24' }];
    expect(deadlinesOn('2027-03-25', events).mediationCertificate).toMatchObject({ dueOn: '2027-03-31', status: 'pending' });
  });

  it('responseToAppeal: sent Wednesday 1 April 2026, due Monday 18 May 2026', () => {
    // Thu 2 April (1); Good Friday 3 and Easter Monday 6 skipped; 7–10 April (5); 13–17 (10); 20–24 (15); 27 April–1 May (20);
    // Monday 4 May is the early May bank holiday; 5–8 May (24); 11–15 (29); Monday 18 May (30).
    expect(deadlinesOn('2026-04-02', [appealSent('2026-04-01')], SPRING_2026).responseToAppeal).toMatchObject({ dueOn: '2026-05-18', status: 'pending' });
    expect(deadlinesOn('2026-05-19', [appealSent('2026-04-01')], SPRING_2026).responseToAppeal.status).toBe('breached');
  });

  it('responseToAppeal: sent Thursday 25 March 2027, due Tuesday 11 May 2027', () => {
    // Good Friday 26 and Easter Monday 29 March skipped; 30 March–2 April (4); 5–9 April (9); 12–16 (14); 19–23 (19); 26–30 (24);
    // Monday 3 May is the early May bank holiday; 4–7 May (28); Mon 10 (29), Tue 11 (30).
    expect(deadlinesOn('2027-03-26', [appealSent('2027-03-25')]).responseToAppeal).toMatchObject({ dueOn: '2027-05-11', status: 'pending' });
  });
});

describe('the appeal (HESC Rules 2008 r.20(1)(c), r.12; domain 5.6)', () => {
  it('falls on Christmas Day and moves to the next working day, Tuesday 29 December', () => {
    // Notice Sunday 25 October 2026 + 2 months = Friday 25 December; Sat 26, Sun 27, Mon 28 (Boxing Day substitute) are not working days.
    const input: DisputeInput = { ...REFUSAL, decidedOn: '2026-10-23', noticeSentOn: '2026-10-25' };
    expect(deadlinesOn('2026-10-26', [], input).appeal).toMatchObject({ role: 'window', dueOn: '2026-12-29', status: 'pending' });
  });

  it('a certificate a month before the later date pushes the appeal date back', () => {
    const events: DisputeEvent[] = [contacted, { type: 'MEDIATION_DECLINED', occurredOn: '2027-01-06' }, { type: 'CERTIFICATE_ISSUED', occurredOn: '2027-01-10' }];
    // 10 January 2027 + 1 month = Wednesday 10 February, later than 3 January.
    expect(deadlinesOn('2027-01-11', events).appeal.dueOn).toBe('2027-02-10');
  });

  it('is closed as not appealed only after the last appeal date and 10 working days more', () => {
    // Last appeal date Tuesday 29 December 2026; 10 working days after (1 January is a bank holiday) end Wednesday 13 January 2027.
    const input: DisputeInput = { ...REFUSAL, decidedOn: '2026-10-23', noticeSentOn: '2026-10-25' };
    expect(refusal([], { type: 'CLOSED_NOT_APPEALED', occurredOn: '2027-01-13' }, input)).toContain('can be closed as not appealed from 2027-01-14');
    const closed = replayDisputeEvents(input, [{ type: 'CLOSED_NOT_APPEALED', occurredOn: '2027-01-14' }]);
    expect(closed).toMatchObject({ status: 'closed', facts: { outcome: 'not_appealed', closedOn: '2027-01-14' } });
    expect(computeDisputeDeadlines(closed.facts, '2027-01-15', OPTIONS).filter((d) => d.open)).toEqual([]);
  });

  it('stays open while the family is in mediation without a certificate', () => {
    expect(refusal([contacted], { type: 'CLOSED_NOT_APPEALED', occurredOn: '2027-06-01' })).toContain('The family is in mediation and no certificate has been issued');
  });

  it('responseToAppeal: 30 working days after the Tribunal sends the appeal, that day not counted, over Christmas', () => {
    // Sent Monday 14 December 2026. December: 15–18 (4), 21–24 (8), 29–31 (11); January 2027: 4–8 (16), 11–15 (21), 18–22 (26), 25–28 (30).
    const d = deadlinesOn('2026-12-15', [appealSent('2026-12-14')]);
    expect(d.responseToAppeal).toMatchObject({ dueOn: '2027-01-28', status: 'pending' });
    expect(d.appeal).toMatchObject({ metOn: '2026-12-14', status: 'met' });
    expect(deadlinesOn('2027-01-29', [appealSent('2026-12-14')]).responseToAppeal.status).toBe('breached');
    expect(deadlinesOn('2027-01-29', [appealSent('2026-12-14'), { type: 'RESPONSE_SUBMITTED', occurredOn: '2027-01-27' }]).responseToAppeal.status).toBe('met');
  });
});

describe('orders and concessions (SEND Regs 2014 reg 44(2), reg 45)', () => {
  const appealed = [appealSent('2027-01-11')];
  // Ordered on Monday 10 May 2027.
  const order = (input: DisputeInput, actions: Parameters<typeof decidedWith>[1]) => deadlinesOn('2027-05-11', [...appealed, decidedWith('2027-05-10', actions)], input);

  it('to assess: the notice in 2 weeks, a decision not to issue in 10 (a latest date), the final plan in 14', () => {
    expect(order(REFUSAL, ['assess'])).toMatchObject({
      orderNotice: { role: 'limit', dueOn: '2027-05-24' },
      orderIssueDecision: { role: 'latest_date', dueOn: '2027-07-19' },
      orderFinalPlan: { role: 'limit', dueOn: '2027-08-16' },
    });
    expect(order({ ...REFUSAL, decision: 'refusal_to_reassess' }, ['reassess']).orderFinalPlan.dueOn).toBe('2027-08-16');
  });

  it('to make and maintain a plan: the draft in 5 weeks, the final plan in 11', () => {
    const d = order({ ...REFUSAL, decision: 'decision_not_to_issue' }, ['issue_plan']);
    expect(d).toMatchObject({ orderDraftPlan: { dueOn: '2027-06-14' }, orderFinalPlan: { dueOn: '2027-07-26' } });
    expect(d.orderNotice).toBeUndefined();
  });

  it('to amend the plan: 5 weeks; to change only the school named: 2 weeks', () => {
    const plan: DisputeInput = { ...REFUSAL, decision: 'plan_contents' };
    expect(order(plan, ['amend_plan']).orderAmendedPlan.dueOn).toBe('2027-06-14');
    expect(order(plan, ['change_school']).orderSchoolNamed.dueOn).toBe('2027-05-24');
  });

  it('a dismissed appeal against ceasing: the plan ceases at once', () => {
    const cease: DisputeInput = { ...REFUSAL, decision: 'decision_to_cease' };
    const state = replayDisputeEvents(cease, [...appealed, { type: 'TRIBUNAL_DECIDED', occurredOn: '2027-05-10', outcome: 'appeal_dismissed' }]);
    expect(state).toMatchObject({ status: 'complying', facts: { outcome: 'appeal_dismissed' } });
    expect(Object.fromEntries(computeDisputeDeadlines(state.facts, '2027-05-11', OPTIONS).map((d) => [d.name, d])).orderCease).toMatchObject({ dueOn: '2027-05-10', status: 'breached' });
  });

  it('a dismissed appeal against a refusal to assess closes the dispute, with nothing to carry out', () => {
    expect(replayDisputeEvents(REFUSAL, [...appealed, { type: 'TRIBUNAL_DECIDED', occurredOn: '2027-05-10', outcome: 'appeal_dismissed' }])).toMatchObject({ status: 'closed', facts: { outcome: 'appeal_dismissed', closedOn: '2027-05-10' } });
  });

  it('a concession gives the same limits from the day the authority tells the Tribunal, and makes the response unnecessary', () => {
    // Conceded Monday 1 March 2027: + 2 weeks = 15 March; + 10 weeks = 10 May; + 14 weeks = 7 June.
    const d = deadlinesOn('2027-03-02', [appealSent('2027-01-11'), { type: 'APPEAL_CONCEDED', occurredOn: '2027-03-01', actions: ['assess'] }]);
    expect(d).toMatchObject({ orderNotice: { dueOn: '2027-03-15' }, orderIssueDecision: { dueOn: '2027-05-10' }, orderFinalPlan: { dueOn: '2027-06-07' } });
    // 11 January + 30 working days is 22 February: conceded after it, so the response was missed; before it, it falls away.
    expect(d.responseToAppeal.status).toBe('breached');
    const early = deadlinesOn('2027-02-02', [appealSent('2027-01-11'), { type: 'APPEAL_CONCEDED', occurredOn: '2027-02-01', actions: ['assess'] }]);
    expect(early.responseToAppeal.status).toBe('not_applicable');
  });

  it('shows a step pending on its day, breached the day after, met or met late by the notice’s served date', () => {
    const ordered = [...appealed, decidedWith('2027-05-10', ['assess'])];
    expect(deadlinesOn('2027-05-24', ordered).orderNotice.status).toBe('pending');
    expect(deadlinesOn('2027-05-25', ordered).orderNotice.status).toBe('breached');
    expect(deadlinesOn('2027-05-25', [...ordered, { type: 'ORDER_STEP_MET', occurredOn: '2027-05-20', step: 'orderNotice' }]).orderNotice).toMatchObject({ metOn: '2027-05-20', status: 'met' });
    // Posted Friday 21 May: deemed served two working days later, Tuesday 25 May — a day late.
    expect(deadlinesOn('2027-05-26', [...ordered, { type: 'ORDER_STEP_MET', occurredOn: '2027-05-21', step: 'orderNotice', method: 'post' }]).orderNotice).toMatchObject({ metOn: '2027-05-25', status: 'met_late' });
  });

  it('after a decision not to issue under the order, no final plan is due, and the dispute closes', () => {
    const steps: DisputeEvent[] = [...appealed, decidedWith('2027-05-10', ['assess']), { type: 'ORDER_STEP_MET', occurredOn: '2027-05-20', step: 'orderNotice' }, { type: 'ORDER_STEP_MET', occurredOn: '2027-07-01', step: 'orderIssueDecision', decision: 'not_issue' }];
    expect(deadlinesOn('2027-09-01', steps).orderFinalPlan.status).toBe('not_applicable');
    expect(replayDisputeEvents(REFUSAL, steps).status).toBe('closed');
  });
});

describe('exceptions to an order’s limits (reg 44(3)) and nothing else', () => {
  const ordered: DisputeEvent[] = [appealSent('2027-01-11'), decidedWith('2027-05-10', ['assess'])];
  const absence = (to: string): DisputeEvent => ({ type: 'EXCEPTION_RECORDED', occurredOn: '2027-06-01', exception: 'absence_from_area', step: 'orderFinalPlan', from: '2027-05-12', to, approvedBy: 'manager-1' });

  it('an absence from the area of 2 weeks is enough; 13 days is not', () => {
    expect(refusal(ordered, absence('2027-05-24'))).toContain('at least 2 weeks');
    // 12 to 25 May is 14 days: the final plan's 16 August moves on by them, to 30 August.
    expect(deadlinesOn('2027-06-02', [...ordered, absence('2027-05-25')]).orderFinalPlan).toMatchObject({ excepted: true, revisedTarget: '2027-08-30', status: 'exception' });
  });

  it('an absence recorded open and ended after less than 2 weeks is refused when it ends', () => {
    const open: DisputeEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2027-05-12', exception: 'absence_from_area', step: 'orderFinalPlan', from: '2027-05-12', approvedBy: 'manager-1' };
    // 12 to 20 May: 9 days.
    const ended = (to: string): DisputeEvent => ({ type: 'EXCEPTION_ENDED', occurredOn: '2027-06-01', exceptionSeq: 1, to });
    expect(refusal([...ordered, open], ended('2027-05-20'))).toMatch(/at least 2 weeks within the period of orderFinalPlan .*9 days/);
    // 12 to 25 May: 14 days, accepted.
    expect(deadlinesOn('2027-06-02', [...ordered, open, ended('2027-05-25')]).orderFinalPlan).toMatchObject({ revisedTarget: '2027-08-30' });
  });

  it('an absence running past the step’s due date: only its days up to the due date count towards the 2 weeks, as for a plan; all its days move the target', () => {
    // The final plan is due Monday 16 August 2027. 10 August to 10 September has 7 days up to the due date.
    const late = (from: string, to: string): DisputeEvent => ({ type: 'EXCEPTION_RECORDED', occurredOn: '2027-08-02', exception: 'absence_from_area', step: 'orderFinalPlan', from, to, approvedBy: 'manager-1' });
    expect(refusal(ordered, late('2027-08-10', '2027-09-10'))).toContain('has 7 days in it');
    // 27 July to 16 August: 21 days within; 27 July to 26 August is 31 days: 16 August + 31 = 16 September.
    expect(deadlinesOn('2027-08-27', [...ordered, late('2027-07-27', '2027-08-26')]).orderFinalPlan).toMatchObject({ revisedTarget: '2027-09-16', status: 'exception' });
  });

  it('exceptional personal circumstances hold the limit while they last, then move its target by the days they covered', () => {
    const running: DisputeEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2027-05-12', exception: 'personal_circumstances', step: 'orderFinalPlan', from: '2027-05-12', approvedBy: 'manager-1' };
    expect(deadlinesOn('2027-09-01', [...ordered, running]).orderFinalPlan).toMatchObject({ held: true, targetOn: null, status: 'exception' });
    // 12 to 21 May: 10 days; 16 August + 10 = 26 August.
    const ended = [...ordered, running, { type: 'EXCEPTION_ENDED', occurredOn: '2027-05-21', exceptionSeq: 1, to: '2027-05-21' } as DisputeEvent];
    expect(deadlinesOn('2027-08-27', ended).orderFinalPlan).toMatchObject({ held: false, targetOn: '2027-08-26', status: 'breached' });
  });

  it('a school closure cannot excuse the 2-week notice, and no exception relaxes the appeal or the response', () => {
    const closure: DisputeEvent = { type: 'EXCEPTION_RECORDED', occurredOn: '2027-05-12', exception: 'school_closure', step: 'orderNotice', from: '2027-07-21', to: '2027-09-01', adviceRequestedOn: '2027-07-20', approvedBy: 'manager-1' };
    expect(refusal(ordered, closure)).toContain('school_closure cannot relax orderNotice');
    expect(refusal(ordered, { ...closure, step: 'responseToAppeal' as never })).toContain('step must be a step of the order in force');
  });
});

describe('refusals', () => {
  it('an event dated before the decision notice', () => {
    expect(refusal([], { ...contacted, occurredOn: '2026-11-01' })).toBe('MEDIATION_ADVICE_CONTACTED cannot be dated 2026-11-01: the decision notice disputed was sent on 2026-11-03. Check the date.');
  });

  it('an order with no appeal registered', () => {
    expect(refusal([], decidedWith('2027-05-10', ['assess']))).toContain('No appeal has been registered on this dispute: record APPEAL_REGISTERED');
  });

  it('an order that does not fit the decision disputed', () => {
    expect(refusal([appealSent('2027-01-11')], decidedWith('2027-05-10', ['cease']))).toContain('cannot require "cease"; it can require assess');
    expect(refusal([appealSent('2027-01-11')], decidedWith('2027-05-10', []))).toContain('actions must list what the authority must do: one or more of assess');
  });
});
