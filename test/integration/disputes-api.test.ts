import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { AlertPlanner } from '../../src/alerts/alert-planner.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
const DECLINED_ON = '2026-11-02';

/** A case whose authority decided not to assess it on DECLINED_ON. */
async function refusedCase(t: TestApp, overrides: Parameters<typeof createCase>[1] = {}) {
  const created = await createCase(t, overrides);
  const declined = await postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: DECLINED_ON, decision: 'decline', reasons: 'Needs met at SEN support' });
  if (declined.status !== 200) throw new Error(`declining answered ${declined.status}: ${JSON.stringify(declined.body)}`);
  return declined.body;
}

async function postDisputeEvent(t: TestApp, id: string, event: Record<string, unknown>, ifMatch?: number) {
  const request = t.http.post(`/api/disputes/${id}/events`);
  if (ifMatch !== undefined) request.set('If-Match', `"${ifMatch}"`);
  return request.send(event);
}

/** Every dispute row, event, deadline, counter, outbox row and notification: a refused request changes none of them. */
async function stored(t: TestApp) {
  const count = async (table: string) => (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return {
    disputes: await t.db.query('SELECT * FROM dispute ORDER BY id'),
    events: await count('dispute_event'),
    deadlines: await t.db.query('SELECT * FROM dispute_deadline ORDER BY dispute_id, name'),
    counters: await t.db.query('SELECT * FROM dispute_reference_counter'),
    outbox: await t.db.query(`SELECT * FROM outbox WHERE data ? 'disputeId' ORDER BY id`),
    notifications: await count('notification'),
  };
}

describe('Disputes API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  it('opens a dispute of a refusal to assess, with its appeal dates, and the case view lists it', async () => {
    const refused = await refusedCase(t);
    const response = await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      reference: 'DISP-2026-000001',
      status: 'notice_sent',
      caseId: refused.id,
      planId: null,
      decision: 'refusal_to_assess',
      decidedOn: DECLINED_ON,
      noticeSentOn: '2026-11-03',
      outcome: null,
      machineVersion: 1,
      version: 1,
      assignee: null,
      // Two months after the notice is Sunday 3 January: the Tribunal's last day moves to the next working day.
      lastAppealDate: '2027-01-04',
    });
    expect(response.body.closableAsNotAppealedFrom > response.body.lastAppealDate).toBe(true);
    expect(response.body.deadlines.appeal).toMatchObject({ dueOn: '2027-01-04' });
    expect(response.body.allowedEvents).toEqual(expect.arrayContaining(['MEDIATION_ADVICE_CONTACTED', 'APPEAL_REGISTERED', 'WITHDRAWN']));
    const [row] = await t.db.query('SELECT next_due_on FROM dispute WHERE id = $1', [response.body.id]);

    const read = await t.http.get(`/api/disputes/${response.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(response.body);

    const caseView = await t.http.get(`/api/cases/${refused.id}`);
    expect(caseView.body.disputes).toEqual([{ id: response.body.id, reference: 'DISP-2026-000001', decision: 'refusal_to_assess', status: 'notice_sent', nextDueOn: row.next_due_on }]);
    const trail = await t.http.get(`/api/disputes/${response.body.id}/events`);
    expect(trail.body).toMatchObject([{ seq: 1, type: 'DISPUTE_STARTED', occurredOn: '2026-11-03', payload: { decision: 'refusal_to_assess', decidedOn: DECLINED_ON, appealBufferWorkingDays: 10 } }]);
  });

  it('walks a dispute to appealed, with the response to the appeal due, and refuses a stale If-Match with nothing written', async () => {
    const refused = await refusedCase(t);
    const dispute = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const steps = [
      { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-11-05' },
      { type: 'MEDIATION_DECLINED', occurredOn: '2026-11-06' },
      { type: 'CERTIFICATE_ISSUED', occurredOn: '2026-11-09' },
      { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-20', tribunalReference: 'EH123/26/00001' },
    ];
    let body = dispute;
    for (const step of steps) {
      const response = await postDisputeEvent(t, dispute.id, step, body.version);
      expect({ step: step.type, status: response.status, message: response.body.message }).toEqual({ step: step.type, status: 200, message: undefined });
      expect(response.headers.etag).toBe(`"${body.version + 1}"`);
      body = response.body;
    }
    expect(body).toMatchObject({ status: 'appealed', version: 5 });
    expect(body.deadlines.responseToAppeal).toMatchObject({ status: 'pending' });
    expect(body.deadlines.appeal).toMatchObject({ metOn: '2026-11-20' });

    const before = await stored(t);
    const stale = await postDisputeEvent(t, dispute.id, { type: 'RESPONSE_SUBMITTED', occurredOn: TODAY }, 4);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'DISPUTE_VERSION_CONFLICT' });
    const notAllowed = await postDisputeEvent(t, dispute.id, { type: 'MEDIATION_DECLINED', occurredOn: TODAY });
    expect(notAllowed.status).toBe(422);
    expect(notAllowed.body).toMatchObject({ code: 'DISPUTE_TRANSITION_NOT_ALLOWED', allowedEvents: expect.arrayContaining(['RESPONSE_SUBMITTED']) });
    const refusedEvent = await postDisputeEvent(t, dispute.id, { type: 'RESPONSE_SUBMITTED', occurredOn: '2026-11-10' });
    expect(refusedEvent.status).toBe(422);
    expect(refusedEvent.body).toMatchObject({ code: 'DISPUTE_EVENT_REFUSED' });
    for (const malformed of [{ type: 'NOT_A_STEP', occurredOn: TODAY }, { type: 'APPEAL_CONCEDED', occurredOn: TODAY, actions: ['fly'] }, { type: 'SETTLED', occurredOn: TODAY }, 'nope']) {
      expect((await postDisputeEvent(t, dispute.id, malformed as Record<string, unknown>)).status).toBe(400);
    }
    const future = await postDisputeEvent(t, dispute.id, { type: 'RESPONSE_SUBMITTED', occurredOn: '2026-12-01' });
    expect(future.status).toBe(400);
    expect(await stored(t)).toEqual(before);

    const trail = await t.http.get(`/api/disputes/${dispute.id}/events`);
    expect(trail.body.map((e: { type: string }) => e.type)).toEqual(['DISPUTE_STARTED', ...steps.map((s) => s.type)]);
  });

  it('refuses what cannot be disputed with 400, 404, 409 or 422, changing nothing', async () => {
    const refused = await refusedCase(t);
    const assessing = await createCase(t, { child: { givenName: 'Ben', familyName: 'Ode', dateOfBirth: '2016-01-01' } });
    const plan = await createPlan(t);
    const open = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const before = await stored(t);
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' }, 400],
      [{ caseId: refused.id, planId: plan.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' }, 400],
      [{ caseId: refused.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-03' }, 400],
      [{ planId: plan.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' }, 400],
      [{ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '3 Nov' }, 400],
      [{ caseId: refused.id, decision: 'appeal_everything', noticeSentOn: '2026-11-03' }, 400],
      [{ caseId: '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d', decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' }, 404],
      [{ planId: '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d', decision: 'decision_to_cease', noticeSentOn: '2026-11-03' }, 404],
      [{ caseId: assessing.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'decision_not_to_issue', noticeSentOn: '2026-11-03' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'plan_contents', noticeSentOn: '2026-11-03' }, 422, 'DISPUTE_REFUSED'],
      [{ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-03' }, 422, 'DISPUTE_REFUSED'],
      [{ planId: plan.id, decision: 'refusal_to_reassess', noticeSentOn: '2026-11-03' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-12-01' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-01' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03', decidedOn: '2026-11-01' }, 422, 'DISPUTE_REFUSED'],
      [{ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-04' }, 409, 'DISPUTE_ALREADY_OPEN'],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.http.post('/api/disputes').send(body);
      expect({ body, status: response.status, code: code && response.body.code }).toEqual({ body, status, code });
    }
    const again = await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-04' });
    expect(again.body.message).toContain(open.reference);
    expect(again.body).toMatchObject({ disputeId: open.id, reference: open.reference });
    expect(await stored(t)).toEqual(before);
    // Another authority sees neither the case nor the dispute.
    const other = await t.signInAs(['caseworker'], 'OTHER');
    expect((await other.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).status).toBe(404);
    expect((await other.http.get(`/api/disputes/${open.id}`)).status).toBe(404);
    expect((await other.http.get('/api/disputes')).body.total).toBe(0);
  });

  it('a closed dispute may be followed by another of the same decision', async () => {
    const refused = await refusedCase(t);
    const first = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const withdrawn = await postDisputeEvent(t, first.id, { type: 'WITHDRAWN', occurredOn: '2026-11-10' });
    expect(withdrawn.body).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect((await t.http.get(`/api/cases/${refused.id}`)).body.disputes).toEqual([]);
    const second = await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
    expect(second.status).toBe(201);
    expect(second.body.reference).toBe('DISP-2026-000002');
  });

  it('lists disputes by next due date, with the filters of the plan list', async () => {
    const a = await refusedCase(t);
    const b = await refusedCase(t, { child: { givenName: 'Ben', familyName: 'Ode', dateOfBirth: '2016-01-01' } });
    const first = (await t.http.post('/api/disputes').send({ caseId: a.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const second = (await t.http.post('/api/disputes').send({ caseId: b.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-10' })).body;
    await postDisputeEvent(t, second.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'jo' });
    // An appeal makes the response to it due: the only limit with a target, so that dispute comes first.
    await postDisputeEvent(t, second.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-20' });
    const [{ next_due_on: secondDue }] = await t.db.query('SELECT next_due_on FROM dispute WHERE id = $1', [second.id]);
    expect(secondDue).not.toBeNull();
    const all = await t.http.get('/api/disputes');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 25, total: 2 });
    expect(all.body.items.map((d: { id: string }) => d.id)).toEqual([second.id, first.id]);
    expect(all.body.items[0]).toEqual((await t.http.get(`/api/disputes/${second.id}`)).body);
    const ids = async (query: string) => ((await t.http.get(`/api/disputes?${query}`)).body.items as { id: string }[]).map((d) => d.id);
    expect(await ids(`caseId=${b.id}`)).toEqual([second.id]);
    expect(await ids('assignee=jo')).toEqual([second.id]);
    expect(await ids('status=notice_sent')).toEqual([first.id]);
    expect(await ids('status=appealed')).toEqual([second.id]);
    expect(await ids('decision=refusal_to_assess')).toEqual([second.id, first.id]);
    expect(await ids('decision=decision_not_to_issue')).toEqual([]);
    expect(await ids('planId=0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d')).toEqual([]);
    expect(await ids('overdue=true')).toEqual([]);
    expect(await ids('overdue=false')).toEqual([second.id, first.id]);
    expect(await ids('dueBefore=2099-01-01')).toEqual([second.id]);
    expect(await ids(`dueBefore=${secondDue}`)).toEqual([]);
    t.clock.setToday('2027-03-01');
    expect(await ids('overdue=true')).toEqual([second.id]);
    expect(await ids('pageSize=1&page=2')).toEqual([first.id]);
    for (const bad of ['status=argued', 'overdue=maybe', 'dueBefore=soon', 'caseId=nope', 'decision=all']) expect((await t.http.get(`/api/disputes?${bad}`)).status).toBe(400);
  });

  it('writes a re-planning job to the outbox for a dispute’s limits', async () => {
    const refused = await refusedCase(t);
    const dispute = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const jobs = await t.db.query(`SELECT job_name, data FROM outbox WHERE data->>'disputeId' = $1 ORDER BY id`, [dispute.id]);
    expect(jobs).toEqual([{ job_name: 'plan-dispute', data: { disputeId: dispute.id, previous: [] } }]);
  });

  it('concurrent writers without If-Match never lose an event', async () => {
    const refused = await refusedCase(t);
    const dispute = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postDisputeEvent(t, dispute.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: `caseworker-${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const trail = await t.http.get(`/api/disputes/${dispute.id}/events`);
    expect(trail.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('two requests opening the same dispute at once: one is created, the other names it', async () => {
    const refused = await refusedCase(t);
    const body = { caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' };
    const results = await Promise.all([t.http.post('/api/disputes').send(body), t.http.post('/api/disputes').send(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.db.query('SELECT count(*)::int AS n FROM dispute')).toEqual([{ n: 1 }]);
  });

  it('opens a dispute of a plan’s decision to cease, read from the plan, and the plan view lists it', async () => {
    const plan = await createPlan(t);
    const cease = await postPlanEvent(t, plan.id, { type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2026-11-02', method: 'email' } });
    expect(cease.status).toBe(200);
    const response = await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-02', decidedOn: '2026-11-02' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ caseId: null, planId: plan.id, decision: 'decision_to_cease', decidedOn: '2026-11-02', status: 'notice_sent' });
    // The plan as made may be disputed too: its date is the plan's.
    const contents = await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'plan_contents', noticeSentOn: '2025-03-10' });
    expect(contents.status).toBe(201);
    expect(contents.body).toMatchObject({ decidedOn: '2025-03-10', reference: 'DISP-2025-000001' });
    const view = await t.http.get(`/api/plans/${plan.id}`);
    expect(view.body.disputes.map((d: { reference: string; decision: string }) => [d.reference, d.decision])).toEqual([
      ['DISP-2026-000001', 'decision_to_cease'],
      ['DISP-2025-000001', 'plan_contents'],
    ]);
    expect((await t.http.get(`/api/disputes?planId=${plan.id}&decision=plan_contents`)).body.items.map((d: { id: string }) => d.id)).toEqual([contents.body.id]);
  });

  it('raises a breach of the response to the appeal as a notification naming the dispute', async () => {
    const refused = await refusedCase(t);
    const dispute = (await t.http.post('/api/disputes').send({ caseId: refused.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const appealed = (await postDisputeEvent(t, dispute.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-20' })).body;
    t.clock.setToday('2027-03-01');
    const raised = await t.app.get(AlertPlanner).planDispute(dispute.id);
    expect(raised).toBeGreaterThan(0);
    const notifications = await t.db.query(`SELECT case_id, plan_id, dispute_id, kind, deadline, due_on, message FROM notification ORDER BY created_at`);
    expect(notifications).toContainEqual({
      case_id: null,
      plan_id: null,
      dispute_id: dispute.id,
      kind: 'deadline_breach',
      deadline: 'responseToAppeal',
      due_on: appealed.deadlines.responseToAppeal.dueOn,
      message: expect.stringMatching(/^DISP-2026-000001: The authority’s response to the appeal/),
    });
    expect((await t.http.get(`/api/alerts`)).body.items[0]).toMatchObject({ reference: 'DISP-2026-000001' });
  });
});
