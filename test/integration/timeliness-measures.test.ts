import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
const PERIOD = 'from=2026-09-01&to=2026-11-30';

/**
 * The timeliness report reads who held the case at each step and the organisation asked for
 * advice from the step's own deadline row (migration DeadlineMeasures); these prove the rows
 * follow every later change a caseworker can make to the history.
 */
describe('Timeliness by caseworker and by organisation, as the history changes', () => {
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
});
