import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import supertest from 'supertest';
import { SESSION_COOKIE } from '../../src/web/web-session.js';
import { signInAtProvider, startIdentityProvider, type TestIdentityProvider } from '../support/auth-oidc-provider.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const API_REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/oidc/callback';
/** Not configured: the pages derive it from the API's (OIDC_PAGE_REDIRECT_URI unset). */
const PAGE_REDIRECT_URI = 'http://127.0.0.1:3000/sign-in/oidc/callback';
const EMAIL = 'sso.caseworker@council.example';

type Browser = ReturnType<typeof supertest.agent>;

/** Single sign-on on the pages, over HTTP with a cookie jar per browser, against a real provider in the test. */
describe('Signing in to the pages through the council’s identity provider', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  let accountId: string;

  beforeAll(async () => {
    idp = await startIdentityProvider(API_REDIRECT_URI, PAGE_REDIRECT_URI);
    t = await createTestApp('2026-11-23', testDatabaseUrl(), {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URI: API_REDIRECT_URI,
      OIDC_PROVIDER_NAME: 'Test Council sign-in',
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(async () => {
    await t.reset();
    accountId = (await t.http.post('/api/users').send({ email: EMAIL, roles: ['caseworker'] }).expect(201)).body.id;
  });

  const newBrowser = (): Browser => supertest.agent(t.app.getHttpServer());

  /** Clicks the sign-in page's button in `browser`; answers the provider's address it was sent to. */
  async function startAt(browser: Browser, returnTo?: string): Promise<string> {
    const page = await browser.get(returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in');
    const href = /<a href="([^"]+)" role="button"[^>]*id="sign-in-oidc"/.exec(page.text)?.[1];
    if (!href) throw new Error('the sign-in page has no single sign-on button');
    const start = await browser.get(href.replaceAll('&amp;', '&'));
    expect(start.status).toBe(302);
    return start.headers.location;
  }
  const callback = (browser: Browser | supertest.Agent, returned: URL) => browser.get(`/sign-in/oidc/callback${returned.search}`);
  const signedIn = async (browser: Browser) => (await browser.get('/caseload')).status === 200;
  const sessionsOf = async (id: string) => (await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sess->>'userId' = $1`, [id]))[0].n;

  function expectRefusedOnSignInPage(response: supertest.Response, message: RegExp): void {
    expect(response.status).toBe(401);
    expect(response.text).toContain('govuk-error-summary');
    expect(response.text).toMatch(message);
    expect(response.text).toContain('id="sign-in-oidc"');
  }

  it('shows the button beside the password form, carrying where the browser was going', async () => {
    const page = await newBrowser().get('/sign-in?returnTo=%2Fcaseload%3Fscope%3Dall');
    expect(page.text).toMatch(/<a href="\/sign-in\/oidc\?returnTo=%2Fcaseload%3Fscope%3Dall" role="button"[^>]*>\s*Sign in with Test Council sign-in\s*<\/a>/);
    expect(page.text).toContain('name="password"');
  });

  it('signs in the pre-provisioned account through the provider’s login and consent, in a new session, and goes back where it was going', async () => {
    const browser = newBrowser();
    const location = new URL(await startAt(browser, '/caseload?scope=all'));
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe(PAGE_REDIRECT_URI);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    // The attempt is this browser's: in its session, not in the API's table any process may complete from.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM oidc_login_attempt`))[0].n).toBe(0);
    const [held] = await t.db.query(`SELECT sid, sess->'oidcAttempt'->>'state' AS state FROM web_session WHERE sess->'oidcAttempt' IS NOT NULL`);
    expect(held.state).toBe(location.searchParams.get('state'));

    const returned = await signInAtProvider(location.href, EMAIL, PAGE_REDIRECT_URI);
    const back = await callback(browser, returned);
    expect([back.status, back.headers.location]).toEqual([303, '/caseload?scope=all']);
    expect(back.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(await signedIn(browser)).toBe(true);
    expect(await sessionsOf(accountId)).toBe(1);
    // The session id the attempt was started under is gone: it is worthless after sign-in.
    expect((await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sid = $1`, [held.sid]))[0].n).toBe(0);
  });

  it('completes an attempt only in the browser that started it', async () => {
    const browserA = newBrowser();
    const returnedToA = await signInAtProvider(await startAt(browserA), EMAIL, PAGE_REDIRECT_URI);

    // B has no attempt of its own, then one of its own: neither lets it use A's code and state.
    const browserB = newBrowser();
    expectRefusedOnSignInPage(await callback(browserB, returnedToA), /This sign-in attempt is unknown, used or expired: start again from the sign-in page\./);
    await startAt(browserB);
    expectRefusedOnSignInPage(await callback(browserB, returnedToA), /unknown, used or expired/);
    expect(await signedIn(browserB)).toBe(false);
    expect(await sessionsOf(accountId)).toBe(0);

    // A's own attempt was untouched by B's tries.
    expect((await callback(browserA, returnedToA)).status).toBe(303);
    expect(await signedIn(browserA)).toBe(true);
  });

  it('refuses the same return a second time, from the signed-in browser and from a copy of its old cookie', async () => {
    const browser = newBrowser();
    const startPage = await browser.get('/sign-in');
    const oldCookie = (startPage.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const returned = await signInAtProvider(await startAt(browser), EMAIL, PAGE_REDIRECT_URI);
    expect((await callback(browser, returned)).status).toBe(303);

    expectRefusedOnSignInPage(await callback(browser, returned), /unknown, used or expired/);
    const copy = await supertest(t.app.getHttpServer()).get(`/sign-in/oidc/callback${returned.search}`).set('Cookie', oldCookie);
    expectRefusedOnSignInPage(copy, /unknown, used or expired/);
    expect((await supertest(t.app.getHttpServer()).get('/caseload').set('Cookie', oldCookie)).status).toBe(303);
    expect(await sessionsOf(accountId)).toBe(1);
  });

  it('refuses an attempt started more than 10 minutes ago', async () => {
    const browser = newBrowser();
    const returned = await signInAtProvider(await startAt(browser), EMAIL, PAGE_REDIRECT_URI);
    await t.db.query(
      `UPDATE web_session SET sess = jsonb_set(sess::jsonb, '{oidcAttempt,startedAt}', to_jsonb((sess->'oidcAttempt'->>'startedAt')::bigint - 11 * 60000))::json
       WHERE sess->'oidcAttempt' IS NOT NULL`,
    );
    expectRefusedOnSignInPage(await callback(browser, returned), /unknown, used or expired/);
    expect(await signedIn(browser)).toBe(false);
  });

  it('refuses a person the provider knows but who has no account here', async () => {
    const browser = newBrowser();
    const returned = await signInAtProvider(await startAt(browser), 'stranger@council.example', PAGE_REDIRECT_URI);
    expectRefusedOnSignInPage(await callback(browser, returned), /No active account exists for stranger@council\.example: ask an administrator to create one\./);
    expect(await signedIn(browser)).toBe(false);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM web_session WHERE sess->>'userId' IS NOT NULL`))[0].n).toBe(0);
  });

  it('refuses a disabled account', async () => {
    await t.http.patch(`/api/users/${accountId}`).send({ disabled: true }).expect(200);
    const browser = newBrowser();
    const returned = await signInAtProvider(await startAt(browser), EMAIL, PAGE_REDIRECT_URI);
    expectRefusedOnSignInPage(await callback(browser, returned), /No active account exists for sso\.caseworker@council\.example/);
    expect(await signedIn(browser)).toBe(false);
    expect(await sessionsOf(accountId)).toBe(0);
  });

  it('never sends the browser to another site after sign-in', async () => {
    const browser = newBrowser();
    const start = await browser.get(`/sign-in/oidc?returnTo=${encodeURIComponent('//evil.example/')}`);
    const returned = await signInAtProvider(start.headers.location, EMAIL, PAGE_REDIRECT_URI);
    expect((await callback(browser, returned)).headers.location).toBe('/');
  });

  it('offers the password form when the provider cannot be reached', async () => {
    const unreachable = await createTestApp('2026-11-23', testDatabaseUrl(), {
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URI: API_REDIRECT_URI,
    });
    try {
      const response = await supertest.agent(unreachable.app.getHttpServer()).get('/sign-in/oidc');
      expect(response.status).toBe(502);
      expect(response.text).toContain('The single sign-on provider http://127.0.0.1:9 did not answer: try again shortly, or sign in with a password.');
      expect(response.text).toContain('Sign in with your council account');
      expect(response.text).toContain('name="password"');
    } finally {
      await unreachable.close();
    }
  });

  it('has no button, and no single sign-on route, when no provider is configured', async () => {
    const plain = await createTestApp('2026-11-23');
    try {
      const page = await plain.anonymous.get('/sign-in');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('sign-in-oidc');
      expect(page.text).not.toContain('Sign in with');
      for (const path of ['/sign-in/oidc', '/sign-in/oidc/callback?code=x&state=y']) {
        const response = await plain.anonymous.get(path);
        expect(response.status).toBe(404);
        expect(response.text).toContain('Page not found');
      }
    } finally {
      await plain.close();
    }
  });
});
