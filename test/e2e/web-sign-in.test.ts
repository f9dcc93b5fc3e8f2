import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { SESSION_COOKIE } from '../../src/web/web-session.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createPageAccount, csrfFieldOf, PAGE_PASSWORD, signInToPages } from '../support/web.js';

/** Sign-in and sign-out of the pages, over HTTP; the browser tests drive the same pages in Chromium. */
describe('Signing in to the pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23', undefined, { AUTH_MAX_FAILED_ATTEMPTS: '3' });
  });
  beforeEach(async () => t.reset());
  afterAll(async () => t.close());

  async function signInPage() {
    const agent = supertest.agent(t.app.getHttpServer());
    const page = await agent.get('/sign-in');
    return { agent, page, token: csrfFieldOf(page.text) };
  }

  it('starts a session in a new, HttpOnly, SameSite cookie and sends the browser back where it was going', async () => {
    const account = await createPageAccount(t, ['caseworker']);
    const { agent, page, token } = await signInPage();
    const before = page.headers['set-cookie']?.[0] ?? '';
    const signedIn = await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: PAGE_PASSWORD, returnTo: '/sign-in?x=1' });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/sign-in?x=1');
    const cookie = signedIn.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie.split(';')[0]).not.toBe(before.split(';')[0]);
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sess->>'userId' = $1`, [account.id]);
    expect(row.n).toBe(1);
  });

  it('marks the cookie Secure when a trusted proxy says the request came over TLS', async () => {
    const behindProxy = await createTestApp('2026-11-23', undefined, { TRUST_PROXY: 'loopback' });
    try {
      const response = await supertest(behindProxy.app.getHttpServer()).get('/sign-in').set('X-Forwarded-Proto', 'https');
      expect(response.headers['set-cookie']?.[0]).toMatch(/; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('never sends the browser to another site after sign-in', async () => {
    const account = await createPageAccount(t, ['caseworker']);
    const { agent, token } = await signInPage();
    const signedIn = await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: PAGE_PASSWORD, returnTo: '//evil.example/' });
    expect(signedIn.headers.location).toBe('/');
  });

  it('shows the error summary for a wrong password, keeps the email and counts towards the lockout', async () => {
    const account = await createPageAccount(t, ['caseworker']);
    const { agent, token } = await signInPage();
    const refused = await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: 'not the password' });
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('The email or password is wrong.');
    expect(refused.text).toContain(`value="${account.email}"`);
    expect(refused.text).toMatch(/<title>Error: Sign in/);
    const [row] = await t.db.query(`SELECT failed_attempts FROM user_account WHERE id = $1`, [account.id]);
    expect(row.failed_attempts).toBe(1);
  });

  it('refuses a locked account, even with the right password, exactly as an unknown email', async () => {
    const account = await createPageAccount(t, ['caseworker']);
    const { agent, token } = await signInPage();
    for (let i = 0; i < 3; i++) await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: 'wrong' });
    const locked = await agent.post('/sign-in').type('form').send({ _csrf: token, email: account.email, password: PAGE_PASSWORD });
    const unknown = await agent.post('/sign-in').type('form').send({ _csrf: token, email: 'nobody@pages.example', password: PAGE_PASSWORD });
    expect(locked.status).toBe(401);
    expect(locked.text).toContain('The email or password is wrong.');
    expect(locked.text).not.toMatch(/locked/i);
    expect(unknown.status).toBe(401);
  });

  it('asks for the missing answers without trying to sign in', async () => {
    const { agent, token } = await signInPage();
    const refused = await agent.post('/sign-in').type('form').send({ _csrf: token, email: '', password: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#email">Enter your email address');
    expect(refused.text).toContain('href="#password">Enter your password');
  });

  it('refuses a sign-in posted without the form token', async () => {
    const account = await createPageAccount(t, ['caseworker']);
    const response = await supertest(t.app.getHttpServer()).post('/sign-in').type('form').send({ email: account.email, password: PAGE_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.text).toContain('This form has expired');
  });

  /** The start page sends a signed-in account on to its first page, and anyone else to sign in. */
  const sentToSignIn = (response: supertest.Response) => response.status === 303 && response.headers.location === '/sign-in';

  it('signs out: the session is deleted and its cookie no longer works', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    expect(sentToSignIn(await pages.agent.get('/'))).toBe(false);
    const signedOut = await pages.submit('/sign-out', {});
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe('/sign-in?signedOut=1');
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sess->>'userId' = $1`, [pages.id]);
    expect(row.n).toBe(0);
    expect(sentToSignIn(await pages.agent.get('/'))).toBe(true);
  });

  it('ends the session at once when the account is disabled', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    await t.db.query(`UPDATE user_account SET disabled = true WHERE id = $1`, [pages.id]);
    expect(sentToSignIn(await pages.agent.get('/'))).toBe(true);
  });

  it('sends a person whose password was reset to choose a new one before any other page, and keeps only this browser signed in', async () => {
    const pages = await signInToPages(t, ['caseworker']);
    const { temporaryPassword } = (await t.http.post(`/api/users/${pages.id}/password-reset`)).body;
    expect(sentToSignIn(await pages.agent.get('/'))).toBe(true);

    expect((await pages.submit('/sign-in', { email: pages.email, password: temporaryPassword })).status).toBe(303);
    const { agent: elsewhere, token } = await signInPage();
    expect((await elsewhere.post('/sign-in').type('form').send({ _csrf: token, email: pages.email, password: temporaryPassword })).status).toBe(303);
    const caseload = await pages.agent.get('/caseload');
    expect([caseload.status, caseload.headers.location]).toEqual([303, '/account/password?reset=1']);
    const form = await pages.agent.get('/account/password?reset=1');
    expect(form.text).toContain('An administrator has reset your password');

    const short = await pages.submit('/account/password', { currentPassword: temporaryPassword, newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('href="#newPassword">New password must be 12 characters or more');
    const wrong = await pages.submit('/account/password', { currentPassword: 'not it', newPassword: 'a new page password' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('href="#currentPassword">The current password is wrong.');

    const changed = await pages.submit('/account/password', { currentPassword: temporaryPassword, newPassword: 'a new page password' });
    expect([changed.status, changed.headers.location]).toEqual([303, '/account/password?changed=1']);
    expect((await pages.agent.get(changed.headers.location)).text).toContain('Your password has been changed');
    expect((await pages.agent.get('/caseload')).status).toBe(200);
    expect(sentToSignIn(await elsewhere.get('/'))).toBe(true);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sess->>'userId' = $1`, [pages.id]);
    expect(n).toBe(1);
  });

  it('answers an unknown page with the GOV.UK 404 page, and the API with JSON', async () => {
    const page = await t.anonymous.get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page not found');
    const api = await t.anonymous.get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.body.statusCode).toBe(404);
  });
});
