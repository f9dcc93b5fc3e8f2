import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The edges of the clock that the review found wrong (issue 11's opening list), each as a
 * caseworker or a manager meets it through the API. Dates by hand: T0 Mon 5 Oct 2026, so
 * decisionToAssess is due Mon 16 Nov 2026, issueDecision Mon 25 Jan 2027, finalPlan Mon 22 Feb 2027.
 */
const T0 = '2026-10-05';

describe('The statutory clock at its edges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  const at9 = (day: string) => t.clock.setNow(new Date(`${day}T09:00:00Z`));
  const ok = async (caseId: string, event: Record<string, unknown>) => {
    const response = await postEvent(t, caseId, event);
    if (response.status !== 200) throw new Error(`${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const overdueIds = async () => ((await t.http.get('/api/cases?overdue=true')).body.items as { id: string }[]).map((c) => c.id);
  const alertsOf = async (caseId: string) =>
    (await t.db.query(`SELECT kind, deadline, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM notification WHERE case_id = $1 ORDER BY created_at`, [caseId])) as {
      kind: string;
      deadline: string;
      due_on: string;
    }[];
  const digestOverdue = async (day: string) => {
    const teams = (await t.http.get(`/api/digests/${day}`)).body.content.teams as { overdue: { deadline: string }[]; adviceOverdue: { deadline: string }[] }[];
    return teams.flatMap((team) => [...team.overdue, ...team.adviceOverdue]);
  };
  const sweepOn = async (day: string) => {
    at9(day);
    await t.app.get(AlertSweep).sweep();
  };

  it('closes off a request withdrawn after its 6 weeks with no decision: reported missed, but on no list and in no digest', async () => {
    at9('2026-11-20');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    expect(await overdueIds()).toContain(id);
    const withdrawn = await ok(id, { type: 'WITHDRAWN', occurredOn: '2026-11-20', reason: 'The parent withdrew the request' });
    expect(withdrawn.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-11-16', status: 'breached', open: false, closedOn: '2026-11-20' });
    expect(withdrawn.deadlines.finalPlan).toMatchObject({ status: 'not_applicable', open: false });
    expect(await overdueIds()).not.toContain(id);
    await sweepOn('2026-11-23');
    expect(await digestOverdue('2026-11-23')).toEqual([]);
    expect(await alertsOf(id)).toEqual([]);
  });

  it('closes off health advice still outstanding when the plan is issued, and still logs it when it comes', async () => {
    at9('2026-10-21');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    await ok(id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' });
    await ok(id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health' });
    at9('2027-01-20');
    await ok(id, { type: 'DECISION_TO_ISSUE', occurredOn: '2026-12-21', decision: 'issue' });
    await ok(id, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-12-22' });
    const issued = await ok(id, { type: 'FINAL_PLAN_ISSUED', occurredOn: '2027-01-20' });
    // Due 2 Dec 2026, missed before the plan was issued: breached in the record, open nowhere.
    expect(issued.deadlines['advice.health']).toMatchObject({ dueOn: '2026-12-02', status: 'breached', open: false, closedOn: '2027-01-20' });
    expect(await overdueIds()).not.toContain(id);
    const before = (await alertsOf(id)).length;
    for (const day of ['2027-01-21', '2027-01-28', '2027-02-04']) await sweepOn(day);
    expect((await alertsOf(id)).filter((a) => a.kind === 'advice_escalation')).toHaveLength(0);
    expect(await alertsOf(id)).toHaveLength(before);
    expect(await digestOverdue('2027-02-04')).toEqual([]);
    // The advice arrives after all: recorded for the contributor's figures, nothing reopens.
    const late = await ok(id, { type: 'ADVICE_RECEIVED', occurredOn: '2027-02-04', contributor: 'health' });
    expect(late.status).toBe('plan_issued');
    expect(late.deadlines['advice.health']).toMatchObject({ metOn: '2027-02-04', status: 'met_late', open: false });
  });

  it('keeps alerting after a three-day exception: breached once its revised target passes with no plan', async () => {
    at9('2027-02-19');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    await ok(id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    // Recorded by a manager (the test user holds every role): approved at once.
    const excepted = await ok(id, { type: 'EXCEPTION_RECORDED', occurredOn: '2027-02-19', exception: 'personal_circumstances', from: '2027-02-15', to: '2027-02-17', limits: ['finalPlan'] });
    expect(excepted.exceptions[0].approvedBy).toBeDefined();
    expect(excepted.deadlines.finalPlan).toMatchObject({ dueOn: '2027-02-22', revisedTarget: '2027-02-25', targetOn: '2027-02-25', status: 'exception' });
    await sweepOn('2027-03-25');
    const late = (await t.http.get(`/api/cases/${id}`)).body;
    expect(late.deadlines.finalPlan).toMatchObject({ status: 'breached', revisedTarget: '2027-02-25' });
    expect(await overdueIds()).toContain(id);
    expect(await alertsOf(id)).toContainEqual({ kind: 'deadline_breach', deadline: 'finalPlan', due_on: '2027-02-25' });
    expect(await digestOverdue('2027-03-25')).toContainEqual(expect.objectContaining({ deadline: 'finalPlan' }));
  });

  it('refuses an exception dated in the future and changes nothing', async () => {
    at9('2026-11-02');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    const before = await storedState(t, id);
    const response = await postEvent(t, id, { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-02', exception: 'personal_circumstances', from: '2026-11-09' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/from 2026-11-09 is in the future/);
    expect(await storedState(t, id)).toEqual(before);
  });

  it('meets a limit on the day the family is served, and starts the 15 days on a posted draft when it is delivered', async () => {
    at9('2026-11-13');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    // Posted on Friday 13 November: served on the second working day after, Tuesday 17 November, a day late.
    const decided = await ok(id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-13', decision: 'assess', notice: { sentOn: '2026-11-13', method: 'post' } });
    expect(decided.deadlines.decisionToAssess).toMatchObject({ metOn: '2026-11-17', status: 'met_late', noticeAssumed: false });
    at9('2027-01-15');
    const issue = await ok(id, { type: 'DECISION_TO_ISSUE', occurredOn: '2027-01-11', decision: 'issue' });
    expect(issue.deadlines.issueDecision.status).toBe('not_applicable');
    // The draft is posted on Friday 15 January 2027 and served on Tuesday 19 January: the family's window runs to 2 February.
    const draft = await ok(id, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2027-01-15', notice: { sentOn: '2027-01-15', method: 'post' } });
    expect(draft.deadlines.representations).toMatchObject({ dueOn: '2027-02-02', status: 'pending', role: 'window' });
    at9('2027-02-02');
    const early = await postEvent(t, id, { type: 'FINAL_PLAN_ISSUED', occurredOn: '2027-02-02' });
    expect(early.status).toBe(422);
    expect(early.body.message).toMatch(/cannot be issued before 2027-02-03/);
    at9('2027-02-03');
    // Finalised without a notice recorded: the date stands, flagged as a guess, until the notice is recorded.
    const final = await ok(id, { type: 'FINAL_PLAN_ISSUED', occurredOn: '2027-02-03' });
    expect(final.deadlines.finalPlan).toMatchObject({ metOn: '2027-02-03', noticeAssumed: true, status: 'met' });
    at9('2027-02-10');
    await ok(id, { type: 'NOTICE_SENT', occurredOn: '2027-02-10', notice: 'final_plan', sentOn: '2027-02-03', method: 'email', recipient: 'family' });
    const toSchool = await ok(id, { type: 'NOTICE_SENT', occurredOn: '2027-02-10', notice: 'final_plan', sentOn: '2027-02-05', method: 'post', recipient: 'Riverside Primary School' });
    // The latest recipient's served date: posted Friday 5 February, served Tuesday 9 February.
    expect(toSchool.deadlines.finalPlan).toMatchObject({ metOn: '2027-02-09', noticeAssumed: false, status: 'met' });
  });

  it('tracks three NHS bodies asked for health advice, each with its own 6 weeks', async () => {
    at9('2026-11-10');
    const { id } = await createCase(t, { requestReceivedOn: T0 });
    await ok(id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    await ok(id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-03', contributor: 'health', body: 'Community paediatrics' });
    await ok(id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-04', contributor: 'health', body: 'Speech and language therapy' });
    const third = await ok(id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-06', contributor: 'health', body: 'Occupational therapy', method: 'post' });
    expect(Object.keys(third.deadlines).filter((name) => name.startsWith('advice.'))).toEqual(['advice.health', 'advice.health.2', 'advice.health.3']);
    // Posted on Friday 6 November: the body receives it on Tuesday 10 November, when its 6 weeks start.
    expect(third.deadlines['advice.health.3']).toMatchObject({ dueOn: '2026-12-22', statutory: true });
    expect(third.deadlines['advice.health.2'].dueOn).toBe('2026-12-16');
    const before = await storedState(t, id);
    const unnamed = await postEvent(t, id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-11-10', contributor: 'health' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.message).toMatch(/name the one received in "request"/);
    expect(await storedState(t, id)).toEqual(before);
    const received = await ok(id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-11-10', contributor: 'health', request: 'advice.health.2' });
    expect(received.deadlines['advice.health.2']).toMatchObject({ metOn: '2026-11-10', status: 'met' });
    expect(received.deadlines['advice.health'].status).toBe('pending');
  });
});
