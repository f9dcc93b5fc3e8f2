import { describe, expect, it } from '@jest/globals';
import { LATEST_MACHINE, applyEvent, deadlinesFromEvents, replayEvents, type CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { servedOn } from '../../workflows/limits/index.js';
import { HISTORY, INPUT, assess, draft, finalPlan, issue, noticeSent, notIssue, requestAdvice, withNotice } from './fixtures/cases.js';

const STANDARD = { strictMode: false };
const limitOf = (events: CaseEvent[], name: string, today = '2025-12-31') => deadlinesFromEvents(INPUT, events, today, STANDARD).find((d) => d.name === name)!;

function refusal(history: CaseEvent[], event: CaseEvent): string {
  const result = applyEvent(LATEST_MACHINE, replayEvents(INPUT, history).snapshot, event);
  if (result.ok) throw new Error(`expected ${event.type} to be refused, but the case moved to ${result.status}`);
  expect(result.code).toBe('CASE_EVENT_REFUSED');
  return result.message;
}

describe('servedOn (domain 5.2)', () => {
  it.each([
    ['2025-07-11', 'email', '2025-07-11', 'email: the day sent'],
    ['2025-07-11', 'portal', '2025-07-11', 'portal: the day sent'],
    ['2025-07-12', 'hand', '2025-07-12', 'by hand: that day, even a Saturday'],
    ['2025-07-11', 'post', '2025-07-15', 'posted on a Friday: served on the Tuesday'],
    ['2025-08-22', 'post', '2025-08-27', 'posted the Friday before the summer bank holiday'],
    ['2025-12-23', 'post', '2025-12-29', 'posted before Christmas: 24 December, then Monday 29th'],
  ] as const)('%s by %s is served %s (%s)', (sent, method, served, _why) => {
    expect(servedOn(sent, method)).toBe(served);
  });
});

describe('limits are met when the family is told', () => {
  it('meets a decision on its notice\'s served date, not the decision date', () => {
    // Decided on the due date, Monday 14 July, but posted that day: served Wednesday 16 July.
    expect(limitOf([withNotice(assess('2025-07-14'), '2025-07-14', 'post')], 'decisionToAssess')).toMatchObject({ metOn: '2025-07-16', status: 'met_late', noticeAssumed: false });
    expect(limitOf([withNotice(assess('2025-07-14'), '2025-07-14', 'email')], 'decisionToAssess')).toMatchObject({ metOn: '2025-07-14', status: 'met', noticeAssumed: false });
  });

  it('takes the decision date with no notice recorded, flagged noticeAssumed, until NOTICE_SENT records it', () => {
    const panel: CaseEvent = { type: 'DECISION_TO_ASSESS', occurredOn: '2025-07-10', decision: 'assess', panelMeetingId: 'panel-7' };
    expect(limitOf([panel], 'decisionToAssess')).toMatchObject({ metOn: '2025-07-10', status: 'met', noticeAssumed: true });
    const told = [panel, noticeSent('decision_to_assess', '2025-07-11', 'post')];
    expect(limitOf(told, 'decisionToAssess')).toMatchObject({ metOn: '2025-07-15', status: 'met_late', noticeAssumed: false });
    // A later notice to the family replaces the one recorded for them.
    expect(limitOf([...told, noticeSent('decision_to_assess', '2025-07-12', 'email')], 'decisionToAssess')).toMatchObject({ metOn: '2025-07-12', status: 'met' });
  });

  it('counts a late "no plan" notice as met_late', () => {
    const late = [assess('2025-07-01'), withNotice(notIssue('2025-09-22'), '2025-09-22', 'post')];
    expect(limitOf(late, 'issueDecision')).toMatchObject({ metOn: '2025-09-24', status: 'met_late', noticeAssumed: false });
  });

  it('meets the final plan on the latest recipient\'s served date', () => {
    const sent = [...HISTORY.draft_issued, withNotice(finalPlan('2025-10-16'), '2025-10-16', 'email')];
    expect(limitOf(sent, 'finalPlan')).toMatchObject({ metOn: '2025-10-16', status: 'met' });
    // The ICB's copy is posted on Friday 17 October: served Tuesday 21 October, a day late.
    const icb = [...sent, noticeSent('final_plan', '2025-10-17', 'post', 'ICB')];
    expect(limitOf(icb, 'finalPlan')).toMatchObject({ metOn: '2025-10-21', status: 'met_late' });
    const again = [...icb, noticeSent('final_plan', '2025-10-18', 'email')];
    expect(replayEvents(INPUT, again).facts.notices.final_plan).toEqual([
      { recipient: 'ICB', sentOn: '2025-10-17', method: 'post', servedOn: '2025-10-21' },
      { recipient: 'family', sentOn: '2025-10-18', method: 'email', servedOn: '2025-10-18' },
    ]);
    expect(limitOf(again, 'finalPlan')).toMatchObject({ metOn: '2025-10-21' });
    expect(limitOf([...HISTORY.draft_issued, finalPlan('2025-10-16')], 'finalPlan')).toMatchObject({ metOn: '2025-10-16', noticeAssumed: true });
  });
});

describe('the family\'s 15 days start on the draft\'s served date (reg 13(1)(a))', () => {
  // A draft posted on Friday 29 August 2025 is served on Tuesday 2 September.
  const POSTED = [...HISTORY.drafting, withNotice(draft('2025-08-29'), '2025-08-29', 'post')];

  it('runs the window from the served date', () => {
    expect(limitOf(POSTED, 'representations', '2025-09-10')).toMatchObject({ dueOn: '2025-09-16', status: 'pending' });
    expect(limitOf([...HISTORY.drafting, draft('2025-08-29')], 'representations', '2025-09-10')).toMatchObject({ dueOn: '2025-09-12' });
  });

  it('refuses the final plan until served + 15 days', () => {
    expect(refusal(POSTED, finalPlan('2025-09-16'))).toMatch(/cannot be issued before 2025-09-17: the family has at least 15 days on the draft served 2025-09-02, up to 2025-09-16/);
    const result = applyEvent(LATEST_MACHINE, replayEvents(INPUT, POSTED).snapshot, finalPlan('2025-09-17'));
    expect(result).toMatchObject({ ok: true, status: 'plan_issued' });
  });

  it('refuses a later draft notice that would make a final plan already issued too early', () => {
    const issued = [...HISTORY.draft_issued, finalPlan('2025-09-16')];
    expect(refusal(issued, noticeSent('draft_plan', '2025-09-01', 'post'))).toMatch(/would make the final plan of 2025-09-16 too early.*before 2025-09-18/);
    expect(applyEvent(LATEST_MACHINE, replayEvents(INPUT, issued).snapshot, noticeSent('draft_plan', '2025-09-01', 'email'))).toMatchObject({ ok: true, status: 'plan_issued' });
  });
});

describe('notice refusals', () => {
  it.each<[string, CaseEvent[], CaseEvent, RegExp]>([
    ['a notice sent before the decision', [], withNotice(assess('2025-07-01'), '2025-06-30', 'email'), /notice of the decision cannot be sent \(2025-06-30\) before the decision was made on 2025-07-01/],
    ['NOTICE_SENT dated before its step', [assess('2025-07-01')], noticeSent('decision_to_assess', '2025-06-30', 'email'), /before the decision to assess was made on 2025-07-01/],
    ['NOTICE_SENT of a step not yet taken', HISTORY.drafting, noticeSent('draft_plan', '2025-08-25', 'email'), /There is no draft plan on this case/],
    ['an unknown method', [], withNotice(assess('2025-07-01'), '2025-07-01', 'fax' as 'email'), /notice.method must be one of email, portal, hand, post/],
    ['an unknown notice', [assess('2025-07-01')], { ...noticeSent('decision_to_assess', '2025-07-02', 'email'), notice: 'review' } as unknown as CaseEvent, /notice must be one of decision_to_assess, decision_to_issue, draft_plan, final_plan/],
  ])('refuses %s', (_, history, event, message) => {
    expect(refusal(history, event)).toMatch(message);
  });

  it('still needs the advice requested before a decision to issue, whatever the notice', () => {
    expect(refusal([assess('2025-07-01'), requestAdvice('health', '2025-07-02')], withNotice(issue('2025-07-01'), '2025-07-01', 'email'))).toMatch(/still requesting advice/);
  });
});
