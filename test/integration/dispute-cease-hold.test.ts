import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { morningOf, recordDisputeEvent } from '../support/dispute-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

/**
 * What an appeal against a decision to cease does to the plan (CFA 2014 s.45; domain 5.6), on
 * the real application with its clock moved, as the caseworker sees the plan and the dispute.
 * Every date was worked out by hand:
 *
 * The authority decides to cease on Mon 2 Nov 2026 and emails the notice that day. The last day
 * to appeal is 2 months after, Sat 2 Jan 2027, moved to the next working day, Mon 4 Jan (HESC
 * r.12); with the 10 working days for an appeal to reach the authority (5–8 Jan, 11–15 Jan, Mon
 * 18 Jan) the plan is maintained to Mon 18 Jan and, undisputed, could cease from Tue 19 Jan. The
 * Tribunal sends the appeal on Tue 1 Dec 2026; the response is due 30 working days after, Christmas
 * (Fri 25, Mon 28 Dec) and New Year (Fri 1 Jan) not counted: 2–4 Dec (3), 7–11 (8), 14–18 (13),
 * 21–24 (17), 29–31 (20), 4–8 Jan (25), 11–15 Jan: Fri 15 Jan 2027 (30).
 */
describe('A decision to cease under appeal: withdrawn, allowed, or conceded', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.reset();
  });

  /** A plan with a decision to cease of Mon 2 Nov 2026, and the family's appeal sent to the authority on Tue 1 Dec. */
  async function appealedCease() {
    await morningOf(t, '2026-11-02');
    const plan = await createPlan(t);
    expect((await postPlanEvent(t, plan.id, { type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2026-11-02', method: 'email' } })).status).toBe(200);
    const opened = await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-02' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ lastAppealDate: '2027-01-04', closableAsNotAppealedFrom: '2027-01-19' });
    await morningOf(t, '2026-12-01');
    const appealed = await recordDisputeEvent(t, opened.body.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-12-01', tribunalReference: 'EH123/26/00099' });
    expect(appealed).toMatchObject({ status: 'appealed', deadlines: { responseToAppeal: { dueOn: '2027-01-15', status: 'pending' } } });
    const planView = (await t.http.get(`/api/plans/${plan.id}`)).body;
    expect(planView).toMatchObject({ status: 'cease_pending_appeal_window', deadlines: { ceaseAppealWindow: { dueOn: '2027-01-18' } }, disputes: [{ id: opened.body.id, status: 'appealed' }] });
    return { planId: plan.id as string, dispute: opened.body as { id: string; reference: string } };
  }
  const cease = (planId: string, on: string) => postPlanEvent(t, planId, { type: 'CEASED', occurredOn: on });
  const planOf = async (planId: string) => (await t.http.get(`/api/plans/${planId}`)).body;

  it('withdrawn inside the appeal window (Mon 11 Jan 2027): the window still holds the plan to Mon 18 Jan, and it ceases on Tue 19 Jan', async () => {
    const { planId, dispute } = await appealedCease();

    await morningOf(t, '2027-01-11');
    const held = await cease(planId, '2027-01-11');
    expect(held.status).toBe(422);
    expect(held.body.message).toContain(`disputed (${dispute.reference}): the plan is maintained until the Tribunal decides or the family withdraws`);
    const withdrawn = await recordDisputeEvent(t, dispute.id, { type: 'WITHDRAWN', occurredOn: '2027-01-11', reason: 'The family accepts the college place ends' });
    expect(withdrawn).toMatchObject({ status: 'closed', outcome: 'withdrawn', allowedEvents: [] });
    expect((await planOf(planId)).disputes).toEqual([]);

    // No longer held by the appeal, but the time to appeal has not yet passed.
    const early = await cease(planId, '2027-01-11');
    expect(early.status).toBe(422);
    expect(early.body.message).toContain('ends on 2027-01-18, so it can cease from 2027-01-19');
    await morningOf(t, '2027-01-18');
    expect((await cease(planId, '2027-01-18')).body.message).toContain('can cease from 2027-01-19');
    expect((await planOf(planId)).status).toBe('cease_pending_appeal_window');

    await morningOf(t, '2027-01-19');
    const ceased = await cease(planId, '2027-01-19');
    expect(ceased.status).toBe(200);
    expect(ceased.body.status).toBe('ceased');
    // The withdrawn dispute is left as it closed: the plan's ceasing is no step of it.
    expect((await t.http.get(`/api/disputes/${dispute.id}`)).body).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });

  it('withdrawn after the window has passed (Mon 1 Feb 2027): held until the withdrawal, the plan may cease that same day', async () => {
    const { planId, dispute } = await appealedCease();

    await morningOf(t, '2027-02-01');
    expect((await cease(planId, '2027-02-01')).body.message).toContain(`disputed (${dispute.reference})`);
    await recordDisputeEvent(t, dispute.id, { type: 'WITHDRAWN', occurredOn: '2027-02-01' });
    const ceased = await cease(planId, '2027-02-01');
    expect(ceased.status).toBe(200);
    expect(ceased.body.status).toBe('ceased');
  });

  it('allowed by the Tribunal on Mon 1 Mar 2027: the dispute closes as allowed, the plan cannot cease on it, and the caseworker withdraws the decision to cease', async () => {
    const { planId, dispute } = await appealedCease();
    await morningOf(t, '2027-01-11');
    await recordDisputeEvent(t, dispute.id, { type: 'RESPONSE_SUBMITTED', occurredOn: '2027-01-11' });

    await morningOf(t, '2027-03-01');
    // An allowed cease appeal orders nothing but the plan's continuation.
    const withActions = await t.http.post(`/api/disputes/${dispute.id}/events`).send({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_allowed', actions: ['amend_plan'] });
    expect(withActions.status).toBe(422);
    expect(withActions.body.message).toContain('An allowed appeal against ceasing keeps the plan: record it without actions.');
    const allowed = await recordDisputeEvent(t, dispute.id, { type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_allowed' });
    expect(allowed).toMatchObject({ status: 'closed', outcome: 'appeal_allowed', allowedEvents: [], deadlines: { responseToAppeal: { metOn: '2027-01-11', status: 'met' } } });
    expect(allowed.deadlines.orderCease).toBeUndefined();

    const kept = await cease(planId, '2027-03-01');
    expect(kept.status).toBe(422);
    expect(kept.body.message).toBe(`The appeal ${dispute.reference} against ceasing succeeded on 2027-03-01: the plan is maintained; record CEASE_DECISION_WITHDRAWN.`);
    // Months later it still cannot cease on that decision.
    await morningOf(t, '2027-06-01');
    expect((await cease(planId, '2027-06-01')).body.message).toContain('succeeded on 2027-03-01');

    const withdrawn = await postPlanEvent(t, planId, { type: 'CEASE_DECISION_WITHDRAWN', occurredOn: '2027-06-01', reason: 'The Tribunal allowed the appeal on 1 March 2027' });
    expect(withdrawn.status).toBe(200);
    const plan = await planOf(planId);
    expect(plan).toMatchObject({ status: 'maintained', disputes: [] });
    expect(plan.allowedEvents).not.toContain('CEASED');
    expect((await t.http.get(`/api/disputes/${dispute.id}`)).body).toMatchObject({ status: 'closed', outcome: 'appeal_allowed' });
  });

  it('conceded on Mon 11 Jan 2027 (reg 45): the concession asks nothing but the plan, so the dispute closes as conceded and the plan cannot cease on that decision', async () => {
    const { planId, dispute } = await appealedCease();
    await morningOf(t, '2027-01-11');
    const withActions = await t.http.post(`/api/disputes/${dispute.id}/events`).send({ type: 'APPEAL_CONCEDED', occurredOn: '2027-01-11', actions: ['cease'] });
    expect(withActions.status).toBe(422);
    expect(withActions.body.message).toContain("asks nothing of the authority but the plan's continuation: record it without actions");
    const conceded = await recordDisputeEvent(t, dispute.id, { type: 'APPEAL_CONCEDED', occurredOn: '2027-01-11' });
    expect(conceded).toMatchObject({ status: 'closed', outcome: 'conceded', outcomeOn: '2027-01-11', allowedEvents: [], deadlines: { responseToAppeal: { metOn: null, status: 'not_applicable' } } });
    expect(Object.keys(conceded.deadlines).filter((name) => name.startsWith('order'))).toEqual([]);
    expect((await planOf(planId)).disputes).toEqual([]);
    // Past the window the plan still cannot cease: the authority gave way on that decision.
    await morningOf(t, '2027-02-01');
    const kept = await cease(planId, '2027-02-01');
    expect(kept.status).toBe(422);
    expect(kept.body.message).toBe(`The appeal ${dispute.reference} against ceasing succeeded on 2027-01-11: the plan is maintained; record CEASE_DECISION_WITHDRAWN.`);
  });
});
