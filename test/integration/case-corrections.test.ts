import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AlertPlanner, type PreviousDeadline } from '../../src/alerts/alert-planner.service.js';
import { ALERTS_QUEUE } from '../../src/queues/queue-names.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Corrections: POST /api/cases/:id/corrections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  const correct = (caseId: string, body: unknown, ifMatch?: number) => {
    const request = t.http.post(`/api/cases/${caseId}/corrections`);
    if (ifMatch !== undefined) request.set('If-Match', `"${ifMatch}"`);
    return request.send(body as object);
  };
  const accepted = async (response: { status: number; body: unknown }) => {
    if (response.status !== 200) throw new Error(`answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as Record<string, any>;
  };
  const trail = async (caseId: string) => (await t.http.get(`/api/cases/${caseId}/events`)).body as Record<string, any>[];
  const overdueIds = async () => ((await t.http.get('/api/cases?overdue=true')).body.items as { id: string }[]).map((c) => c.id);
  const deadlineRows = (caseId: string) => t.db.query(`SELECT name, due_on, open, met_on, target_on FROM case_deadline WHERE case_id = $1 ORDER BY name`, [caseId]);
  /** The re-plan job the correction put in the outbox. */
  const planJobOf = async (caseId: string, version: number) => {
    const [row] = await t.db.query(`SELECT queue, job_name, data FROM outbox WHERE job_id = $1`, [`plan-case.${caseId}.${version}`]);
    return row as { queue: string; job_name: string; data: { caseId: string; previous: PreviousDeadline[] } } | undefined;
  };
  const plannedJobs = async (caseId: string) => {
    const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
    return (await queue.getDelayed()).map((job) => String(job.id)).filter((id) => id.startsWith(`alert.${caseId}.`)).sort();
  };
  /** Everything stored about a case and its alerts, to prove a refused correction changed none of it. */
  const everything = async (caseId: string) => ({
    caseRow: await t.db.query('SELECT * FROM ehc_case WHERE id = $1', [caseId]),
    events: await t.db.query('SELECT * FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId]),
    supersessions: await t.db.query('SELECT * FROM case_event_supersession WHERE case_id = $1 ORDER BY seq', [caseId]),
    deadlines: await t.db.query('SELECT * FROM case_deadline WHERE case_id = $1 ORDER BY name', [caseId]),
    outbox: await t.db.query('SELECT * FROM outbox ORDER BY id'),
    notifications: await t.db.query('SELECT * FROM notification ORDER BY id'),
  });

  it('undoes a withdrawal entered on the wrong case: open again, overdue again, alerts planned again, no longer counted as withdrawn', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'WITHDRAWN', occurredOn: '2026-11-20', reason: 'Family moved away' });
    const conversion = async () => (await t.http.get('/api/reports/conversion?from=2026-11-01&to=2026-11-30')).body;
    const sen2Outcome = async () => (await t.http.get('/api/reports/sen2?from=2026-09-01&to=2026-11-30')).body.requests[0].RequestOutcome;
    expect((await conversion()).withdrawn).toBe(1);
    expect(await sen2Outcome()).toBe('withdrawn');
    expect(await overdueIds()).not.toContain(id);
    await t.app.get(AlertPlanner).planCase(id);
    expect(await plannedJobs(id)).toEqual([]);

    const corrected = await accepted(await correct(id, { eventSeq: 2, reason: 'Withdrawal entered on the wrong case' }, 2));

    expect(corrected).toMatchObject({ status: 'awaiting_decision', version: 3 });
    expect(corrected.allowedEvents).toContain('DECISION_TO_ASSESS');
    // Request 1 Sept: the decision was due 13 Oct (6 weeks), so the case is overdue again.
    expect(corrected.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-10-13', status: 'breached', open: true, closedOn: null });
    expect(corrected.deadlines.finalPlan).toMatchObject({ dueOn: '2027-01-19', status: 'pending', open: true });
    expect(await overdueIds()).toContain(id);
    expect((await conversion()).withdrawn).toBe(0);
    expect(await sen2Outcome()).toBe('decision_not_yet_made');

    const job = await planJobOf(id, 3);
    expect(job).toMatchObject({ queue: ALERTS_QUEUE, data: { caseId: id } });
    expect(job!.data.previous.map((p) => p.name).sort()).toEqual(['decisionToAssess', 'finalPlan', 'issueDecision']);
    await t.app.get(AlertPlanner).planCase(id, job!.data.previous);
    expect(await plannedJobs(id)).toEqual(expect.arrayContaining([`alert.${id}.finalPlan.2027-01-19.breach`, `alert.${id}.issueDecision.2026-12-22.due`]));
    const [{ breaches }] = await t.db.query(`SELECT count(*)::int AS breaches FROM notification WHERE case_id = $1 AND deadline = 'decisionToAssess' AND kind = 'deadline_breach'`, [id]);
    expect(breaches).toBe(1);

    const lines = await trail(id);
    expect(lines.map((l) => [l.seq, l.type])).toEqual([[1, 'REQUEST_RECEIVED'], [2, 'WITHDRAWN'], [3, 'EVENT_CORRECTED']]);
    expect(lines[1].supersededBy).toEqual({ seq: 3, reason: 'Withdrawal entered on the wrong case', actor: expect.any(String), recordedAt: expect.any(String) });
    expect(lines[0].supersededBy).toBeNull();
    expect(lines[2]).toMatchObject({ occurredOn: TODAY, payload: { eventSeq: 2, reason: 'Withdrawal entered on the wrong case' }, supersededBy: null });
  });

  it('moves the advice deadline when a wrong request date is replaced, and re-plans its alerts from the old target', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', contact: { organisation: 'Northshire ICB' } });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-22', contributor: 'education' });

    const replacement = { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-02', contributor: 'health', contact: { organisation: 'Northshire ICB' } };
    const corrected = await accepted(await correct(id, { eventSeq: 3, reason: 'Request was sent on 2 November', replacement }));

    // Reg 8(1): 6 weeks from the day the body received the request (email: the day sent).
    expect(corrected.deadlines['advice.health']).toMatchObject({ dueOn: '2026-12-14', status: 'pending' });
    expect(corrected.deadlines['advice.education']).toMatchObject({ dueOn: '2026-12-03' });
    expect(corrected.adviceRequests.map((a: { name: string; requestedOn: string }) => [a.name, a.requestedOn])).toEqual([
      ['advice.health', '2026-11-02'],
      ['advice.education', '2026-10-22'],
    ]);
    expect(corrected.status).toBe('assessing');
    const job = await planJobOf(id, 5);
    expect(job!.data.previous).toEqual([{ name: 'advice.health', targetOn: '2026-12-02' }]);
    const lines = await trail(id);
    expect(lines[2].supersededBy).toMatchObject({ seq: 5, reason: 'Request was sent on 2 November' });
    expect(lines[4]).toMatchObject({ type: 'EVENT_CORRECTED', payload: { eventSeq: 3, replacement } });

    // The advice came on 5 December: late against the wrong date (due 2 Dec), on time against the right one.
    t.clock.setToday('2026-12-05');
    await postEvent(t, id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-12-05', contributor: 'health' });
    const timeliness = (await t.http.get('/api/reports/timeliness?from=2026-12-01&to=2026-12-31')).body;
    expect(timeliness.advice.byContributor).toEqual([{ contributor: 'health', returned: 1, within6Weeks: 1, percentWithin6Weeks: 100 }]);
  });

  it('deletes the deadline of a superseded advice request and removes its planned alerts', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-02', contributor: 'social_care' });
    await t.app.get(AlertPlanner).planCase(id);
    expect((await plannedJobs(id)).filter((j) => j.includes('advice.social_care'))).not.toEqual([]);

    const corrected = await accepted(await correct(id, { eventSeq: 3, reason: 'Social care was never asked: entered on the wrong case' }));

    expect(corrected.deadlines['advice.social_care']).toBeUndefined();
    expect((await deadlineRows(id)).map((r: { name: string }) => r.name)).toEqual(['decisionToAssess', 'finalPlan', 'issueDecision']);
    const job = await planJobOf(id, 4);
    expect(job!.data.previous).toEqual([{ name: 'advice.social_care', targetOn: '2026-12-14' }]);
    await t.app.get(AlertPlanner).planCase(id, job!.data.previous);
    expect((await plannedJobs(id)).filter((j) => j.includes('advice.social_care'))).toEqual([]);
  });

  it('credits a step to the caseworker a replaced assignment names', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-05', assigneeId: 'alice' });
    const byCaseworker = async () =>
      ((await t.http.get('/api/reports/conversion?from=2026-10-01&to=2026-10-31&by=caseworker')).body.breakdown.groups as { key: string; requestsReceived: number }[])
        .map((g) => [g.key, g.requestsReceived]);
    expect(await byCaseworker()).toEqual([['alice', 1]]);
    await accepted(await correct(id, { eventSeq: 2, reason: 'Assigned to the wrong caseworker', replacement: { type: 'ASSIGNED', occurredOn: '2026-10-05', assigneeId: 'bob' } }));
    expect(await byCaseworker()).toEqual([['bob', 1]]);
    expect((await t.http.get(`/api/cases/${id}`)).body.assignee).toBe('bob');
  });

  it('refuses a correction that would leave an impossible history with 422, naming the event and the rule, and changes nothing', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health' });
    const before = await everything(id);

    const response = await correct(id, { eventSeq: 2, reason: 'Decision recorded on the wrong case' });

    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CASE_CORRECTION_REFUSED');
    expect(response.body.message).toMatch(/event 3 \(ADVICE_REQUESTED on 2026-10-21\)/);
    expect(response.body.message).toMatch(/awaiting_decision/);
    expect(await everything(id)).toEqual(before);
  });

  it.each([
    ['the request itself', { eventSeq: 1, reason: 'Wrong child' }, /request .*cannot be superseded.*reg 5\(1\)/],
    ['an event the case does not have', { eventSeq: 9, reason: 'Typo' }, /no event 9/],
    ['a replacement the rules refuse', { eventSeq: 2, reason: 'Decline', replacement: { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'decline' } }, /replacement DECISION_TO_ASSESS.*needs reasons/],
  ])('refuses superseding %s with 422 and changes nothing', async (_, body, message) => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    const before = await everything(id);
    const response = await correct(id, body);
    expect(response.status).toBe(422);
    expect(response.body.message).toMatch(message);
    expect(await everything(id)).toEqual(before);
  });

  it('refuses superseding an event twice, or the correction itself, with 422', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-06', assigneeId: 'alice' });
    await accepted(await correct(id, { eventSeq: 2, reason: 'Wrong caseworker' }));
    const before = await everything(id);
    const twice = await correct(id, { eventSeq: 2, reason: 'Again' });
    expect(twice.status).toBe(422);
    expect(twice.body.message).toMatch(/already superseded by event 3/);
    const ofCorrection = await correct(id, { eventSeq: 3, reason: 'Undo' });
    expect(ofCorrection.status).toBe(422);
    expect(ofCorrection.body.message).toMatch(/EVENT_CORRECTED.*not a step/);
    expect(await everything(id)).toEqual(before);
  });

  it.each([
    ['an unknown field', { eventSeq: 2, reason: 'x', urgent: true }, /urgent/],
    ['a missing reason', { eventSeq: 2 }, /reason/],
    ['a blank reason', { eventSeq: 2, reason: '   ' }, /reason/],
    ['a seq that is not a positive integer', { eventSeq: 0, reason: 'x' }, /eventSeq/],
    ['a replacement of an unknown type', { eventSeq: 2, reason: 'x', replacement: { type: 'PLAN_SHREDDED', occurredOn: '2026-10-20' } }, /replacement\.type must be one of/],
    ['a replacement with an unknown field', { eventSeq: 2, reason: 'x', replacement: { type: 'ASSIGNED', occurredOn: '2026-10-20', assigneeId: 'b', seq: 4 } }, /replacement\.seq|property seq/],
    ['a replacement missing its date', { eventSeq: 2, reason: 'x', replacement: { type: 'ASSIGNED', assigneeId: 'b' } }, /replacement\.occurredOn/],
    ['a replacement dated in the future', { eventSeq: 2, reason: 'x', replacement: { type: 'ASSIGNED', occurredOn: '2026-11-24', assigneeId: 'b' } }, /future/],
    ['a replacement that is not an object', { eventSeq: 2, reason: 'x', replacement: 'ASSIGNED' }, /replacement/],
  ])('answers 400 for %s and changes nothing', async (_, body, message) => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-06', assigneeId: 'alice' });
    const before = await everything(id);
    const response = await correct(id, body);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    expect(await everything(id)).toEqual(before);
  });

  it('answers 409 on a stale If-Match, 403 to a caseworker and 404 to another authority, changing nothing', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-06', assigneeId: 'alice' });
    const before = await everything(id);
    const stale = await correct(id, { eventSeq: 2, reason: 'Wrong caseworker' }, 1);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CASE_VERSION_CONFLICT', currentVersion: 2 });
    const caseworker = await t.signInAs(['caseworker']);
    const forbidden = await caseworker.http.post(`/api/cases/${id}/corrections`).send({ eventSeq: 2, reason: 'Wrong caseworker' });
    expect(forbidden.status).toBe(403);
    const elsewhere = await t.signInAs(['manager'], 'CORRB');
    expect((await elsewhere.http.post(`/api/cases/${id}/corrections`).send({ eventSeq: 2, reason: 'Wrong caseworker' })).status).toBe(404);
    expect(await everything(id)).toEqual(before);
    const manager = await t.signInAs(['manager']);
    const done = await manager.http.post(`/api/cases/${id}/corrections`).send({ eventSeq: 2, reason: 'Wrong caseworker' });
    expect(done.status).toBe(200);
    expect(done.body.assignee).toBeNull();
  });

  it('is in the OpenAPI document, with supersededBy documented exactly as the trail returns it', async () => {
    const docs = (await t.http.get('/api/docs/openapi.json')).body;
    expect(Object.keys(docs.paths['/api/cases/{id}/corrections'])).toEqual(['post']);
    expect(Object.keys(docs.components.schemas.CorrectionDto.properties).sort()).toEqual(['eventSeq', 'reason', 'replacement']);
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-06', assigneeId: 'alice' });
    await accepted(await correct(id, { eventSeq: 2, reason: 'Wrong caseworker' }));
    const [, superseded] = await trail(id);
    expect(Object.keys(docs.components.schemas.SupersededByResponse.properties).sort()).toEqual(Object.keys(superseded.supersededBy).sort());
    expect(Object.keys(docs.components.schemas.CaseEventResponse.properties).sort()).toEqual(Object.keys(superseded).sort());
  });

  it('keeps a replaced exception’s place in the trail, so its approval still names it', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    const caseworker = await t.signInAs(['caseworker']);
    const proposal = { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-02', exception: 'personal_circumstances', from: '2026-11-01', limits: ['finalPlan'] };
    expect((await caseworker.http.post(`/api/cases/${id}/events`).send(proposal)).status).toBe(200);
    expect((await postEvent(t, id, { type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-03', exceptionSeq: 3 })).status).toBe(200);

    const corrected = await accepted(await correct(id, { eventSeq: 3, reason: 'It began on 26 October', replacement: { ...proposal, from: '2026-10-26' } }));

    expect(corrected.exceptions).toEqual([expect.objectContaining({ seq: 3, from: '2026-10-26', approvedOn: '2026-11-03' })]);
    expect(corrected.deadlines.finalPlan).toMatchObject({ status: 'exception' });
  });
});
