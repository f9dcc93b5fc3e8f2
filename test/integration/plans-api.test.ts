import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, newPlanBody, postPlanEvent, storedPlanState } from '../support/plan-factory.js';
import { planMachines } from '../../workflows/ehc-plan/index.js';
import { planMachineV2Fixture, planMigrationFromV1 } from '../support/plan-machine.v2.fixture.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-01-20';

describe('Plans API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  it('records an existing plan with its reference, its limits and the steps allowed next', async () => {
    const response = await t.http.post('/api/plans').send(newPlanBody({ lastReviewMeetingOn: '2025-12-01' }));
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({
      reference: 'PLAN-2025-000001',
      status: 'maintained',
      machineId: 'ehc-plan',
      machineVersion: 1,
      version: 1,
      child: { givenName: 'Leo', familyName: 'Marsh', dateOfBirth: '2015-05-10' },
      startedOn: '2025-03-10',
      caseId: null,
      phase: 'primary',
      namedSetting: 'Hillside Primary',
    });
    expect(response.body.deadlines.annualReview).toMatchObject({ dueOn: '2026-11-30', status: 'pending', regulation: 'Children and Families Act 2014 s.44(1)' });
    // Born May 2015: secondary school in September 2026, named by 14 February 2026.
    expect(response.body.deadlines.phaseTransfer).toMatchObject({ dueOn: '2026-02-14', status: 'pending' });
    expect(response.body.allowedEvents).toEqual(expect.arrayContaining(['REVIEW_MEETING_SCHEDULED', 'AMENDMENT_NOTICE_SENT', 'REASSESSMENT_REQUESTED', 'CEASE_DECISION']));

    const read = await t.http.get(`/api/plans/${response.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual(response.body);
  });

  it('walks a review from the meeting to the amended plan, in the order of the domain document’s worked example', async () => {
    t.clock.setToday('2026-05-01');
    const plan = await createPlan(t);
    const steps = [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' },
      { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-01-05' },
      { type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: '2026-01-19' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-13' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-02-27', decision: 'amend', notice: { sentOn: '2026-03-02', method: 'email' } },
      { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-04-24', namedSetting: 'Riverside Academy', nextPhase: 'secondary', notice: { sentOn: '2026-04-24', method: 'email' } },
    ];
    let version = plan.version;
    let body = plan;
    for (const step of steps) {
      const response = await postPlanEvent(t, plan.id, step, version);
      expect({ step: step.type, status: response.status, message: response.body.message }).toEqual({ step: step.type, status: 200, message: undefined });
      expect(response.headers.etag).toBe(`"${version + 1}"`);
      body = response.body;
      version = body.version;
    }
    expect(body).toMatchObject({ status: 'maintained', namedSetting: 'Riverside Academy', phase: 'secondary' });
    expect(body.deadlines).toMatchObject({
      reviewReport: { dueOn: '2026-02-16', status: 'met' },
      reviewDecision: { dueOn: '2026-03-02', metOn: '2026-03-02', status: 'met' },
      amendedPlan: { dueOn: '2026-04-27', metOn: '2026-04-24', status: 'met' },
      'annualReview.1': { dueOn: '2026-03-09', metOn: '2026-03-02', status: 'met' },
      annualReview: { dueOn: '2027-02-01', status: 'pending' },
      // Named after 14 February: the phase transfer was missed, and the next one is post-16 in 2031.
      'phaseTransfer.1': { dueOn: '2026-02-14', metOn: '2026-04-24', status: 'met_late' },
      phaseTransfer: { dueOn: '2031-03-30' },
    });

    const trail = await t.http.get(`/api/plans/${plan.id}/events`);
    expect(trail.status).toBe(200);
    expect(trail.body.map((e: { type: string }) => e.type)).toEqual(['PLAN_STARTED', ...steps.map((s) => s.type)]);
    expect(trail.body[6]).toMatchObject({ seq: 7, occurredOn: '2026-02-27', actor: 'tester@test.example', payload: { decision: 'amend' } });
  });

  it('lists plans with the filters of the caseload: status, overdue, due before, assignee, paging', async () => {
    const overdue = await createPlan(t, { child: { givenName: 'Ava', familyName: 'Hart', dateOfBirth: '2012-02-02' }, startedOn: '2024-06-03', phase: 'secondary' });
    const later = await createPlan(t, { child: { givenName: 'Ben', familyName: 'Cole', dateOfBirth: '2018-03-03' }, startedOn: '2025-12-01', phase: 'primary' });
    await postPlanEvent(t, later.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'caseworker-9' });

    const all = await t.http.get('/api/plans');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 25, total: 2 });
    // Ordered by the next date due: Ava's review (2 June 2025) is long overdue.
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([overdue.id, later.id]);

    const overdueOnly = await t.http.get('/api/plans?overdue=true');
    expect(overdueOnly.body.items.map((p: { id: string }) => p.id)).toEqual([overdue.id]);
    expect((await t.http.get('/api/plans?overdue=false')).body.items.map((p: { id: string }) => p.id)).toEqual([later.id]);
    expect((await t.http.get('/api/plans?assignee=caseworker-9')).body.total).toBe(1);
    expect((await t.http.get('/api/plans?dueBefore=2025-07-01')).body.items.map((p: { id: string }) => p.id)).toEqual([overdue.id]);
    expect((await t.http.get('/api/plans?status=ceased')).body.total).toBe(0);
    const paged = await t.http.get('/api/plans?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [{ id: later.id }] });
    expect((await t.http.get('/api/plans?overdue=maybe')).status).toBe(400);
  });

  it('issuing a case’s final plan makes the child’s plan, started on the served date and linked both ways', async () => {
    t.clock.setToday('2026-06-30');
    const created = await createCase(t, { requestReceivedOn: '2026-01-05' });
    const steps = [
      { type: 'ASSIGNED', occurredOn: '2026-01-06', assigneeId: 'caseworker-7' },
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18', placement: 'Oak Tree School', notice: { sentOn: '2026-05-18', method: 'post' } },
    ];
    let response;
    for (const step of steps) response = await postEvent(t, created.id, step);
    expect(response!.status).toBe(200);
    const planId = response!.body.planId;
    expect(planId).toEqual(expect.any(String));

    const plan = await t.http.get(`/api/plans/${planId}`);
    // Posted Monday 18 May: served Wednesday 20 May, the day the plan is made.
    expect(plan.body).toMatchObject({ caseId: created.id, startedOn: '2026-05-20', namedSetting: 'Oak Tree School', child: created.child, reference: 'PLAN-2026-000001', assignee: 'caseworker-7' });
    // Steps can be recorded from the day the plan was issued, before the post delivered it.
    expect((await postPlanEvent(t, planId, { type: 'PHASE_DETAILS_RECORDED', occurredOn: '2026-05-19', yearGroupOffset: 1 })).status).toBe(200);
    expect((await postPlanEvent(t, planId, { type: 'PHASE_DETAILS_RECORDED', occurredOn: '2026-05-17', yearGroupOffset: 0 })).status).toBe(422);
    expect(plan.body.deadlines.annualReview.dueOn).toBe('2027-05-19');
    expect((await t.http.get(`/api/cases/${created.id}`)).body.planId).toBe(planId);
    const trail = await t.http.get(`/api/plans/${planId}/events`);
    expect(trail.body[0]).toMatchObject({ type: 'PLAN_STARTED', payload: { fromCase: created.reference, caseId: created.id } });

    // The plan's clock runs from the final plan: a case correction may not move it away.
    const moved = await t.http.post(`/api/cases/${created.id}/corrections`).send({
      eventSeq: 6,
      reason: 'Issued a week later',
      replacement: { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-25', placement: 'Oak Tree School' },
    });
    expect(moved).toMatchObject({ status: 422, body: { code: 'CASE_CORRECTION_REFUSED', message: expect.stringContaining('made the child’s plan') } });
    const assignedAgain = await t.http.post(`/api/cases/${created.id}/corrections`).send({ eventSeq: 2, reason: 'Wrong caseworker', replacement: { type: 'ASSIGNED', occurredOn: '2026-01-06', assigneeId: 'caseworker-8' } });
    expect(assignedAgain.status).toBe(200);

    // The child's subject access export carries the plan too, and logs that read.
    const exported = (await t.http.get(`/api/cases/${created.id}/export`)).body;
    expect(exported.plan.plan).toMatchObject({ id: planId, reference: 'PLAN-2026-000001' });
    expect(exported.plan.trail[0].type).toBe('PLAN_STARTED');
    expect(exported.plan.accessLog[0]).toMatchObject({ action: 'plan_read', route: 'GET /api/cases/:id/export', planId });
  });

  it('keeps an assessment case whose plan is still maintained out of the retention review, and lets it go once the plan has ceased', async () => {
    const created = await createCase(t, { requestReceivedOn: '2018-01-08' });
    for (const step of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2018-02-12', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2018-04-23', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2018-04-30' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2018-05-21' },
    ]) expect((await postEvent(t, created.id, step)).status).toBe(200);
    const planId = (await t.http.get(`/api/cases/${created.id}`)).body.planId;
    const due = async () => (await t.http.get('/api/retention/due')).body.map((c: { id: string }) => c.id);
    expect(await due()).toEqual([]);
    const refused = await t.http.post('/api/retention/deletions').send({ caseId: created.id, reason: 'Retention period over, reviewed by the team' });
    expect(refused.status).toBe(422);

    await postPlanEvent(t, planId, { type: 'CEASE_DECISION', occurredOn: '2019-06-03', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2019-06-03', method: 'email' } });
    expect((await postPlanEvent(t, planId, { type: 'CEASED', occurredOn: '2019-09-02' })).status).toBe(200);
    expect(await due()).toEqual([created.id]);
  });

  it('refuses a second maintained plan for the same child, changing nothing', async () => {
    const first = await createPlan(t);
    const again = await t.http.post('/api/plans').send(newPlanBody({ child: { givenName: 'LEO', familyName: 'marsh', dateOfBirth: '2015-05-10' } }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PLAN_ALREADY_MAINTAINED', planId: first.id, message: expect.stringContaining(first.reference) });
    expect(await t.db.query('SELECT count(*)::int AS n FROM ehc_plan')).toEqual([{ n: 1 }]);
  });

  it('refuses a final plan for a child who already has a plan, and the case stays as it was', async () => {
    t.clock.setToday('2026-06-30');
    await createPlan(t, { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
    const created = await createCase(t, { requestReceivedOn: '2026-01-05' });
    for (const step of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-27' },
    ]) await postEvent(t, created.id, step);
    const before = await t.http.get(`/api/cases/${created.id}`);
    const refused = await postEvent(t, created.id, { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PLAN_ALREADY_MAINTAINED');
    const after = await t.http.get(`/api/cases/${created.id}`);
    expect(after.body).toEqual(before.body);
  });

  describe('bad input changes nothing', () => {
    it.each([
      ['a malformed body', { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-01-10' }, 400, /meetingOn/],
      ['an unknown field', { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-01-10', agenda: 'x' }, 400, /agenda/],
      ['an unknown type', { type: 'PLAN_SHREDDED', occurredOn: '2026-01-10' }, 400, /type must be one of/],
      ['an event the status does not allow', { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-01-10' }, 422, /not allowed while the plan is maintained; allowed: REVIEW_MEETING_SCHEDULED, REVIEW_MEETING_HELD/],
      ['an event the rules refuse', { type: 'CEASE_DECISION', occurredOn: '2026-01-10', reasons: 'Needs met', ceaseReason: 10 }, 400, /ceaseReason/],
      ['a date in the future', { type: 'REASSESSMENT_REQUESTED', occurredOn: '2026-02-01', requestedBy: 'parent' }, 400, /in the future/],
      ['a date before the plan', { type: 'REASSESSMENT_REQUESTED', occurredOn: '2025-01-01', requestedBy: 'parent' }, 422, /before|plan started/],
    ])('%s', async (_, event, status, message) => {
      const plan = await createPlan(t);
      const before = await storedPlanState(t, plan.id);
      const response = await postPlanEvent(t, plan.id, event);
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(message);
      expect(await storedPlanState(t, plan.id)).toEqual(before);
    });

    it('a refused event answers with the status and the allowed events', async () => {
      const plan = await createPlan(t);
      const response = await postPlanEvent(t, plan.id, { type: 'CEASED', occurredOn: '2026-01-10' });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'PLAN_TRANSITION_NOT_ALLOWED', status: 'maintained', allowedEvents: expect.arrayContaining(['CEASE_DECISION']) });
    });

    it('a stale If-Match gets 409 and nothing changes', async () => {
      const plan = await createPlan(t);
      await postPlanEvent(t, plan.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'caseworker-1' });
      const before = await storedPlanState(t, plan.id);
      const stale = await postPlanEvent(t, plan.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'caseworker-2' }, 1);
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'PLAN_VERSION_CONFLICT', currentVersion: 2 });
      expect(await storedPlanState(t, plan.id)).toEqual(before);
    });

    it('rejects a plan started in the future, or a child born after it', async () => {
      expect((await t.http.post('/api/plans').send(newPlanBody({ startedOn: '2026-02-01' }))).status).toBe(400);
      expect((await t.http.post('/api/plans').send(newPlanBody({ child: { givenName: 'A', familyName: 'B', dateOfBirth: '2025-04-01' } }))).status).toBe(400);
      expect((await t.http.post('/api/plans').send(newPlanBody({ phase: 'university' }))).status).toBe(400);
      expect(await t.db.query('SELECT count(*)::int AS n FROM ehc_plan')).toEqual([{ n: 0 }]);
    });
  });

  it('concurrent writers without If-Match never lose an event', async () => {
    const plan = await createPlan(t);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postPlanEvent(t, plan.id, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: `caseworker-${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const trail = await t.http.get(`/api/plans/${plan.id}/events`);
    expect(trail.body.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('writes a re-planning job to the outbox when the limits change, and logs every read of the plan', async () => {
    const plan = await createPlan(t);
    await postPlanEvent(t, plan.id, { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: TODAY, meetingOn: '2026-02-16' });
    const jobs = await t.db.query(`SELECT job_name, job_id, data FROM outbox WHERE data->>'planId' = $1 ORDER BY id`, [plan.id]);
    expect(jobs.map((j: { job_name: string; job_id: string }) => [j.job_name, j.job_id])).toEqual([['plan-plan', `plan-plan.${plan.id}.1`], ['plan-plan', `plan-plan.${plan.id}.2`]]);
    await t.http.get(`/api/plans/${plan.id}`);
    await t.http.get(`/api/plans/${plan.id}/events`);
    await t.http.get('/api/plans');
    const log = await t.db.query(`SELECT action, route FROM access_log WHERE plan_id = $1 ORDER BY id`, [plan.id]);
    expect(log).toEqual([
      { action: 'plan_read', route: 'POST /api/plans' },
      { action: 'plan_read', route: 'POST /api/plans/:id/events' },
      { action: 'plan_read', route: 'GET /api/plans/:id' },
      { action: 'plan_trail_read', route: 'GET /api/plans/:id/events' },
      { action: 'plan_list_read', route: 'GET /api/plans' },
    ]);
  });

  it('moves a plan to a newer machine version only when asked, and records who did', async () => {
    planMachines.register(2, planMachineV2Fixture, planMigrationFromV1);
    try {
      const plan = await createPlan(t);
      await postPlanEvent(t, plan.id, { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: TODAY, meetingOn: '2026-03-02' });
      // A new version changes no running plan.
      expect((await t.http.get(`/api/plans/${plan.id}`)).body).toMatchObject({ machineVersion: 1, status: 'review_scheduled' });
      const moved = await t.http.post(`/api/plans/${plan.id}/migrate`).set('If-Match', '"2"').send({ toVersion: 2 });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ machineVersion: 2, status: 'review_scheduled', version: 3, allowedEvents: ['REVIEW_MEETING_HELD', 'REVIEW_REPORT_RECEIVED', 'REVIEW_DECISION'] });
      const trail = await t.http.get(`/api/plans/${plan.id}/events`);
      expect(trail.body.at(-1)).toMatchObject({ type: 'MACHINE_MIGRATED', actor: 'tester@test.example', machineVersion: 2, payload: { fromVersion: 1, toVersion: 2 } });
      const again = await t.http.post(`/api/plans/${plan.id}/migrate`).send({ toVersion: 2 });
      expect(again).toMatchObject({ status: 422, body: { code: 'PLAN_MIGRATION_REFUSED', message: 'The plan is already on version 2.' } });
      const unknown = await t.http.post(`/api/plans/${plan.id}/migrate`).send({ toVersion: 9 });
      expect(unknown.body.message).toMatch(/not registered; registered versions: 1, 2/);
    } finally {
      planMachines.unregister(2);
    }
  });

  it('corrects a mis-recorded event: the plan is replayed, its rows and trail follow, and a refused correction changes nothing', async () => {
    t.clock.setToday('2026-02-20');
    const plan = await createPlan(t);
    await postPlanEvent(t, plan.id, { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' });
    await postPlanEvent(t, plan.id, { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-09' });
    await postPlanEvent(t, plan.id, { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-02-13' });
    const refusedBefore = await storedPlanState(t, plan.id);
    // Without the meeting, the report would come before any meeting was held.
    const impossible = await t.http.post(`/api/plans/${plan.id}/corrections`).send({ eventSeq: 3, reason: 'Recorded on the wrong plan' });
    expect(impossible.status).toBe(422);
    expect(impossible.body).toMatchObject({ code: 'PLAN_CORRECTION_REFUSED', message: expect.stringContaining('impossible history') });
    expect(await storedPlanState(t, plan.id)).toEqual(refusedBefore);

    const corrected = await t.http
      .post(`/api/plans/${plan.id}/corrections`)
      .set('If-Match', '"4"')
      .send({ eventSeq: 3, reason: 'The meeting was on the 2nd', replacement: { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body.deadlines).toMatchObject({ reviewReport: { dueOn: '2026-02-16', status: 'met' }, reviewDecision: { dueOn: '2026-03-02' } });
    const rows = await t.db.query(`SELECT name, due_on FROM plan_deadline WHERE plan_id = $1 AND name = 'reviewReport'`, [plan.id]);
    expect(rows).toEqual([{ name: 'reviewReport', due_on: '2026-02-16' }]);
    const trail = (await t.http.get(`/api/plans/${plan.id}/events`)).body;
    expect(trail[2]).toMatchObject({ seq: 3, type: 'REVIEW_MEETING_HELD', supersededBy: { seq: 5, reason: 'The meeting was on the 2nd', actor: 'tester@test.example' } });
    expect(trail[4]).toMatchObject({ seq: 5, type: 'EVENT_CORRECTED', payload: { eventSeq: 3, replacement: { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' } } });
    // A caseworker may not correct: it is a manager's decision (cases:correct).
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.post(`/api/plans/${plan.id}/corrections`).send({ eventSeq: 2, reason: 'x' })).status).toBe(403);
  });

  it('keeps each authority’s plans to itself', async () => {
    const plan = await createPlan(t);
    const other = await t.signInAs(['caseworker'], 'OTHER');
    expect((await other.http.get(`/api/plans/${plan.id}`)).status).toBe(404);
    expect((await other.http.get('/api/plans')).body.total).toBe(0);
    expect((await other.http.post(`/api/plans/${plan.id}/events`).send({ type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'x' })).status).toBe(404);
  });
});
