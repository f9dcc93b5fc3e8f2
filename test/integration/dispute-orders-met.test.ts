import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { morningOf, recordDisputeEvent } from '../support/dispute-factory.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

/**
 * An order carried out on the plan it concerns: the caseworker records the plan's own steps, and
 * the dispute's order steps are met by them in the same transaction. Dates worked out by hand:
 *
 * The authority decides not to amend on Fri 20 Nov 2026; the Tribunal sends the appeal on Thu 10
 * Dec and orders on Mon 10 May 2027 that the plan be amended (5 weeks: Mon 14 Jun) and the school
 * named changed (2 weeks: Mon 24 May). The proposed amendments go by email on Tue 11 May; the
 * family waives the rest of its 15 days on Thu 20 May.
 */
describe('Tribunal orders carried out by the case’s or plan’s own steps', () => {
  let t: TestApp;
  let planId: string;
  let disputeId: string;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
  });
  afterAll(() => t.close());

  const onDay = (day: string) => morningOf(t, day);
  const dispute = async () => (await t.http.get(`/api/disputes/${disputeId}`)).body;
  const plan = async (event: Record<string, unknown>) => {
    const response = await postPlanEvent(t, planId, event);
    if (response.status !== 200) throw new Error(`${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const onDispute = (event: Record<string, unknown>) => recordDisputeEvent(t, disputeId, event);

  it('meets the order to amend with the amended plan, leaves the change of school to a plan that names one, and closes the dispute when both are done', async () => {
    planId = (await createPlan(t)).id;
    await plan({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-11-02', method: 'email' });
    await onDay('2026-11-20');
    await plan({ type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-11-20', reasons: 'The current provision meets his needs' });
    const opened = await t.http.post('/api/disputes').send({ planId, decision: 'decision_not_to_amend', noticeSentOn: '2026-11-20' });
    expect(opened.status).toBe(201);
    disputeId = opened.body.id;
    await onDay('2026-12-10');
    await onDispute({ type: 'APPEAL_REGISTERED', occurredOn: '2026-12-10' });
    await onDay('2027-01-15');
    await onDispute({ type: 'RESPONSE_SUBMITTED', occurredOn: '2027-01-15' });

    await onDay('2027-05-10');
    const ordered = await onDispute({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-05-10', outcome: 'appeal_allowed', actions: ['amend_plan', 'change_school'] });
    expect(ordered.deadlines).toMatchObject({ orderAmendedPlan: { dueOn: '2027-06-14', status: 'pending' }, orderSchoolNamed: { dueOn: '2027-05-24', status: 'pending' } });
    expect((await t.http.get(`/api/plans/${planId}`)).body.disputes).toEqual([expect.objectContaining({ id: disputeId, status: 'complying', nextDueOn: '2027-05-24' })]);

    await onDay('2027-05-11');
    await plan({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2027-05-11', method: 'email' });
    // Refused on the plan (the family's 15 days run to 25 May and it has not waived them): nothing changes on the dispute either.
    await onDay('2027-05-19');
    expect((await postPlanEvent(t, planId, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-19' })).status).toBe(422);
    expect((await dispute()).deadlines.orderAmendedPlan).toMatchObject({ metOn: null, status: 'pending' });

    await onDay('2027-05-21');
    const amended = await plan({ type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-21', representationsWaivedOn: '2027-05-20', notice: { sentOn: '2027-05-21', method: 'email' } });
    expect(amended.status).toBe('maintained');
    const afterAmendment = await dispute();
    expect(afterAmendment).toMatchObject({ status: 'complying', deadlines: { orderAmendedPlan: { metOn: '2027-05-21', status: 'met' }, orderSchoolNamed: { metOn: null, status: 'pending' } } });
    const trail = (await t.http.get(`/api/disputes/${disputeId}/events`)).body as { type: string; payload: Record<string, unknown> }[];
    expect(trail.at(-1)).toMatchObject({
      type: 'ORDER_STEP_MET',
      payload: { step: 'orderAmendedPlan', method: 'email', carriedOutBy: { process: 'plan', reference: amended.reference, eventSeq: amended.version } },
    });

    // The amended plan named no new school: on 25 May the change of school is overdue, for the manager too.
    await onDay('2027-05-25');
    expect(((await t.http.get('/api/disputes?overdue=true')).body.items as { id: string }[]).map((d) => d.id)).toEqual([disputeId]);
    expect((await dispute()).deadlines.orderSchoolNamed.status).toBe('breached');

    await onDay('2027-05-27');
    await plan({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2027-05-27', method: 'email' });
    await onDay('2027-05-28');
    await plan({ type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-28', namedSetting: 'Oak Academy', representationsWaivedOn: '2027-05-27' });
    expect(await dispute()).toMatchObject({ status: 'closed', outcome: 'appeal_allowed', deadlines: { orderSchoolNamed: { metOn: '2027-05-28', status: 'met_late' } } });
    expect((await t.http.get(`/api/plans/${planId}`)).body.disputes).toEqual([]);
    // A client cannot claim an event of the plan carried a step out.
    const claimed = await t.http.post(`/api/disputes/${disputeId}/events`).send({ type: 'ORDER_STEP_MET', occurredOn: '2027-05-28', step: 'orderSchoolNamed', carriedOutBy: { process: 'plan', reference: 'X', eventSeq: 1 } });
    expect(claimed.status).toBe(400);
  });

  it('reopens a case the authority declined to issue a plan for when it concedes the appeal, in one transaction with the concession', async () => {
    await onDay('2026-06-01');
    const declined = await createCase(t, { requestReceivedOn: '2026-06-01' });
    await onDay('2026-10-01');
    await postEvent(t, declined.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-07-01', decision: 'assess' });
    await postEvent(t, declined.id, { type: 'DECISION_TO_ISSUE', occurredOn: '2026-10-01', decision: 'not_issue', reasons: 'Needs met from ordinarily available provision' });
    const opened = await t.http.post('/api/disputes').send({ caseId: declined.id, decision: 'decision_not_to_issue', noticeSentOn: '2026-10-01' });
    disputeId = opened.body.id;
    await onDay('2026-10-20');
    await onDispute({ type: 'APPEAL_REGISTERED', occurredOn: '2026-10-20' });

    // A failure writing the case rolls the concession back: neither record changes.
    await onDay('2026-11-02');
    await t.db.query(`CREATE FUNCTION refuse_order() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.type = 'DISPUTE_ORDERED' THEN RAISE EXCEPTION 'injected'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_order BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION refuse_order()`);
    const before = await dispute();
    try {
      expect((await t.http.post(`/api/disputes/${disputeId}/events`).send({ type: 'APPEAL_CONCEDED', occurredOn: '2026-11-02', actions: ['issue_plan'] })).status).toBe(500);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_order ON case_event; DROP FUNCTION refuse_order()`);
    }
    expect(await dispute()).toEqual(before);
    expect((await t.http.get(`/api/cases/${declined.id}`)).body.status).toBe('declined_to_issue');

    // Conceded Mon 2 Nov: the draft within 5 weeks (Mon 7 Dec), the final plan within 11 (Mon 18 Jan 2027).
    const conceded = await onDispute({ type: 'APPEAL_CONCEDED', occurredOn: '2026-11-02', actions: ['issue_plan'] });
    expect(conceded).toMatchObject({ status: 'complying', deadlines: { orderDraftPlan: { dueOn: '2026-12-07' }, orderFinalPlan: { dueOn: '2027-01-18' } } });
    const reopened = (await t.http.get(`/api/cases/${declined.id}`)).body;
    expect(reopened.status).toBe('drafting');
    const orderLine = ((await t.http.get(`/api/cases/${declined.id}/events`)).body as { seq: number; type: string }[]).find((e) => e.type === 'DISPUTE_ORDERED')!;
    const correction = await t.http.post(`/api/cases/${declined.id}/corrections`).set('If-Match', `"${reopened.version}"`).send({ eventSeq: orderLine.seq, reason: 'Recorded on the wrong case' });
    expect(correction.status).toBe(422);
    expect(correction.body.message).toContain(`recorded from dispute ${conceded.reference}`);

    await onDay('2026-11-16');
    await postEvent(t, declined.id, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-11-16', notice: { sentOn: '2026-11-16', method: 'post' } });
    // Sent by post on Mon 16 Nov, served on the second working day after: Wed 18 Nov.
    expect((await dispute()).deadlines.orderDraftPlan).toMatchObject({ metOn: '2026-11-18', status: 'met' });
  });

  /**
   * A refusal to re-assess overturned: the plan re-assesses as ordered, its own re-assessment clock
   * (reg 27(2): the final amended plan within 14 weeks of the decision to re-assess) starts from the
   * decision the order leads to, and its steps meet the order's. Dates by hand: ordered Mon 1 Mar
   * 2027 — notice by Mon 15 Mar, decision not to issue by Mon 10 May, final plan by Mon 7 Jun. The
   * plan decides to re-assess on Mon 8 Mar (its own final plan then due Mon 14 Jun), proposes the
   * amendments on Mon 3 May and issues the amended plan on Mon 24 May (the family's 15 days from 3
   * May ended on Tue 18 May).
   */
  it('meets an order to re-assess with the plan’s own re-assessment, whose clock starts from the decision the order leads to', async () => {
    await onDay('2026-11-02');
    planId = (await createPlan(t, { child: { givenName: 'Rosa', familyName: 'Reassess', dateOfBirth: '2012-09-09' } })).id;
    await plan({ type: 'REASSESSMENT_REQUESTED', occurredOn: '2026-11-02', requestedBy: 'parent' });
    await onDay('2026-11-16');
    await plan({ type: 'REASSESSMENT_DECISION', occurredOn: '2026-11-16', decision: 'refuse', reasons: 'The current plan meets her needs', notice: { sentOn: '2026-11-16', method: 'email' } });
    disputeId = (await t.http.post('/api/disputes').send({ planId, decision: 'refusal_to_reassess', noticeSentOn: '2026-11-16' }).expect(201)).body.id;
    await onDay('2026-12-14');
    await onDispute({ type: 'APPEAL_REGISTERED', occurredOn: '2026-12-14' });

    await onDay('2027-03-01');
    const ordered = await onDispute({ type: 'TRIBUNAL_DECIDED', occurredOn: '2027-03-01', outcome: 'appeal_allowed', actions: ['reassess'] });
    expect(ordered.deadlines).toMatchObject({ orderNotice: { dueOn: '2027-03-15' }, orderIssueDecision: { dueOn: '2027-05-10' }, orderFinalPlan: { dueOn: '2027-06-07' } });
    expect((await t.http.get(`/api/plans/${planId}`)).body.disputes).toEqual([expect.objectContaining({ id: disputeId, status: 'complying', nextDueOn: '2027-03-15' })]);

    await onDay('2027-03-08');
    await plan({ type: 'REASSESSMENT_REQUESTED', occurredOn: '2027-03-08', requestedBy: 'authority' });
    const reassessing = await plan({ type: 'REASSESSMENT_DECISION', occurredOn: '2027-03-08', decision: 'reassess', notice: { sentOn: '2027-03-08', method: 'email' } });
    expect(reassessing.status).toBe('reassessing');
    // Its letter gives the order's dates (reg 44(2)), not the 14 weeks of reg 27(2).
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    const letter = (await t.http.get(`/api/plans/${planId}/notices/reassessment_decision`).set('Accept', 'text/html').expect(200)).text;
    const { reference } = (await t.http.get(`/api/disputes/${disputeId}`).expect(200)).body;
    for (const part of [`On 1 March 2027 it was settled, in the disagreement about that decision (our reference ${reference})`, 'we must tell you by 10 May 2027', 'the amended plan must be issued by 7 June 2027', 'reg 44(2)']) {
      expect([part, letter.includes(part)]).toEqual([part, true]);
    }
    expect(reassessing.deadlines.reassessmentPlan).toMatchObject({ dueOn: '2027-06-14', status: 'pending' });
    expect((await dispute()).deadlines.orderNotice).toMatchObject({ metOn: '2027-03-08', status: 'met' });

    await onDay('2027-05-03');
    await plan({ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2027-05-03', method: 'email' });
    expect((await dispute()).deadlines.orderIssueDecision).toMatchObject({ metOn: '2027-05-03', status: 'met' });

    await onDay('2027-05-24');
    const amended = await plan({ type: 'AMENDED_PLAN_ISSUED', occurredOn: '2027-05-24', notice: { sentOn: '2027-05-24', method: 'email' } });
    expect(amended.deadlines.reassessmentPlan).toMatchObject({ metOn: '2027-05-24', status: 'met' });
    expect(await dispute()).toMatchObject({ status: 'closed', outcome: 'appeal_allowed', deadlines: { orderFinalPlan: { metOn: '2027-05-24', status: 'met' } } });
  });
});
