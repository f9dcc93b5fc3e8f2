import type { TestApp } from './test-app.js';

export interface NewCaseBody {
  child: { givenName: string; familyName: string; dateOfBirth: string };
  requestReceivedOn: string;
  requestSource: string;
}

export function newCaseBody(overrides: Partial<NewCaseBody> = {}): NewCaseBody {
  return {
    child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' },
    requestReceivedOn: '2026-10-05',
    requestSource: 'parent',
    ...overrides,
  };
}

/** Creates a case through the API and returns its body; fails the test on anything but 201. */
export async function createCase(t: TestApp, overrides: Partial<NewCaseBody> = {}) {
  const response = await t.http.post('/api/cases').send(newCaseBody(overrides));
  if (response.status !== 201) throw new Error(`creating a case answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function postEvent(t: TestApp, caseId: string, event: Record<string, unknown>, ifMatch?: number) {
  const request = t.http.post(`/api/cases/${caseId}/events`);
  if (ifMatch !== undefined) request.set('If-Match', `"${ifMatch}"`);
  return request.send(event);
}

/** Everything stored about a case, its pending jobs and alerts included, to prove a refused request changed none of it. */
export async function storedState(t: TestApp, caseId: string) {
  const [caseRow] = await t.db.query('SELECT * FROM ehc_case WHERE id = $1', [caseId]);
  const events = await t.db.query('SELECT * FROM case_event WHERE case_id = $1 ORDER BY seq', [caseId]);
  const deadlines = await t.db.query('SELECT * FROM case_deadline WHERE case_id = $1 ORDER BY name', [caseId]);
  const outbox = await t.db.query(`SELECT * FROM outbox WHERE data->>'caseId' = $1 ORDER BY id`, [caseId]);
  const notifications = await t.db.query('SELECT * FROM notification WHERE case_id = $1 ORDER BY id', [caseId]);
  return { caseRow, events, deadlines, outbox, notifications };
}
