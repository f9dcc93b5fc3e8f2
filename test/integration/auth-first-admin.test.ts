import { afterAll, describe, expect, it } from '@jest/globals';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const ADMIN = { ADMIN_EMAIL: 'First.Admin@council.example', ADMIN_PASSWORD: 'a long first password' };

describe('The first administrator', () => {
  const apps: TestApp[] = [];
  afterAll(async () => Promise.all(apps.map((app) => app.close())));

  it('is created from ADMIN_EMAIL / ADMIN_PASSWORD on a database with no accounts, and only then', async () => {
    const first = await createTestApp('2026-11-23', testDatabaseUrl());
    apps.push(first);
    await first.db.query('TRUNCATE user_account CASCADE');
    await first.close();
    apps.pop();

    const started = await createTestApp('2026-11-23', testDatabaseUrl(), ADMIN);
    apps.push(started);
    const signedIn = await started.anonymous.post('/api/auth/login').send({ email: 'first.admin@council.example', password: ADMIN.ADMIN_PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.accessToken).toEqual(expect.any(String));
    const users = await started.anonymous.get('/api/users').set('Authorization', `Bearer ${signedIn.body.accessToken}`);
    expect(users.status).toBe(200);
    expect(users.body.find((u: { email: string }) => u.email === 'first.admin@council.example').roles).toEqual(['admin']);
    // Earlier test files of the run share the database and leave audit entries of their own.
    const audited = await started.db.query(`SELECT actor, actor_user_id, action FROM account_audit WHERE changes->'email'->>'to' = 'first.admin@council.example'`);
    expect(audited).toEqual([{ actor: 'ADMIN_EMAIL at start-up', actor_user_id: null, action: 'account_created' }]);

    const again = await createTestApp('2026-11-23', testDatabaseUrl(), { ADMIN_EMAIL: 'second@council.example', ADMIN_PASSWORD: 'another long password' });
    apps.push(again);
    expect((await again.anonymous.post('/api/auth/login').send({ email: 'second@council.example', password: 'another long password' })).status).toBe(401);
  });
});
