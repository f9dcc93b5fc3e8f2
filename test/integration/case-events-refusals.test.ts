import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Case events: bad input changes nothing', () => {
  let t: TestApp;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    caseId = (await createCase(t, { requestReceivedOn: '2026-10-05' })).id;
  });

  async function expectRefusedWithoutChange(send: () => Promise<{ status: number; body: Record<string, unknown> }>, status: number) {
    const before = await storedState(t, caseId);
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body.statusCode).toBe(status);
    expect(typeof response.body.message).toBe('string');
    expect(await storedState(t, caseId)).toEqual(before);
    return response.body;
  }

  it('refuses an event the status does not allow with 422 naming the status and the allowed events', async () => {
    const body = await expectRefusedWithoutChange(() => postEvent(t, caseId, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-11-01' }), 422);
    expect(body.message).toContain('awaiting_decision');
    expect(body.message).toContain('DECISION_TO_ASSESS');
    expect(body.code).toBe('CASE_TRANSITION_NOT_ALLOWED');
    expect(body.allowedEvents).toEqual(expect.arrayContaining(['DECISION_TO_ASSESS', 'WITHDRAWN']));
  });

  it('refuses a decline without reasons (reg 5(3)) with 422', async () => {
    const body = await expectRefusedWithoutChange(
      () => postEvent(t, caseId, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-01', decision: 'decline' }),
      422,
    );
    expect(body.code).toBe('CASE_EVENT_REFUSED');
  });

  it('refuses an exception claimed against a refusal to assess or advice it cannot relax', async () => {
    await postEvent(t, caseId, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    await postEvent(t, caseId, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-03', contributor: 'health' });
    const body = await expectRefusedWithoutChange(
      () =>
        postEvent(t, caseId, {
          type: 'EXCEPTION_RECORDED',
          occurredOn: '2026-11-20',
          exception: 'school_closure',
          from: '2026-11-04',
          to: '2026-11-20',
          limits: ['advice.health'],
        }),
      422,
    );
    expect(body.message).toMatch(/school_closure/);
  });

  describe('exceptions: approvals and endings', () => {
    /** A caseworker's proposal (personal circumstances, running), and its seq in the trail. */
    async function proposal(): Promise<number> {
      const caseworker = await t.signInAs(['caseworker']);
      const recorded = await caseworker.http
        .post(`/api/cases/${caseId}/events`)
        .send({ type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-20', exception: 'personal_circumstances', from: '2026-11-02' });
      expect(recorded.status).toBe(200);
      return recorded.body.exceptions[0].seq;
    }

    it('refuses an approval by a caseworker with 403', async () => {
      const exceptionSeq = await proposal();
      const caseworker = await t.signInAs(['caseworker']);
      const before = await storedState(t, caseId);
      const response = await caseworker.http.post(`/api/cases/${caseId}/events`).send({ type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq });
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/exceptions:approve/);
      expect(await storedState(t, caseId)).toEqual(before);
    });

    it.each([
      ['an unknown exception', (seq: number) => ({ type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq: seq + 5 }), /No exception was recorded as event/],
      ['a revised target before the due date', (seq: number) => ({ type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq: seq, revisedTarget: '2026-11-01' }), /cannot come before the due date/],
      ['an ending before the exception started', (seq: number) => ({ type: 'EXCEPTION_ENDED', occurredOn: '2026-11-21', exceptionSeq: seq, to: '2026-11-01' }), /cannot end \(2026-11-01\) before it started/],
    ])('refuses %s with 422', async (_, event, message) => {
      const exceptionSeq = await proposal();
      const body = await expectRefusedWithoutChange(() => postEvent(t, caseId, event(exceptionSeq)), 422);
      expect(body.message).toMatch(message);
    });

    it('refuses a second approval, and a second ending, with 422', async () => {
      const exceptionSeq = await proposal();
      expect((await postEvent(t, caseId, { type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq })).status).toBe(200);
      expect((await postEvent(t, caseId, { type: 'EXCEPTION_ENDED', occurredOn: '2026-11-22', exceptionSeq, to: '2026-11-20' })).status).toBe(200);
      const again = await expectRefusedWithoutChange(() => postEvent(t, caseId, { type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-22', exceptionSeq }), 422);
      expect(again.message).toMatch(/already approved/);
      const ended = await expectRefusedWithoutChange(() => postEvent(t, caseId, { type: 'EXCEPTION_ENDED', occurredOn: '2026-11-22', exceptionSeq, to: '2026-11-21' }), 422);
      expect(ended.message).toMatch(/already ends on 2026-11-20/);
    });

    it.each([
      ['an exceptionSeq that is not a number', { type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq: 'four' }, /exceptionSeq/],
      ['an approvedBy the engine sets itself', { type: 'EXCEPTION_APPROVED', occurredOn: '2026-11-21', exceptionSeq: 2, approvedBy: 'me' }, /approvedBy/],
      ['an ending in the future', { type: 'EXCEPTION_ENDED', occurredOn: '2026-11-21', exceptionSeq: 2, to: '2026-11-30' }, /to 2026-11-30 is in the future/],
      ['a notice with an unknown method', { type: 'NOTICE_SENT', occurredOn: '2026-11-21', notice: 'decision_to_assess', sentOn: '2026-11-21', method: 'pigeon' }, /method/],
    ])('answers 400 for %s', async (_, event, message) => {
      await proposal();
      const body = await expectRefusedWithoutChange(() => postEvent(t, caseId, event), 400);
      expect(body.message).toMatch(message);
    });
  });

  it.each([
    ['an unknown event type', { type: 'PLAN_SHREDDED', occurredOn: '2026-11-01' }, /type must be one of/],
    ['an impossible date', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-30', decision: 'assess' }, /occurredOn/],
    ['a timestamp instead of a date', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-01T10:00:00Z', decision: 'assess' }, /occurredOn/],
    ['an unknown field', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-01', decision: 'assess', urgent: true }, /urgent/],
    ['a wrong type', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-01', decision: 42 }, /decision/],
    ['a missing date', { type: 'DECISION_TO_ASSESS', decision: 'assess' }, /occurredOn/],
    ['a date after today', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-24', decision: 'assess' }, /future/],
    ['a date before the request', { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-04', decision: 'assess' }, /before the request/],
    ['a nested unknown field', { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-01', contributor: 'health', contact: { phone: '1' } }, /contact\.phone/],
  ])('answers 400 for %s, naming the field', async (_, event, message) => {
    const body = await expectRefusedWithoutChange(() => postEvent(t, caseId, event), 400);
    expect(body.message).toMatch(message);
    expect(body.error).toBe('Bad Request');
  });

  it('answers 400 for malformed JSON and for a body that is not an object', async () => {
    await expectRefusedWithoutChange(
      () => t.http.post(`/api/cases/${caseId}/events`).set('Content-Type', 'application/json').send('{"type": "ASSIGNED",'),
      400,
    );
    await expectRefusedWithoutChange(() => t.http.post(`/api/cases/${caseId}/events`).send([{ type: 'ASSIGNED' }]), 400);
  });

  it('refuses a malformed If-Match with 400', async () => {
    const send = () => t.http.post(`/api/cases/${caseId}/events`).set('If-Match', 'yesterday').send({ type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId: 'a' });
    const body = await expectRefusedWithoutChange(send, 400);
    expect(body.message).toMatch(/If-Match/);
  });

  it('refuses creating a case with bad input, naming the field, and creates nothing', async () => {
    const bad = [
      { child: { givenName: 'A', familyName: 'B', dateOfBirth: '2017-02-29' }, requestReceivedOn: '2026-10-05', requestSource: 'parent' },
      { child: { givenName: 'A', familyName: 'B', dateOfBirth: '2017-02-01' }, requestReceivedOn: '2026-12-05', requestSource: 'parent' },
      { child: { givenName: 'A', familyName: 'B', dateOfBirth: '2017-02-01' }, requestReceivedOn: '2026-10-05', requestSource: 'neighbour' },
      { child: { givenName: '', familyName: 'B', dateOfBirth: '2017-02-01' }, requestReceivedOn: '2026-10-05', requestSource: 'parent' },
      { child: { givenName: 'A', familyName: 'B', dateOfBirth: '2026-10-06' }, requestReceivedOn: '2026-10-05', requestSource: 'parent' },
    ];
    const messages = [];
    for (const body of bad) {
      const response = await t.http.post('/api/cases').send(body);
      expect(response.status).toBe(400);
      messages.push(response.body.message);
    }
    expect(messages[0]).toMatch(/child\.dateOfBirth/);
    expect(messages[1]).toMatch(/requestReceivedOn/);
    expect(messages[2]).toMatch(/requestSource/);
    expect(messages[3]).toMatch(/child\.givenName/);
    expect(messages[4]).toMatch(/dateOfBirth/);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM ehc_case');
    expect(count).toBe(1);
  });
});

describe('Case events: concurrent writers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('lets exactly one of two writers with the same If-Match win; the other gets 409', async () => {
    const { id, version } = await createCase(t);
    const [a, b] = await Promise.all([
      postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId: 'alice' }, version),
      postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId: 'bob' }, version),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ statusCode: 409, code: 'CASE_VERSION_CONFLICT', currentVersion: 2 });
    const trail = (await t.http.get(`/api/cases/${id}/events`)).body;
    expect(trail).toHaveLength(2);
  });

  it('serialises 50 concurrent events without If-Match and loses none', async () => {
    const { id } = await createCase(t);
    const assignees = Array.from({ length: 50 }, (_, i) => `caseworker-${i}`);
    const responses = await Promise.all(
      assignees.map((assigneeId) => postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId })),
    );
    expect(responses.map((r) => r.status)).toEqual(assignees.map(() => 200));
    const trail = (await t.http.get(`/api/cases/${id}/events`)).body as { seq: number; payload: { assigneeId?: string } }[];
    expect(trail.map((e) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    expect(trail.slice(1).map((e) => e.payload.assigneeId).sort()).toEqual([...assignees].sort());
    const final = (await t.http.get(`/api/cases/${id}`)).body;
    expect(final.version).toBe(51);
    expect(final.assignee).toBe(trail[50].payload.assigneeId);
  });

  it('gives every concurrently created case its own reference', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, () => createCase(t)));
    const references = new Set(created.map((c) => c.reference));
    expect(references.size).toBe(20);
  });
});
