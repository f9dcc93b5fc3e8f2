import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { PAGE_PASSWORD, signInToPages } from '../support/web.js';

jest.setTimeout(120_000);
const NEW_PASSWORD = 'a brand new passphrase';

describe('Lockout notices, password resets and changes', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp('2026-11-23', testDatabaseUrl(), {
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: `ehcpw${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtp.url,
      AUTH_MAX_FAILED_ATTEMPTS: '3',
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  }, 60_000);
  beforeEach(async () => {
    await t.reset();
    smtp.received.length = 0;
  });

  const login = (email: string, password: string) => t.anonymous.post('/api/auth/login').send({ email, password });
  const bearer = (token: string) => ({ get: (path: string) => t.anonymous.get(path).set('Authorization', `Bearer ${token}`), post: (path: string) => t.anonymous.post(path).set('Authorization', `Bearer ${token}`) });
  const audited = async (accountId: string) =>
    (await t.db.query(`SELECT actor, action, changes FROM account_audit WHERE account_id = $1 ORDER BY id`, [accountId])) as { actor: string; action: string; changes: Record<string, unknown> }[];

  it('answers a locked account as a wrong password, and tells its holder by email, once per lockout', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    for (let i = 0; i < 3; i++) expect((await login(pages.email, 'a wrong guess')).status).toBe(401);
    const locked = await login(pages.email, PAGE_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual((await login('nobody@pages.example', PAGE_PASSWORD)).body);

    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(pages.email)), 'the lockout email');
    expect(mailText(mail)).toMatch(/locked until .* \(UK time\)/);
    expect(mailText(mail)).toContain(pages.email);
    // More attempts while locked neither extend the lockout nor send another email.
    for (let i = 0; i < 3; i++) await login(pages.email, 'a wrong guess');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM account_notice WHERE user_id = $1`, [pages.id]))[0].n).toBe(1);
  });

  it('lets an administrator reset a password: the old one and every session end, and the temporary one serves only to choose a new one', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    const before = await login(pages.email, PAGE_PASSWORD);
    const admin = await t.signInAs(['admin']);

    const reset = await admin.http.post(`/api/users/${pages.id}/password-reset`);
    expect(reset.status).toBe(200);
    const { temporaryPassword, expiresAt } = reset.body;
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);

    expect((await login(pages.email, PAGE_PASSWORD)).status).toBe(401);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: before.body.refreshToken })).status).toBe(401);
    expect((await bearer(before.body.accessToken).get('/api/cases')).status).toBe(401);
    const page = await pages.agent.get('/');
    expect([page.status, page.headers.location]).toEqual([303, '/sign-in']);

    const temporary = await login(pages.email, temporaryPassword);
    expect(temporary.status).toBe(200);
    const refused = await bearer(temporary.body.accessToken).get('/api/cases');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await bearer(temporary.body.accessToken).post('/api/auth/password').send({ currentPassword: temporaryPassword, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await bearer(changed.body.accessToken).get('/api/cases')).status).toBe(200);
    expect((await login(pages.email, temporaryPassword)).status).toBe(401);
    expect((await login(pages.email, NEW_PASSWORD)).status).toBe(200);

    const trail = await audited(pages.id);
    expect(trail.map((entry) => `${entry.actor} ${entry.action}`)).toEqual([`${admin.email} password_reset`, `${pages.email} password_changed`]);
    expect(trail[0].changes).toMatchObject({ passwordChangedAt: { from: null, to: expect.any(String) }, temporaryPasswordUntil: { from: null, to: expiresAt } });
    expect(trail[1].changes).toMatchObject({ temporaryPasswordUntil: { from: expiresAt, to: null } });
    expect(JSON.stringify(trail)).not.toContain(temporaryPassword);
  });

  it('refuses an expired temporary password, and resets for a single sign-on account, another authority or a non-administrator', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    const admin = await t.signInAs(['admin']);
    const { temporaryPassword } = (await admin.http.post(`/api/users/${pages.id}/password-reset`)).body;
    await t.db.query(`UPDATE user_account SET temporary_password_until = now() - interval '1 minute' WHERE id = $1`, [pages.id]);
    const expired = await login(pages.email, temporaryPassword);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/temporary password has expired/);

    const sso = (await admin.http.post('/api/users').send({ email: 'sso.only@council.example', roles: ['caseworker'] })).body;
    expect((await admin.http.post(`/api/users/${sso.id}/password-reset`)).status).toBe(422);
    const elsewhere = await t.signInAs(['caseworker'], 'OTHER');
    expect((await admin.http.post(`/api/users/${elsewhere.id}/password-reset`)).status).toBe(404);
    expect((await (await t.signInAs(['manager'])).http.post(`/api/users/${pages.id}/password-reset`)).status).toBe(403);
    expect(await audited(sso.id)).toHaveLength(1);
  });

  it('lets a person change their own password, which signs out their other sessions, and refuses a wrong current password', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    const elsewhere = await login(pages.email, PAGE_PASSWORD);
    const here = await login(pages.email, PAGE_PASSWORD);
    const change = (body: object) => bearer(here.body.accessToken).post('/api/auth/password').send(body);

    const wrong = await change({ currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'PASSWORD_CHANGE_REFUSED']);
    expect((await change({ currentPassword: PAGE_PASSWORD, newPassword: 'too short' })).status).toBe(400);
    expect((await change({ currentPassword: PAGE_PASSWORD, newPassword: PAGE_PASSWORD })).status).toBe(422);
    expect((await change({ currentPassword: PAGE_PASSWORD, newPassword: NEW_PASSWORD, roles: ['admin'] })).status).toBe(400);
    expect(await audited(pages.id)).toEqual([]);
    expect((await login(pages.email, PAGE_PASSWORD)).status).toBe(200);

    const changed = await change({ currentPassword: PAGE_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: elsewhere.body.refreshToken })).status).toBe(401);
    expect((await pages.agent.get('/')).status).toBe(303);
    expect((await bearer(changed.body.accessToken).get('/api/cases')).status).toBe(200);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: changed.body.refreshToken })).status).toBe(200);
    expect((await login(pages.email, PAGE_PASSWORD)).status).toBe(401);
    expect((await audited(pages.id)).map((entry) => entry.action)).toEqual(['password_changed']);
  });
});
