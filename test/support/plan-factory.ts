import type { TestApp } from './test-app.js';

export function newPlanBody(overrides: Record<string, unknown> = {}) {
  return {
    child: { givenName: 'Leo', familyName: 'Marsh', dateOfBirth: '2015-05-10' },
    startedOn: '2025-03-10',
    namedSetting: 'Hillside Primary',
    ...overrides,
  };
}

/** Creates a plan through the API and returns its body; fails the test on anything but 201. */
export async function createPlan(t: TestApp, overrides: Record<string, unknown> = {}) {
  const response = await t.http.post('/api/plans').send(newPlanBody(overrides));
  if (response.status !== 201) throw new Error(`creating a plan answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function postPlanEvent(t: TestApp, planId: string, event: Record<string, unknown>, ifMatch?: number) {
  const request = t.http.post(`/api/plans/${planId}/events`);
  if (ifMatch !== undefined) request.set('If-Match', `"${ifMatch}"`);
  return request.send(event);
}

/** Everything stored about a plan, its pending jobs and alerts included, to prove a refused request changed none of it. */
export async function storedPlanState(t: TestApp, planId: string) {
  const [planRow] = await t.db.query('SELECT * FROM ehc_plan WHERE id = $1', [planId]);
  const events = await t.db.query('SELECT * FROM plan_event WHERE plan_id = $1 ORDER BY seq', [planId]);
  const deadlines = await t.db.query('SELECT * FROM plan_deadline WHERE plan_id = $1 ORDER BY name', [planId]);
  const outbox = await t.db.query(`SELECT * FROM outbox WHERE data->>'planId' = $1 ORDER BY id`, [planId]);
  const notifications = await t.db.query('SELECT * FROM notification WHERE plan_id = $1 ORDER BY id', [planId]);
  return { planRow, events, deadlines, outbox, notifications };
}
