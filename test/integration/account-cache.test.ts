import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import supertest from 'supertest';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);

/**
 * Two instances of the application on one database stand for two API processes: each keeps
 * the accounts it has checked in memory, and a change made through either, or straight in the
 * database, must reach both.
 */
describe('Accounts kept in memory by each API process', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp('2026-12-01');
    b = await createTestApp('2026-12-01', testDatabaseUrl());
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  beforeEach(() => a.reset());

  const asToken = (t: TestApp, token: string) => supertest(t.app.getHttpServer()).get('/api/cases').set('Authorization', `Bearer ${token}`);
  const listenerPid = async (): Promise<number[]> =>
    (await a.db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ehc-account-cache' AND query ILIKE 'LISTEN%'`)).map(
      (r: { pid: number }) => r.pid,
    );

  it('takes a disabled account out of use in the process that disabled it at once, and in the other one as soon as the database tells it', async () => {
    const caseworker = await a.signInAs(['caseworker']);
    expect((await asToken(a, caseworker.token)).status).toBe(200);
    expect((await asToken(b, caseworker.token)).status).toBe(200);
    expect((await asToken(b, caseworker.token)).status).toBe(200); // now served from b's memory

    expect((await a.http.patch(`/api/users/${caseworker.id}`).send({ disabled: true })).status).toBe(200);

    expect((await asToken(a, caseworker.token)).status).toBe(401);
    await eventually(async () => ((await asToken(b, caseworker.token)).status === 401 ? true : undefined), 'the other process refusing the disabled account', 2_000);
  });

  it('applies a role removed straight in the database to the next requests of every process', async () => {
    const caseworker = await a.signInAs(['caseworker']);
    expect((await asToken(a, caseworker.token)).status).toBe(200);
    expect((await asToken(b, caseworker.token)).status).toBe(200);

    await a.db.query(`UPDATE user_account SET roles = ARRAY['platform_operator'] WHERE id = $1`, [caseworker.id]);

    for (const t of [a, b]) {
      await eventually(async () => ((await asToken(t, caseworker.token)).status === 403 ? true : undefined), 'the role taken away', 2_000);
    }
  });

  it('forgets everything it kept when its listening connection was lost, since the notices sent meanwhile are lost too', async () => {
    const caseworker = await a.signInAs(['caseworker']);
    expect((await asToken(b, caseworker.token)).status).toBe(200);
    expect((await asToken(a, caseworker.token)).status).toBe(200);
    const before = await listenerPid();
    expect(before).toHaveLength(2);

    // Both listeners die; the change is made before either is back, so no notice reaches them.
    await a.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ehc-account-cache'`);
    await a.db.query(`UPDATE user_account SET disabled = true WHERE id = $1`, [caseworker.id]);
    await eventually(async () => {
      const now = await listenerPid();
      return now.length === 2 && now.every((pid) => !before.includes(pid)) ? true : undefined;
    }, 'both processes listening again', 10_000);

    expect((await asToken(a, caseworker.token)).status).toBe(401);
    expect((await asToken(b, caseworker.token)).status).toBe(401);
  });
});
