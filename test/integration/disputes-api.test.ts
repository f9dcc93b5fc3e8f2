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
    // An event's answer lists them as the case view does (they are read with the case it changes).
    const noticed = await postEvent(t, refused.id, { type: 'NOTICE_SENT', occurredOn: '2026-11-04', notice: 'decision_to_assess', sentOn: '2026-11-03', method: 'email' });
    expect(noticed.status).toBe(200);
    expect(noticed.body.disputes).toEqual(caseView.body.disputes);
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

  /**
   * Both appeals reach the authority Fri 20 Nov 2026: the response is due 30 working days after,
   * Christmas (Fri 25, Mon 28 Dec) and New Year (Fri 1 Jan) not counted — 23–27 Nov (5), 30 Nov–4 Dec
   * (10), 7–11 (15), 14–18 (20), 21–24 (24), 29–31 (27), 4, 5, Wed 6 Jan 2027 (30). Both end on
   * TODAY, Mon 23 Nov, long before it. The concession (reg 45) orders an assessment from that day:
   * notice within 2 weeks, Mon 7 Dec; a decision not to issue within 10, Mon 1 Feb 2027; the final
   * plan within 14, Mon 1 Mar 2027.
   */
  it('a settlement closes the dispute as settled; a concession keeps it complying as conceded, with the order’s deadlines, and reopens the case', async () => {
    const settledCase = await refusedCase(t);
    const concededCase = await refusedCase(t, { child: { givenName: 'Ben', familyName: 'Ode', dateOfBirth: '2016-01-01' } });
    const open = async (caseId: string) => {
      const dispute = (await t.http.post('/api/disputes').send({ caseId, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
      const appealed = await postDisputeEvent(t, dispute.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-20', tribunalReference: 'EH123/26/00007' });
      expect(appealed.body.deadlines.responseToAppeal).toMatchObject({ dueOn: '2027-01-06', status: 'pending' });
      return dispute;
    };
    const outcomeOn = async (id: string) => (await t.db.query(`SELECT snapshot->'context'->>'outcomeOn' AS on FROM dispute WHERE id = $1`, [id]))[0].on;

    const toSettle = await open(settledCase.id);
    const settled = await postDisputeEvent(t, toSettle.id, { type: 'SETTLED', occurredOn: TODAY, terms: 'The authority will assess after all' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'closed', outcome: 'settled', allowedEvents: [], deadlines: { responseToAppeal: { dueOn: '2027-01-06', status: 'not_applicable' } } });
    expect((await t.http.get(`/api/disputes/${toSettle.id}`)).body).toEqual(settled.body);
    // The view gives the outcome but not its date: the date is the settlement's, in the stored facts and the trail.
    expect(await outcomeOn(toSettle.id)).toBe(TODAY);
    expect((await t.http.get(`/api/disputes/${toSettle.id}/events`)).body.at(-1)).toMatchObject({ type: 'SETTLED', occurredOn: TODAY, payload: { terms: 'The authority will assess after all' } });
    expect((await t.http.get(`/api/cases/${settledCase.id}`)).body).toMatchObject({ status: 'declined_to_assess', disputes: [] });

    const toConcede = await open(concededCase.id);
    const conceded = await postDisputeEvent(t, toConcede.id, { type: 'APPEAL_CONCEDED', occurredOn: TODAY, actions: ['assess'] });
    expect(conceded.status).toBe(200);
    expect(conceded.body).toMatchObject({
      status: 'complying',
      outcome: 'conceded',
      deadlines: {
        responseToAppeal: { dueOn: '2027-01-06', status: 'not_applicable' },
        orderNotice: { dueOn: '2026-12-07', status: 'pending' },
        orderIssueDecision: { dueOn: '2027-02-01', role: 'latest_date' },
        orderFinalPlan: { dueOn: '2027-03-01', status: 'pending' },
      },
    });
    expect(conceded.body.allowedEvents).not.toContain('WITHDRAWN');
    expect(await outcomeOn(toConcede.id)).toBe(TODAY);
    const reopened = (await t.http.get(`/api/cases/${concededCase.id}`)).body;
    expect(reopened).toMatchObject({ status: 'assessing', order: { on: TODAY, action: 'assess', disputeId: toConcede.id }, disputes: [{ id: toConcede.id, status: 'complying' }] });
    const ids = async (query: string) => ((await t.http.get(`/api/disputes?${query}`)).body.items as { id: string }[]).map((d) => d.id);
    expect(await ids('status=complying')).toEqual([toConcede.id]);
    expect(await ids('status=closed')).toEqual([toSettle.id]);
  });

  it('refuses, with 422 and the reason, an event dated before the decision disputed and an order on a dispute with no appeal, changing nothing', async () => {
    // Declined Mon 2 Nov, notice Tue 3 Nov: nothing in the dispute can be dated before the notice, let alone the decision.
    const fresh = await refusedCase(t);
    const certified = await refusedCase(t, { child: { givenName: 'Ben', familyName: 'Ode', dateOfBirth: '2016-01-01' } });
    const a = (await t.http.post('/api/disputes').send({ caseId: fresh.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    const b = (await t.http.post('/api/disputes').send({ caseId: certified.id, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' })).body;
    for (const step of [
      { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-11-05' },
      { type: 'MEDIATION_DECLINED', occurredOn: '2026-11-06' },
      { type: 'CERTIFICATE_ISSUED', occurredOn: '2026-11-09' },
    ]) expect((await postDisputeEvent(t, b.id, step)).status).toBe(200);
    const casesStored = async () => t.db.query('SELECT id, status, version, snapshot FROM ehc_case ORDER BY id');
    const before = { ...(await stored(t)), cases: await casesStored() };

    const noAppeal = 'No appeal has been registered on this dispute: record APPEAL_REGISTERED (the day the Tribunal sent the appeal) first.';
    const refusals: [string, Record<string, unknown>, string, string][] = [
      [a.id, { type: 'MEDIATION_ADVICE_CONTACTED', occurredOn: '2026-10-30' }, 'DISPUTE_EVENT_REFUSED', 'MEDIATION_ADVICE_CONTACTED cannot be dated 2026-10-30: the decision notice disputed was sent on 2026-11-03. Check the date.'],
      [a.id, { type: 'WITHDRAWN', occurredOn: '2026-11-01', reason: 'Agreed a support plan' }, 'DISPUTE_EVENT_REFUSED', 'WITHDRAWN cannot be dated 2026-11-01: the decision notice disputed was sent on 2026-11-03. Check the date.'],
      [b.id, { type: 'APPEAL_REGISTERED', occurredOn: '2026-11-01' }, 'DISPUTE_EVENT_REFUSED', 'APPEAL_REGISTERED cannot be dated 2026-11-01: the decision notice disputed was sent on 2026-11-03. Check the date.'],
      [a.id, { type: 'TRIBUNAL_DECIDED', occurredOn: TODAY, outcome: 'appeal_allowed', actions: ['assess'] }, 'DISPUTE_TRANSITION_NOT_ALLOWED', noAppeal],
      [a.id, { type: 'APPEAL_CONCEDED', occurredOn: TODAY, actions: ['assess'] }, 'DISPUTE_TRANSITION_NOT_ALLOWED', noAppeal],
      [b.id, { type: 'TRIBUNAL_DECIDED', occurredOn: TODAY, outcome: 'appeal_allowed', actions: ['assess'] }, 'DISPUTE_TRANSITION_NOT_ALLOWED', noAppeal],
      [b.id, { type: 'APPEAL_CONCEDED', occurredOn: TODAY, actions: ['assess'] }, 'DISPUTE_TRANSITION_NOT_ALLOWED', noAppeal],
    ];
    for (const [id, event, code, reason] of refusals) {
      const response = await postDisputeEvent(t, id, event);
      expect({ event, status: response.status, code: response.body.code, reason: (response.body.message as string).includes(reason) ? reason : response.body.message }).toEqual({ event, status: 422, code, reason });
    }
    expect({ ...(await stored(t)), cases: await casesStored() }).toEqual(before);
    // The caseworker sees both disputes where they were, and neither case reopened.
    expect((await t.http.get(`/api/disputes/${a.id}`)).body).toMatchObject({ status: 'notice_sent', outcome: null, version: 1 });
    expect((await t.http.get(`/api/disputes/${b.id}`)).body).toMatchObject({ status: 'certificate_issued', outcome: null, version: 4 });
    expect((await t.http.get(`/api/cases/${fresh.id}`)).body.status).toBe('declined_to_assess');
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
