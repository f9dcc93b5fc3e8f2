import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Caseload list', () => {
  let t: TestApp;
  let overdue: { id: string };
  let dueSoon: { id: string };
  let assessing: { id: string };
  let declined: { id: string };

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    // decisionToAssess due 2026-11-16: already breached.
    overdue = await createCase(t, { requestReceivedOn: '2026-10-05' });
    // decisionToAssess due 2026-12-08.
    dueSoon = await createCase(t, { requestReceivedOn: '2026-10-27' });
    // Decided on time, now assessing; next due is advice.health (2026-12-01).
    assessing = await createCase(t, { requestReceivedOn: '2026-10-06' });
    await postEvent(t, assessing.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-19', decision: 'assess' });
    await postEvent(t, assessing.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-20', contributor: 'health' });
    await postEvent(t, assessing.id, { type: 'ASSIGNED', occurredOn: '2026-10-20', assigneeId: 'priya' });
    // Closed: nothing open, so it sorts last.
    declined = await createCase(t, { requestReceivedOn: '2026-11-02' });
    await postEvent(t, declined.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-10', decision: 'decline', reasons: 'No evidence of SEN' });
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('orders cases by their next due date, closed cases last', async () => {
    const response = await t.http.get('/api/cases');
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual([overdue.id, assessing.id, dueSoon.id, declined.id]);
    expect(response.body).toMatchObject({ page: 1, pageSize: 25, total: 4 });
  });

  it('filters overdue cases', async () => {
    expect(ids((await t.http.get('/api/cases?overdue=true')).body)).toEqual([overdue.id]);
    expect(ids((await t.http.get('/api/cases?overdue=false')).body)).toEqual([assessing.id, dueSoon.id, declined.id]);
  });

  it('stops listing a case as overdue once its late step is recorded', async () => {
    await postEvent(t, overdue.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-20', decision: 'assess' });
    expect(ids((await t.http.get('/api/cases?overdue=true')).body)).toEqual([]);
  });

  it('lists a case as overdue from the day after its due date as time passes', async () => {
    t.clock.setToday('2026-12-08');
    expect(ids((await t.http.get('/api/cases?overdue=true')).body)).toEqual([overdue.id, assessing.id]);
    t.clock.setToday('2026-12-09');
    expect(ids((await t.http.get('/api/cases?overdue=true')).body)).toEqual([overdue.id, assessing.id, dueSoon.id]);
    t.clock.setToday(TODAY);
  });

  it('filters by status, assignee and due date', async () => {
    expect(ids((await t.http.get('/api/cases?status=assessing')).body)).toEqual([assessing.id]);
    expect(ids((await t.http.get('/api/cases?assignee=priya')).body)).toEqual([assessing.id]);
    expect(ids((await t.http.get('/api/cases?dueBefore=2026-12-02')).body)).toEqual([overdue.id, assessing.id]);
  });

  it('pages through the list', async () => {
    const first = (await t.http.get('/api/cases?pageSize=3&page=1')).body;
    const second = (await t.http.get('/api/cases?pageSize=3&page=2')).body;
    expect(ids(first)).toEqual([overdue.id, assessing.id, dueSoon.id]);
    expect(ids(second)).toEqual([declined.id]);
    expect(second.total).toBe(4);
  });

  it.each([
    ['status=lost', /status/],
    ['overdue=maybe', /overdue/],
    ['dueBefore=2026-13-01', /dueBefore/],
    ['pageSize=1000', /pageSize/],
    ['page=0', /page/],
    ['colour=red', /colour/],
  ])('answers 400 for ?%s', async (query, message) => {
    const response = await t.http.get(`/api/cases?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
  });
});
