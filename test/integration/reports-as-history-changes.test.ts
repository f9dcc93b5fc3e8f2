import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
const PERIOD = 'from=2026-09-01&to=2026-11-30';

/**
 * The timeliness and conversion reports read who held the case at each step, the organisation
 * asked for advice and the kind of each step from rows kept beside the trail (migrations
 * DeadlineMeasures and CaseReportSteps); these prove the rows follow every later change a
 * caseworker can make to the history.
 */
describe('Timeliness and conversion, by caseworker and by organisation, as the history changes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock.setToday(TODAY);
    await t.reset();
  });

  const decisionsByCaseworker = async () => {
    const { body } = await t.http.get(`/api/reports/timeliness?${PERIOD}&by=caseworker`).expect(200);
    return (body.breakdown.groups as { key: string | null; decisionsToAssess: { total: number } }[]).map((g) => [g.key, g.decisionsToAssess.total]);
  };
  const adviceByOrganisation = async () => {
    const { body } = await t.http.get(`/api/reports/timeliness?${PERIOD}`).expect(200);
    return (body.advice.byOrganisation as { organisation: string | null; returned: number }[]).map((o) => [o.organisation, o.returned]);
  };
  const conversion = async (by?: string) => (await t.http.get(`/api/reports/conversion?${PERIOD}${by ? `&by=${by}` : ''}`).expect(200)).body;
  const correct = async (caseId: string, body: object) => {
    const response = await t.http.post(`/api/cases/${caseId}/corrections`).send(body);
    expect([response.status, response.body.message]).toEqual([200, undefined]);
  };

  it('credits a decision to the caseworker an assignment recorded afterwards dates before it, and never to a later one', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'assess' });
    expect(await decisionsByCaseworker()).toEqual([[null, 1]]);

    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-09-10', assigneeId: 'priya' });
    expect(await decisionsByCaseworker()).toEqual([['priya', 1]]);

    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-10-01', assigneeId: 'sam' });
    expect(await decisionsByCaseworker()).toEqual([['priya', 1]]);
  });

  it('moves a decision to the caseworker a corrected assignment names, and to nobody when the assignment is struck out', async () => {
    const assignedThenDecided = async () => {
      const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
      await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-09-02', assigneeId: 'alice' });
      await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'assess' });
      return id;
    };
    const replaced = await assignedThenDecided();
    const struckOut = await assignedThenDecided();
    expect(await decisionsByCaseworker()).toEqual([['alice', 2]]);

    await correct(replaced, { eventSeq: 2, reason: 'Assigned to the wrong caseworker', replacement: { type: 'ASSIGNED', occurredOn: '2026-09-02', assigneeId: 'bob' } });
    expect(await decisionsByCaseworker()).toEqual([['alice', 1], ['bob', 1]]);

    await correct(struckOut, { eventSeq: 2, reason: 'Nobody held the case before the decision' });
    expect(await decisionsByCaseworker()).toEqual([['bob', 1], [null, 1]]);
  });

  it('counts advice against the organisation a corrected request names', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-10', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-09-11', contributor: 'health', contact: { organisation: 'North ICB' } });
    await postEvent(t, id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-10-09', contributor: 'health' });
    expect(await adviceByOrganisation()).toEqual([['North ICB', 1]]);

    await correct(id, {
      eventSeq: 3,
      reason: 'The request went to the South ICB',
      replacement: { type: 'ADVICE_REQUESTED', occurredOn: '2026-09-11', contributor: 'health', contact: { organisation: 'South ICB' } },
    });
    expect(await adviceByOrganisation()).toEqual([['South ICB', 1]]);
  });

  it('keeps a second request to the same contributor apart from the first', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-10', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-09-11', contributor: 'health', contact: { organisation: 'North ICB' } });
    await postEvent(t, id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-09-30', contributor: 'health' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-01', contributor: 'health', contact: { organisation: 'Hospital Trust' } });
    await postEvent(t, id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-10-20', contributor: 'health' });
    expect(await adviceByOrganisation()).toEqual([['Hospital Trust', 1], ['North ICB', 1]]);
  });

  it('moves a request and its decision in the conversion breakdown to the caseworker a back-dated assignment names', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'assess' });
    const byCaseworker = async () =>
      ((await conversion('caseworker')).breakdown.groups as { key: string | null; requestsReceived: number; agreedToAssess: number }[])
        .map((g) => [g.key, g.requestsReceived, g.agreedToAssess]);
    expect(await byCaseworker()).toEqual([[null, 1, 1]]);

    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-09-10', assigneeId: 'priya' });
    expect(await byCaseworker()).toEqual([['priya', 0, 1], [null, 1, 0]]);

    // The assignment recorded last, dated on or before a step, is who held the case then.
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-09-01', assigneeId: 'sam' });
    expect(await byCaseworker()).toEqual([['sam', 1, 1]]);
  });

  it('counts a withdrawal as before the decision to assess once that decision is struck out, and the decision no longer', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'assess' });
    await postEvent(t, id, { type: 'WITHDRAWN', occurredOn: '2026-10-05', reason: 'Family moved away' });
    expect(await conversion()).toMatchObject({ requestsReceived: 1, agreedToAssess: 1, withdrawn: 1, withdrawnAfterDecisionToAssess: 1, withdrawnBeforeDecisionToAssess: 0 });

    await correct(id, { eventSeq: 2, reason: 'The decision was recorded on the wrong case' });
    expect(await conversion()).toMatchObject({ requestsReceived: 1, agreedToAssess: 0, withdrawn: 1, withdrawnAfterDecisionToAssess: 0, withdrawnBeforeDecisionToAssess: 1 });
  });

  it('counts a refusal corrected to an agreement as an agreement', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-09-01' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'decline', reasons: 'No evidence of SEN' });
    expect(await conversion()).toMatchObject({ agreedToAssess: 0, declinedToAssess: 1 });

    await correct(id, { eventSeq: 2, reason: 'The panel agreed to assess', replacement: { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-20', decision: 'assess' } });
    expect(await conversion()).toMatchObject({ agreedToAssess: 1, declinedToAssess: 0 });
  });
});
