import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { morningOf, recordDisputeEvent } from '../support/dispute-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

/**
 * A disagreement on the real application with its clock moved forward, checked on the days that
 * matter as a caseworker (the dispute through the API) and a manager (the overdue list and the
 * alerts raised) see them. Every date was worked out by hand:
 *
 * Refused to assess Mon 2 Nov 2026, notice Tue 3 Nov. The family contacts the adviser and asks
 * for mediation on Fri 20 Nov: the meeting is due Sun 20 Dec, and is held late, on Mon 21 Dec,
 * when mediation ends. The certificate is due 3 working days after (Tue 22, Wed 23, Thu 24 Dec)
 * and issued Wed 23 Dec, so the last day to appeal is the later of 3 Jan and 23 Jan 2027 — a
 * Saturday — moved to Mon 25 Jan. The Tribunal sends the appeal on Wed 20 Jan: the response is
 * due 30 working days after, Wed 3 Mar, and is in on Fri 26 Feb. Ordered to assess on Mon 10 May
 * 2027: notice by Mon 24 May (warnings 10 May and 17 May), decision not to issue by Mon 19 Jul,
 * final plan by Mon 16 Aug. The notice goes on Thu 20 May.
 */
describe('A refusal to assess taken to the Tribunal, and the order complied with', () => {
  let t: TestApp;
  let disputeId: string;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
  });
  afterAll(() => t.close());

  const onDay = (day: string) => morningOf(t, day);
  const dispute = async () => (await t.http.get(`/api/disputes/${disputeId}`)).body;
  const overdue = async () => ((await t.http.get('/api/disputes?overdue=true')).body.items as { id: string }[]).map((d) => d.id);
  const alerts = async () =>
    ((await t.db.query(`SELECT kind, deadline, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM notification WHERE dispute_id = $1 ORDER BY created_at, deadline`, [disputeId])) as { kind: string; deadline: string; due_on: string }[]).map(
      (n) => `${n.kind} ${n.deadline} ${n.due_on}`,
    );
  const step = (event: Record<string, unknown>) => recordDisputeEvent(t, disputeId, event);

  it('runs from the refusal through mediation, the appeal and the order to assess, carried out on the reopened case to its final plan', async () => {
    const created = await createCase(t, { requestReceivedOn: '2026-10-05' });
    expect((await postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'decline', reasons: 'Needs met at SEN support' })).status).toBe(200);

    await onDay('2026-11-03');
    const opened = await t.http.post('/api/disputes').send({ caseId: created.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
    expect(opened.status).toBe(201);
    disputeId = opened.body.id;
    expect(opened.body.deadlines).toMatchObject({ mediationAdvice: { dueOn: '2027-01-03', role: 'window' }, appeal: { dueOn: '2027-01-04', role: 'window' } });
    expect((await t.http.get(`/api/cases/${created.id}`)).body.disputes).toEqual([expect.objectContaining({ id: disputeId, status: 'notice_sent' })]);

    await onDay('2026-11-20');
    await step({ type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-11-20' });
    expect((await step({ type: 'MEDIATION_REQUESTED', occurredOn: '2026-11-20' })).deadlines.mediationMeeting).toMatchObject({ dueOn: '2026-12-20', status: 'pending' });

    await onDay('2026-12-20');
    expect(await overdue()).toEqual([]);
    await onDay('2026-12-21');
    expect(await overdue()).toEqual([disputeId]);
    expect(await alerts()).toContain('deadline_breach mediationMeeting 2026-12-20');
    await step({ type: 'MEDIATION_HELD', occurredOn: '2026-12-21' });
    const ended = await step({ type: 'MEDIATION_ENDED', occurredOn: '2026-12-21' });
    expect(ended.deadlines).toMatchObject({ mediationMeeting: { status: 'met_late' }, mediationCertificate: { dueOn: '2026-12-24', status: 'pending' } });
    expect(await overdue()).toEqual([]);

    await onDay('2026-12-23');
    const certified = await step({ type: 'CERTIFICATE_ISSUED', occurredOn: '2026-12-23' });
    expect(certified).toMatchObject({ status: 'certificate_issued', lastAppealDate: '2027-01-25', deadlines: { appeal: { dueOn: '2027-01-25' }, mediationCertificate: { status: 'met' } } });
    expect((await t.http.post(`/api/disputes/${disputeId}/events`).send({ type: 'CLOSED_NOT_APPEALED', occurredOn: '2026-12-23' })).status).toBe(422);

    await onDay('2027-01-20');
    const appealed = await step({ type: 'APPEAL_REGISTERED', occurredOn: '2027-01-20', tribunalReference: 'EH123/27/00001' });
    expect(appealed.deadlines.responseToAppeal).toMatchObject({ dueOn: '2027-03-03', status: 'pending' });
    await onDay('2027-02-26');
    await step({ type: 'RESPONSE_SUBMITTED', occurredOn: '2027-02-26' });

    await onDay('2027-05-10');
    const ordered = await step({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-05-10', outcome: 'appeal_allowed', actions: ['assess'] });
    expect(ordered).toMatchObject({
      status: 'complying',
      outcome: 'appeal_allowed',
      deadlines: { orderNotice: { dueOn: '2027-05-24' }, orderIssueDecision: { dueOn: '2027-07-19', role: 'latest_date' }, orderFinalPlan: { dueOn: '2027-08-16' } },
    });
    // The order reopens the case: the caseworker carries it out there, and the case's old limits stay as they closed.
    const reopened = (await t.http.get(`/api/cases/${created.id}`)).body;
    expect(reopened).toMatchObject({ status: 'assessing', order: { on: '2027-05-10', action: 'assess', disputeId }, deadlines: { decisionToAssess: { status: 'met' }, issueDecision: { status: 'not_applicable' }, finalPlan: { status: 'not_applicable' } } });
    const caseTrail = (await t.http.get(`/api/cases/${created.id}/events`)).body as { type: string; payload: Record<string, unknown> }[];
    expect(caseTrail.at(-1)).toMatchObject({ type: 'DISPUTE_ORDERED', occurredOn: '2027-05-10', payload: { action: 'assess', disputeId, disputeReference: ordered.reference } });
    await onDay('2027-05-10');
    await onDay('2027-05-17');
    await onDay('2027-05-20');
    expect((await postEvent(t, created.id, { type: 'NOTICE_SENT', occurredOn: '2027-05-20', notice: 'decision_to_assess', sentOn: '2027-05-20', method: 'email' })).status).toBe(200);
    expect((await dispute()).deadlines.orderNotice).toMatchObject({ metOn: '2027-05-20', status: 'met' });
    await onDay('2027-05-24');
    await onDay('2027-05-25');
    expect(await overdue()).toEqual([]);
    expect(((await t.http.get('/api/cases?overdue=true')).body.items as { id: string }[]).map((c) => c.id)).toEqual([]);

    // Advice Fri 21 May (due Fri 2 Jul), in Fri 25 Jun; the decision to issue Mon 28 Jun; the draft Mon 5 Jul, its
    // 15 days to Mon 19 Jul; the final plan Tue 20 Jul, inside the order's 14 weeks (Mon 16 Aug): the dispute closes.
    await onDay('2027-05-21');
    expect((await postEvent(t, created.id, { type: 'ADVICE_REQUESTED', occurredOn: '2027-05-21', contributor: 'health' })).body.deadlines['advice.health']).toMatchObject({ dueOn: '2027-07-02', status: 'pending' });
    await onDay('2027-06-25');
    await postEvent(t, created.id, { type: 'ADVICE_RECEIVED', occurredOn: '2027-06-25', contributor: 'health' });
    await onDay('2027-06-28');
    await postEvent(t, created.id, { type: 'DECISION_TO_ISSUE', occurredOn: '2027-06-28', decision: 'issue', notice: { sentOn: '2027-06-28', method: 'email' } });
    expect((await dispute()).deadlines.orderIssueDecision).toMatchObject({ metOn: '2027-06-28' });
    await onDay('2027-07-05');
    await postEvent(t, created.id, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2027-07-05', notice: { sentOn: '2027-07-05', method: 'email' } });
    await onDay('2027-07-20');
    const issued = await postEvent(t, created.id, { type: 'FINAL_PLAN_ISSUED', occurredOn: '2027-07-20', notice: { sentOn: '2027-07-20', method: 'email' } });
    expect(issued.body).toMatchObject({ status: 'plan_issued', planId: expect.any(String) });
    expect(await dispute()).toMatchObject({ status: 'closed', outcome: 'appeal_allowed', deadlines: { orderFinalPlan: { metOn: '2027-07-20', status: 'met' } } });
    expect(((await t.db.query(`SELECT kind, deadline FROM notification WHERE case_id = $1 AND kind = 'deadline_breach'`, [created.id])) as unknown[]).length).toBe(0);

    const raised = await alerts();
    expect(raised.filter((a) => a.includes('orderNotice'))).toEqual(['deadline_warning orderNotice 2027-05-24', 'deadline_warning orderNotice 2027-05-24']);
    // The one breach is the late mediation meeting; the family's windows never alert; the response, in on time, was only warned about.
    expect(raised.filter((a) => a.startsWith('deadline_breach'))).toEqual(['deadline_breach mediationMeeting 2026-12-20']);
    expect(raised.filter((a) => a.includes('mediationAdvice') || a.includes(' appeal '))).toEqual([]);
    expect(raised).toContain('deadline_warning responseToAppeal 2027-03-03');
  });
});

describe('A decision to cease held through an appeal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
  });
  afterAll(() => t.close());

  it('keeps the plan maintained past its appeal window while the appeal is undecided, and lets it cease the day the Tribunal dismisses it', async () => {
    const plan = await createPlan(t);
    expect((await postPlanEvent(t, plan.id, { type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2026-11-02', method: 'email' } })).status).toBe(200);
    const dispute = (await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-02' })).body;
    t.clock.setToday('2026-12-01');
    expect((await t.http.post(`/api/disputes/${dispute.id}/events`).send({ type: 'APPEAL_REGISTERED', occurredOn: '2026-12-01' })).status).toBe(200);

    // Without the appeal the plan could cease from Tue 19 Jan 2027 (last appeal date Mon 4 Jan + 10 working days).
    t.clock.setToday('2027-02-01');
    const held = await postPlanEvent(t, plan.id, { type: 'CEASED', occurredOn: '2027-02-01' });
    expect(held.status).toBe(422);
    expect(held.body.message).toContain(`disputed (${dispute.reference}): the plan is maintained until the Tribunal decides`);
    expect((await t.http.get(`/api/plans/${plan.id}`)).body.status).toBe('cease_pending_appeal_window');
    // The engine decides what the appeal says: a client cannot claim it.
    expect((await postPlanEvent(t, plan.id, { type: 'CEASED', occurredOn: '2027-02-01', appeal: { reference: 'X', dismissedOn: '2027-01-01' } })).status).toBe(400);

    t.clock.setToday('2027-03-01');
    const dismissed = await t.http.post(`/api/disputes/${dispute.id}/events`).send({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_dismissed' });
    expect(dismissed.body).toMatchObject({ status: 'complying', deadlines: { orderCease: { dueOn: '2027-03-01', status: 'pending' } } });
    expect((await postPlanEvent(t, plan.id, { type: 'CEASED', occurredOn: '2027-02-28' })).body.message).toContain('dismissed the appeal');
    const ceased = await postPlanEvent(t, plan.id, { type: 'CEASED', occurredOn: '2027-03-01' });
    expect(ceased.status).toBe(200);
    expect(ceased.body.status).toBe('ceased');
    // Ceasing the plan is what the dismissal required: the dispute's step is met by it, and the dispute closes.
    expect((await t.http.get(`/api/disputes/${dispute.id}`)).body).toMatchObject({ status: 'closed', outcome: 'appeal_dismissed', deadlines: { orderCease: { metOn: '2027-03-01', status: 'met' } } });
  });
});
