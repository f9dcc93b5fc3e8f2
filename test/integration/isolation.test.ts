import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ROLES } from '../../src/auth/permissions.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { declaredRoutes } from '../support/auth-routes.js';
import type { Http } from '../support/auth.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Local-authority isolation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('answers 404 to every authority B request naming a case of authority A, and changes nothing', async () => {
    const ofA = await createCase(t);
    const before = await storedState(t, ofA.id);
    const { http: b } = await t.signInAs([...ROLES], 'OTHER');

    const attempts = [
      b.get(`/api/cases/${ofA.id}`),
      b.get(`/api/cases/${ofA.id}/events`),
      b.get(`/api/cases/${ofA.id}/export`),
      b.post(`/api/cases/${ofA.id}/events`).send({ type: 'WITHDRAWN', occurredOn: '2026-11-01', reason: 'moved away' }),
      b.post(`/api/cases/${ofA.id}/migrate`).send({ toVersion: 1 }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(JSON.stringify(response.body)).not.toContain('Okafor');
    }
    expect(await storedState(t, ofA.id)).toEqual(before);
  });

  it('lists, logs and reports nothing of authority A to authority B', async () => {
    const ofA = await createCase(t, { requestReceivedOn: '2010-01-04', child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2005-04-12' } });
    await postEvent(t, ofA.id, { type: 'WITHDRAWN', occurredOn: '2010-02-01', reason: 'moved away' });
    expect((await t.http.get(`/api/cases/${ofA.id}`)).status).toBe(200);
    const { http: b } = await t.signInAs([...ROLES], 'OTHER');
    await createCase({ ...t, http: b }, { child: { givenName: 'Bea', familyName: 'Other', dateOfBirth: '2018-01-01' } });

    const list = await b.get('/api/cases');
    expect(list.body.total).toBe(1);
    expect(list.body.items.map((c: { child: { familyName: string } }) => c.child.familyName)).toEqual(['Other']);
    const log = await b.get('/api/access-log');
    expect(log.body.every((entry: { caseId: string }) => entry.caseId !== ofA.id)).toBe(true);
    expect((await b.get(`/api/access-log?caseId=${ofA.id}`)).body).toEqual([]);
    expect((await b.get('/api/retention/due')).body).toEqual([]);
    expect((await b.get('/api/users')).body.map((u: { email: string }) => u.email)).not.toContain('tester@test.example');

    // The same reads as authority A do see them, so the empty answers above are isolation, not emptiness.
    expect((await t.http.get('/api/retention/due')).body.map((c: { id: string }) => c.id)).toEqual([ofA.id]);
    expect((await t.http.get(`/api/access-log?caseId=${ofA.id}`)).body.length).toBeGreaterThan(0);
  });

  /** Every report route as `caller` sees it, for the period around the cases above. */
  async function reports(caller: Http): Promise<Record<string, unknown>> {
    const seen: Record<string, unknown> = {};
    for (const route of declaredRoutes(t.app).filter((r) => r.method === 'GET' && r.path.startsWith('/api/reports/'))) {
      let response = await caller.get(`${route.path}?from=2026-01-01&to=2026-12-31`);
      if (response.status === 400) response = await caller.get(route.path);
      expect(response.status).toBe(200);
      seen[route.path] = response.body;
    }
    return seen;
  }

  it('reports to authority B exactly the same before and after authority A has cases', async () => {
    const { http: b } = await t.signInAs(['manager'], 'OTHER');
    await createCase({ ...t, http: b }, { requestReceivedOn: '2026-09-07' });
    const aBefore = await reports(t.http);
    const bBefore = await reports(b);
    for (const requestReceivedOn of ['2026-06-01', '2026-08-03', '2026-10-05']) {
      const { id } = await createCase(t, { requestReceivedOn });
      await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    }
    expect(await reports(b)).toEqual(bBefore);
    expect(await reports(t.http)).not.toEqual(aBefore);
  });
});
