import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

/** Corrections and version moves of a dispute (design section 7), and what they may not take back from its case or plan. */
describe('Corrections: POST /api/disputes/:id/corrections and /migrate', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
  });
  afterAll(() => t.close());

  const ok = async (pending: PromiseLike<{ status: number; body: any }>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const onDispute = (id: string, event: Record<string, unknown>) => ok(t.http.post(`/api/disputes/${id}/events`).send(event));
  const correct = (id: string, body: Record<string, unknown>, ifMatch?: number) => {
    const request = t.http.post(`/api/disputes/${id}/corrections`);
    if (ifMatch !== undefined) request.set('If-Match', `"${ifMatch}"`);
    return request.send(body);
  };
  const stored = async (id: string) => ({
    row: (await t.db.query('SELECT status, version, snapshot, next_due_on FROM dispute WHERE id = $1', [id]))[0],
    trail: await t.db.query('SELECT seq, type, payload FROM dispute_event WHERE dispute_id = $1 ORDER BY seq', [id]),
    deadlines: await t.db.query('SELECT name, due_on, met_on, open FROM dispute_deadline WHERE dispute_id = $1 ORDER BY name', [id]),
  });

  /** A refusal to assess notified Mon 2 Nov 2026 and appealed: the Tribunal sent it on Mon 9 Nov, so the response is due Mon 21 Dec. */
  async function appealedRefusal() {
    t.clock.setToday('2026-11-02');
    const refused = await createCase(t, { requestReceivedOn: '2026-10-01' });
    await postEvent(t, refused.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'decline', reasons: 'Needs met at SEN support' });
    const dispute = await ok(t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-02' }));
    t.clock.setToday('2026-12-30');
    await onDispute(dispute.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-09' });
    return { caseId: refused.id as string, disputeId: dispute.id as string };
  }

  it('replays the dispute with a mis-dated step replaced: the deadline, the trail and If-Match follow', async () => {
    const { disputeId } = await appealedRefusal();
    const late = await onDispute(disputeId, { type: 'RESPONSE_SUBMITTED', occurredOn: '2026-12-29' });
    expect(late.deadlines.responseToAppeal).toMatchObject({ dueOn: '2026-12-21', status: 'met_late' });

    const before = await stored(disputeId);
    const stale = await correct(disputeId, { eventSeq: 3, reason: 'The response went on 18 December', replacement: { type: 'RESPONSE_SUBMITTED', occurredOn: '2026-12-18' } }, late.version - 1);
    expect(stale.status).toBe(409);
    const start = await correct(disputeId, { eventSeq: 1, reason: 'Opened against the wrong decision' });
    expect(start.status).toBe(422);
    expect(start.body.message).toContain('cannot be superseded');
    expect(await stored(disputeId)).toEqual(before);

    const corrected = await ok(correct(disputeId, { eventSeq: 3, reason: 'The response went on 18 December', replacement: { type: 'RESPONSE_SUBMITTED', occurredOn: '2026-12-18' } }, late.version));
    expect(corrected.deadlines.responseToAppeal).toMatchObject({ metOn: '2026-12-18', status: 'met' });
    const trail = (await t.http.get(`/api/disputes/${disputeId}/events`)).body as { seq: number; type: string; supersededBy: { seq: number } | null }[];
    expect(trail.find((e) => e.seq === 3)!.supersededBy).toMatchObject({ seq: 4 });
    expect(trail.at(-1)).toMatchObject({ seq: 4, type: 'EVENT_CORRECTED' });
  });

  it('refuses to take back an order its case was reopened by, changing nothing on either', async () => {
    const { caseId, disputeId } = await appealedRefusal();
    const ordered = await onDispute(disputeId, { type: 'TRIBUNAL_DECIDED', occurredOn: '2026-12-30', outcome: 'appeal_allowed', actions: ['assess'] });
    const before = await stored(disputeId);
    const refused = await correct(disputeId, { eventSeq: 3, reason: 'Recorded on the wrong dispute' }, ordered.version);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('reopened case');
    expect(await stored(disputeId)).toEqual(before);
    expect((await t.http.get(`/api/cases/${caseId}`)).body.status).toBe('assessing');
  });

  it('refuses to supersede a plan event that carried out an order step until the step is corrected on the dispute', async () => {
    t.clock.setToday('2026-11-20');
    const plan = await createPlan(t, { child: { givenName: 'Ada', familyName: 'Stone', dateOfBirth: '2014-02-03' } });
    await ok(postPlanEvent(t, plan.id, { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-11-02', method: 'email' }));
    await ok(postPlanEvent(t, plan.id, { type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-11-20', reasons: 'Provision still meets her needs' }));
    const dispute = await ok(t.http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_not_to_amend', noticeSentOn: '2026-11-20' }));
    t.clock.setToday('2026-12-30');
    await onDispute(dispute.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-12-01' });
    await onDispute(dispute.id, { type: 'APPEAL_CONCEDED', occurredOn: '2026-12-07', actions: ['amend_plan'] });
    await ok(postPlanEvent(t, plan.id, { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-12-08', method: 'email' }));
    const amended = await ok(postPlanEvent(t, plan.id, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-12-28' }));
    const met = (await t.http.get(`/api/disputes/${dispute.id}`)).body;
    expect(met).toMatchObject({ status: 'closed', deadlines: { orderAmendedPlan: { metOn: '2026-12-28' } } });

    const planCorrection = { eventSeq: amended.version, reason: 'Issued on 24 December', replacement: { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-12-24' } };
    const refused = await t.http.post(`/api/plans/${plan.id}/corrections`).send(planCorrection);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain(`orderAmendedPlan of dispute ${dispute.reference}`);

    const stepSeq = ((await t.http.get(`/api/disputes/${dispute.id}/events`)).body as { seq: number; type: string }[]).find((e) => e.type === 'ORDER_STEP_MET')!.seq;
    const reopened = await ok(correct(dispute.id, { eventSeq: stepSeq, reason: 'The amended plan is being re-dated', replacement: { type: 'ORDER_STEP_MET', occurredOn: '2026-12-24', step: 'orderAmendedPlan' } }));
    expect(reopened.deadlines.orderAmendedPlan.metOn).toBe('2026-12-24');
    expect((await t.http.post(`/api/plans/${plan.id}/corrections`).send(planCorrection)).status).toBe(200);
  });

  it('moves a dispute only to a registered version of its machine', async () => {
    const { disputeId } = await appealedRefusal();
    const before = await stored(disputeId);
    const refused = await t.http.post(`/api/disputes/${disputeId}/migrate`).send({ toVersion: 9 });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'DISPUTE_MIGRATION_REFUSED', message: expect.stringContaining('registered versions: 1') });
    expect(await stored(disputeId)).toEqual(before);
  });
});
