import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, newCaseBody, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Cases API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  it('creates a case with a reference, the statutory deadlines and the allowed next steps', async () => {
    const response = await t.http.post('/api/cases').send(newCaseBody({ requestReceivedOn: '2026-10-05' }));

    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    const body = response.body;
    expect(body).toMatchObject({
      reference: 'EHC-2026-000001',
      status: 'awaiting_decision',
      machineId: 'ehc-needs-assessment',
      machineVersion: 1,
      version: 1,
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' },
      requestReceivedOn: '2026-10-05',
      requestSource: 'parent',
      assignee: null,
    });
    expect(body.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-11-16', metOn: null, status: 'breached' });
    expect(body.deadlines.issueDecision).toMatchObject({ dueOn: '2027-01-25', status: 'pending' });
    expect(body.deadlines.finalPlan).toMatchObject({ dueOn: '2027-02-22', status: 'pending' });
    expect(body.allowedEvents).toEqual(expect.arrayContaining(['DECISION_TO_ASSESS', 'WITHDRAWN', 'EXCEPTION_RECORDED', 'ASSIGNED']));
    expect(body.allowedEvents).not.toContain('FINAL_PLAN_ISSUED');

    const read = await t.http.get(`/api/cases/${body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
  });

  it('numbers references per year of request, without gaps or repeats', async () => {
    const first = await createCase(t, { requestReceivedOn: '2026-01-10' });
    const second = await createCase(t, { requestReceivedOn: '2026-02-10' });
    const older = await createCase(t, { requestReceivedOn: '2025-12-30' });
    expect([first.reference, second.reference, older.reference]).toEqual(['EHC-2026-000001', 'EHC-2026-000002', 'EHC-2025-000001']);
  });

  it('takes a case through the whole statutory process to a final plan', async () => {
    t.clock.setToday('2026-03-01');
    const created = await createCase(t, { requestReceivedOn: '2026-01-05' });
    const id = created.id;
    const steps = [
      { type: 'ASSIGNED', occurredOn: '2026-01-06', assigneeId: 'caseworker-7' },
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-02-10', contributor: 'health', contact: { name: 'Dr Shah', organisation: 'ICB' } },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-02-10', contributor: 'educational_psychology' },
      { type: 'ADVICE_RECEIVED', occurredOn: '2026-02-27', contributor: 'educational_psychology' },
    ];
    for (const step of steps) expect((await postEvent(t, id, step)).status).toBe(200);

    t.clock.setToday('2026-05-20');
    const later = [
      { type: 'ADVICE_RECEIVED', occurredOn: '2026-03-30', contributor: 'health' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-06', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-13' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18', placement: 'Riverside Primary School' },
    ];
    for (const step of later) expect((await postEvent(t, id, step)).status).toBe(200);

    const done = (await t.http.get(`/api/cases/${id}`)).body;
    expect(done.status).toBe('plan_issued');
    expect(done.version).toBe(10);
    expect(done.assignee).toBe('caseworker-7');
    // Closed: it awaits nothing, but late advice, the plan's notice and an exception's end can still be recorded.
    expect(done.allowedEvents).toEqual(['ADVICE_RECEIVED', 'EXCEPTION_APPROVED', 'EXCEPTION_ENDED', 'NOTICE_SENT']);
    expect(done.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-02-16', metOn: '2026-02-09', status: 'met' });
    expect(done.deadlines.issueDecision.status).toBe('not_applicable');
    expect(done.deadlines.finalPlan).toMatchObject({ dueOn: '2026-05-25', metOn: '2026-05-18', status: 'met' });
    expect(done.deadlines['advice.health']).toMatchObject({ dueOn: '2026-03-24', metOn: '2026-03-30', status: 'met_late' });
    expect(done.deadlines['advice.educational_psychology']).toMatchObject({ dueOn: '2026-03-24', status: 'met' });
    expect(done.deadlines.representations.dueOn).toBe('2026-04-27');

    const trail = await t.http.get(`/api/cases/${id}/events`);
    expect(trail.status).toBe(200);
    expect(trail.body.map((e: { seq: number; type: string }) => `${e.seq}:${e.type}`)).toEqual([
      '1:REQUEST_RECEIVED',
      '2:ASSIGNED',
      '3:DECISION_TO_ASSESS',
      '4:ADVICE_REQUESTED',
      '5:ADVICE_REQUESTED',
      '6:ADVICE_RECEIVED',
      '7:ADVICE_RECEIVED',
      '8:DECISION_TO_ISSUE',
      '9:DRAFT_PLAN_ISSUED',
      '10:FINAL_PLAN_ISSUED',
    ]);
    expect(trail.body[3]).toMatchObject({
      occurredOn: '2026-02-10',
      actor: 'tester@test.example',
      payload: { contributor: 'health', contact: { name: 'Dr Shah', organisation: 'ICB' } },
    });
    expect(new Date(trail.body[9].recordedAt).toString()).not.toBe('Invalid Date');
  });

  it('records a refusal to assess and closes the 20-week clock', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    const refused = await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'decline', reasons: 'Needs met at SEN support' });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('declined_to_assess');
    expect(refused.body.deadlines.decisionToAssess).toMatchObject({ metOn: '2026-11-02', status: 'met' });
    expect(refused.body.deadlines.finalPlan.status).toBe('not_applicable');
    expect(refused.body.deadlines.issueDecision.status).toBe('not_applicable');
  });

  it('answers 404 for a case that does not exist and 400 for an id that is not a uuid', async () => {
    const missing = await t.http.get('/api/cases/0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect((await t.http.get('/api/cases/not-a-uuid')).status).toBe(400);
  });

  it('serves the health check and the OpenAPI document with the contract paths', async () => {
    const health = await t.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const docs = await t.http.get('/api/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/api/cases/{id}/events', '/api/health']),
    );
    expect((await t.http.get('/api/docs')).status).toBe(200);
  });

  it('documents exactly the fields the API returns', async () => {
    const { schemas } = (await t.http.get('/api/docs/openapi.json')).body.components;
    const created = await createCase(t);
    await postEvent(t, created.id, { type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId: 'jo' });
    const caseBody = (await t.http.get(`/api/cases/${created.id}`)).body;
    const [event] = (await t.http.get(`/api/cases/${created.id}/events`)).body;
    const page = (await t.http.get('/api/cases')).body;
    const error = (await t.http.get('/api/cases/0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d')).body;
    const documented = (name: string) => Object.keys(schemas[name].properties).sort();
    expect(documented('CaseResponse')).toEqual(Object.keys(caseBody).sort());
    expect(documented('DeadlineResponse')).toEqual(Object.keys(caseBody.deadlines.decisionToAssess).sort());
    expect(documented('ChildResponse')).toEqual(Object.keys(caseBody.child).sort());
    expect(documented('CaseEventResponse')).toEqual(Object.keys(event).sort());
    expect(documented('CasePageResponse')).toEqual(Object.keys(page).sort());
    expect(documented('ErrorResponse')).toEqual(Object.keys(error).sort());
  });
});
