import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('Access log and subject access export', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('records who read which case through which route, queryable by managers and auditors only', async () => {
    const first = await createCase(t);
    const second = await createCase(t);
    const caseworker = await t.signInAs(['caseworker']);
    await caseworker.http.get(`/api/cases/${first.id}`).expect(200);
    await caseworker.http.get(`/api/cases/${first.id}/events`).expect(200);
    await caseworker.http.get('/api/cases').expect(200);
    await caseworker.http.get('/api/cases/0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d').expect(404);

    const manager = await t.signInAs(['manager']);
    const byCaseworker = (await manager.http.get(`/api/access-log?userId=${caseworker.id}`).expect(200)).body;
    expect(byCaseworker.map((e: { action: string; route: string; caseId: string }) => `${e.action} ${e.route} ${e.caseId}`).sort()).toEqual(
      [
        `case_list_read GET /api/cases ${first.id}`,
        `case_list_read GET /api/cases ${second.id}`,
        `case_read GET /api/cases/:id ${first.id}`,
        `case_trail_read GET /api/cases/:id/events ${first.id}`,
      ].sort(),
    );
    expect(byCaseworker[0]).toMatchObject({ actor: caseworker.email, userId: caseworker.id });
    expect((await manager.http.get(`/api/access-log?caseId=${second.id}&userId=${caseworker.id}`)).body).toHaveLength(1);
    expect((await manager.http.get(`/api/access-log?caseId=${first.id}&from=2000-01-01&to=2000-12-31`)).body).toEqual([]);

    const auditor = await t.signInAs(['auditor']);
    expect((await auditor.http.get('/api/access-log')).status).toBe(200);
    expect((await caseworker.http.get('/api/access-log')).status).toBe(403);
    expect((await manager.http.get('/api/access-log?from=yesterday')).status).toBe(400);
  });

  it('cannot be rewritten or deleted', async () => {
    const { id } = await createCase(t);
    await t.http.get(`/api/cases/${id}`).expect(200);
    await expect(t.db.query(`UPDATE access_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
  });

  it('exports everything held about the child of a case, and logs the export', async () => {
    const { id } = await createCase(t);
    await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-01', assigneeId: 'jo' });
    const caseworker = await t.signInAs(['caseworker']);
    await caseworker.http.get(`/api/cases/${id}`).expect(200);
    expect((await caseworker.http.get(`/api/cases/${id}/export`)).status).toBe(403);

    const auditor = await t.signInAs(['auditor']);
    const exported = await auditor.http.get(`/api/cases/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.case).toMatchObject({ id, child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' }, assignee: 'jo' });
    expect(Object.keys(exported.body.case.deadlines)).toEqual(expect.arrayContaining(['decisionToAssess', 'finalPlan']));
    expect(exported.body.trail.map((e: { type: string }) => e.type)).toEqual(['REQUEST_RECEIVED', 'ASSIGNED']);
    expect(exported.body.accessLog.map((e: { actor: string; action: string }) => `${e.actor} ${e.action}`)).toEqual(
      expect.arrayContaining([`${caseworker.email} case_read`, `${auditor.email} case_export`]),
    );
    expect(exported.body.exportedBy).toBe(auditor.email);
  });

  it('lists closed cases past RETENTION_YEARS after closing, and only those', async () => {
    const child = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2005-04-12' };
    const old = await createCase(t, { requestReceivedOn: '2019-01-07', child });
    await postEvent(t, old.id, { type: 'WITHDRAWN', occurredOn: '2019-02-04', reason: 'moved away' });
    const recent = await createCase(t, { requestReceivedOn: '2024-01-08', child });
    await postEvent(t, recent.id, { type: 'WITHDRAWN', occurredOn: '2024-02-05', reason: 'moved away' });
    await createCase(t, { requestReceivedOn: '2018-01-08', child });

    const due = await t.http.get('/api/retention/due');
    expect(due.status).toBe(200);
    expect(due.body).toEqual([{ id: old.id, reference: old.reference, status: 'withdrawn', closedOn: '2019-02-04', retainUntil: '2025-02-04' }]);
  });
});
