import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AlertPlanner } from '../../src/alerts/alert-planner.service.js';
import { ManagerDigests } from '../../src/alerts/digest/manager-digests.service.js';
import { TEST_USER } from '../support/auth.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { recordDisputeEvent } from '../support/dispute-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

/** A refused case, disputed, appealed and ordered to be assessed on `orderedOn`, through `http`'s authority. */
async function orderedDispute(t: TestApp, appealedOn: string, orderedOn: string) {
  const refused = await createCase(t);
  const declined = await postEvent(t, refused.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'decline', reasons: 'Needs met at SEN support' });
  if (declined.status !== 200) throw new Error(`declining answered ${declined.status}`);
  const opened = await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
  if (opened.status !== 201) throw new Error(`opening a dispute answered ${opened.status}: ${JSON.stringify(opened.body)}`);
  await recordDisputeEvent(t, opened.body.id, { type: 'APPEAL_REGISTERED', occurredOn: appealedOn });
  return recordDisputeEvent(t, opened.body.id, { type: 'TRIBUNAL_DECIDED', occurredOn: orderedOn, outcome: 'appeal_allowed', actions: ['assess'] });
}

describe('disputes in the managers’ digest and the alerts inbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  it('lists the order step overdue and the one due within 14 days, per caseworker, and not another authority’s', async () => {
    // Ordered Tuesday 10 November: the notice was due 2 weeks later, Tuesday 24 November.
    const late = await orderedDispute(t, '2026-11-05', '2026-11-10');
    // Ordered Monday 23 November: its notice is due Monday 7 December.
    const soon = await orderedDispute(t, '2026-11-20', '2026-11-23');
    await recordDisputeEvent(t, late.id, { type: 'ASSIGNED', occurredOn: '2026-11-23', assigneeId: TEST_USER.id });
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    const theirs = await orderedDispute({ ...t, http: other.http }, '2026-11-05', '2026-11-10');

    // 07:00 in London on Tuesday 1 December (GMT).
    t.clock.setNow(new Date('2026-12-01T07:00:00Z'));
    await t.app.get(ManagerDigests).raiseDue();
    const digest = (await t.http.get('/api/digests/2026-12-01')).body;
    expect(digest.content.disputes.totals).toEqual({ ordersOverdue: 1, ordersDueSoon: 1 });
    const [mine, unassigned] = digest.content.disputes.teams;
    expect(mine).toEqual({
      assignee: TEST_USER.email,
      ordersOverdue: [{ disputeId: late.id, reference: late.reference, deadline: 'orderNotice', dueOn: '2026-11-24', days: 7 }],
      ordersDueSoon: [],
    });
    expect(unassigned).toEqual({
      assignee: null,
      ordersOverdue: [],
      ordersDueSoon: [{ disputeId: soon.id, reference: soon.reference, deadline: 'orderNotice', dueOn: '2026-12-07', days: 6 }],
    });
    expect(JSON.stringify(digest.content)).not.toContain(theirs.id);

    const mail = await t.app.get(ManagerDigests).message(digest.id);
    expect(mail.subject).toContain('; 1 order step overdue');
    expect(mail.text).toContain('Tribunal orders and agreements due on');
    expect(mail.text).toContain(`${late.reference}  the notice under the Tribunal’s order or the concession (SEND Regs 2014 reg 44): due 24 November 2026, 7 days overdue`);
    expect(mail.text).toContain(`${soon.reference}  the notice under the Tribunal’s order or the concession (SEND Regs 2014 reg 44): due 7 December 2026, 6 days left`);
    expect(mail.text).not.toContain('Okafor');
  });

  it('the alerts inbox names the dispute an alert is about by disputeId, as it names a plan by planId, and filters by it', async () => {
    const late = await orderedDispute(t, '2026-11-05', '2026-11-10');
    t.clock.setToday('2026-12-01');
    expect(await t.app.get(AlertPlanner).planDispute(late.id)).toBeGreaterThan(0);
    const inbox = (await t.http.get('/api/alerts')).body.items.filter((a: { deadline: string }) => a.deadline === 'orderNotice');
    expect(inbox.length).toBeGreaterThan(0);
    for (const alert of inbox) expect(alert).toMatchObject({ caseId: null, planId: null, disputeId: late.id, reference: late.reference });
    const filtered = (await t.http.get(`/api/alerts?disputeId=${late.id}`)).body.items;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((a: { disputeId: string }) => a.disputeId === late.id)).toBe(true);
    expect((await t.http.get(`/api/alerts?disputeId=${late.caseId}`)).body.total).toBe(0);
  });
});
