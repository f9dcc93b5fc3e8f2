import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { startSmtpServer } from '../support/alert-receivers.js';
import supertest from 'supertest';
import { signInAtProvider as followProvider, startProvider, type TestIdentityProvider } from '../support/auth-oidc-provider.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase } from '../support/case-factory.js';
import { freePort } from '../support/free-port.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * Amara's mother signs in through the council's GOV.UK One Login client (a real OpenID Connect
 * provider in the test, authenticating the engine by private_key_jwt and giving the vector of
 * trust in the ID token, as One Login does) and sees Amara's case. Someone the provider knows
 * but who has no access is told so and signed in to nothing; a forged or cancelled return is
 * refused with a page saying what to do.
 */
jest.setTimeout(120_000);

const UNVERIFIED = 'unverified@example.org';
/** Signs in at the provider with a lower level of credential than the engine asks for. */
const LOW_TRUST = 'password-only@example.org';

describe('The family’s sign-in through GOV.UK One Login', () => {
  let idp: TestIdentityProvider;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let browser: BrowserSession;
  let amara: string;

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/family/sign-in/oidc/callback`;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    idp = await startProvider({
      redirectUris: [redirectUri],
      // As Node made it: oidc-provider takes only an object of its own realm, which a literal in the test's module sandbox is not.
      clientJwk: publicKey.export({ format: 'jwk' }),
      claims: (login) => ({ email: login, email_verified: login !== UNVERIFIED, vot: login === LOW_TRUST ? 'Cl' : 'Cl.Cm' }),
      claimsInIdToken: true,
    });
    smtp = await startSmtpServer();
    t = await createTestApp('2026-12-07', testDatabaseUrl(), {
      SMTP_URL: smtp.url,
      FAMILY_OIDC_ISSUER: idp.issuer,
      FAMILY_OIDC_CLIENT_ID: idp.clientId,
      FAMILY_OIDC_REDIRECT_URI: redirectUri,
      FAMILY_OIDC_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      FAMILY_OIDC_VTR: '["Cl.Cm"]',
    });
    await t.reset();
    browser = await openBrowser(t, port);
    amara = (await createCase(t, { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' }, requestReceivedOn: '2026-10-26' })).id;
    for (const email of ['grace@example.org', UNVERIFIED, LOW_TRUST]) {
      await t.http.post(`/api/cases/${amara}/family-contacts`).send({ email, name: 'Grace Okafor', relationship: 'parent' }).expect(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await idp?.close();
  });

  const page = () => browser.page;
  const familySessions = async () => (await t.db.query(`SELECT sess->>'familyEmail' AS email, sess->>'userId' AS "userId" FROM web_session WHERE sess->>'familyEmail' IS NOT NULL`)) as { email: string; userId: string | null }[];

  /** From a fresh browser, clicks the button and signs in at the provider's own pages; answers where the engine sent the browser, and where the provider sent it back. */
  async function signInAtProvider(login: string): Promise<{ authorization: URL; callback: URL }> {
    await browser.context.clearCookies();
    await page().goto('/family/sign-in');
    const sentTo = page().waitForRequest((request) => request.url().startsWith(`${idp.issuer}/auth`));
    await page().getByRole('button', { name: 'Sign in with GOV.UK One Login' }).click();
    const authorization = new URL((await sentTo).url());
    const sentBack = page().waitForRequest((request) => request.url().includes('/family/sign-in/oidc/callback'));
    await page().getByPlaceholder('Enter any login').fill(login);
    await page().getByPlaceholder('and password').fill('anything');
    await page().getByRole('button', { name: 'Sign-in' }).click();
    await page().getByRole('button', { name: 'Continue' }).click();
    const callback = new URL((await sentBack).url());
    await page().waitForURL((url) => url.pathname !== '/family/sign-in' && url.origin !== idp.issuer);
    return { authorization, callback };
  }

  it('offers GOV.UK One Login beside the emailed code, and signs a parent in through it to see her case', async () => {
    await page().goto('/family/sign-in');
    await expect(page().getByRole('button', { name: 'Sign in with GOV.UK One Login' }).isVisible()).resolves.toBe(true);
    await expect(page().getByRole('button', { name: 'Send me a code' }).isVisible()).resolves.toBe(true);
    expect(await seriousViolations(page())).toEqual([]);

    const { authorization } = await signInAtProvider('Grace@Example.org');
    expect(Object.fromEntries(['scope', 'vtr', 'code_challenge_method'].map((name) => [name, authorization.searchParams.get(name)]))).toEqual({ scope: 'openid email', vtr: '["Cl.Cm"]', code_challenge_method: 'S256' });
    expect(new URL(page().url()).pathname).toBe('/family');
    await page().getByRole('link', { name: 'Amara Okafor' }).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor');
    // Signed in as the family email, with no staff account in the session, and the read logged as the code flow's are.
    expect(await familySessions()).toEqual([{ email: 'grace@example.org', userId: null }]);
    const [logged] = await t.db.query(`SELECT actor, case_id FROM access_log WHERE action = 'family_case_read'`);
    expect(logged).toEqual({ actor: 'family:grace@example.org', case_id: amara });
  });

  it('tells someone the provider knows, but who has no access, that there is nothing to see, and signs them in to nothing', async () => {
    await signInAtProvider('dan@example.org');
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('There is no assessment you can see');
    expect(await page().locator('main').innerText()).toContain('There is no EHC needs assessment you can see with the email address dan@example.org.');
    expect(await seriousViolations(page())).toEqual([]);
    expect((await page().goto('/family'))?.url()).toContain('/family/sign-in');
    expect((await page().goto(`/family/case/${amara}`))?.url()).toContain('/family/sign-in');
    expect(await familySessions()).not.toContainEqual(expect.objectContaining({ email: 'dan@example.org' }));
  });

  it('refuses a return whose state this browser did not send, and the same return twice', async () => {
    const { callback } = await signInAtProvider('grace@example.org');
    const used = `${callback.pathname}${callback.search}`;
    await browser.context.clearCookies();
    await page().goto('/family/sign-in');
    await page().getByRole('button', { name: 'Sign in with GOV.UK One Login' }).click();
    await page().waitForURL((url) => url.origin === idp.issuer);
    const forged = await page().goto('/family/sign-in/oidc/callback?code=stolen-code&state=forged-state');
    expect(forged?.status()).toBe(400);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('You need to start signing in again');
    expect(await seriousViolations(page())).toEqual([]);
    expect((await page().goto(used))?.status()).toBe(400);
    expect((await page().goto('/family'))?.url()).toContain('/family/sign-in');
  });

  it('says what to do when the person cancels at the provider', async () => {
    await browser.context.clearCookies();
    await page().goto('/family/sign-in');
    await page().getByRole('button', { name: 'Sign in with GOV.UK One Login' }).click();
    await page().getByRole('link', { name: '[ Cancel ]' }).click();
    await page().waitForURL('**/family/sign-in/oidc/callback?**');
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('You did not finish signing in with GOV.UK One Login');
    expect(await page().locator('main').innerText()).toContain('to try again, or to sign in with a code sent to your email instead');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('refuses an email the provider has not verified, and a lower level of credential than asked for', async () => {
    await signInAtProvider(UNVERIFIED);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Your email address has not been confirmed');
    await signInAtProvider(LOW_TRUST);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Sorry, there is a problem signing you in with GOV.UK One Login');
    const signedIn = (await familySessions()).map((session) => session.email);
    expect(signedIn).not.toContain(UNVERIFIED);
    expect(signedIn).not.toContain(LOW_TRUST);
  });

  it('has no button, and no such route, when no provider is configured', async () => {
    const plain = await createTestApp('2026-12-07', testDatabaseUrl(), { SMTP_URL: smtp.url });
    try {
      const signIn = await plain.anonymous.get('/family/sign-in');
      expect(signIn.text).toContain('Send me a code');
      expect(signIn.text).not.toContain('One Login');
      for (const path of ['/family/sign-in/oidc', '/family/sign-in/oidc/callback?code=x&state=y']) {
        const response = await plain.anonymous.get(path);
        expect([response.status, response.text.includes('Page not found')]).toEqual([404, true]);
      }
    } finally {
      await plain.close();
    }
  });

  it('signs in with a client secret and the email from userinfo, as a provider that gives no email in the ID token does', async () => {
    const redirectUri = 'http://127.0.0.1:3000/family/sign-in/oidc/callback';
    const strict = await startProvider({ redirectUris: [redirectUri] });
    const app = await createTestApp('2026-12-07', testDatabaseUrl(), {
      FAMILY_OIDC_ISSUER: strict.issuer,
      FAMILY_OIDC_CLIENT_ID: strict.clientId,
      FAMILY_OIDC_CLIENT_SECRET: strict.clientSecret,
      FAMILY_OIDC_REDIRECT_URI: redirectUri,
      FAMILY_OIDC_PROVIDER_NAME: 'Council family sign-in',
    });
    try {
      const agent = supertest.agent(app.app.getHttpServer());
      // No SMTP_URL here: the provider is the one way in, and the page does not say signing in is unavailable.
      const signIn = (await agent.get('/family/sign-in')).text;
      expect(signIn).toContain('Sign in with Council family sign-in');
      expect(signIn).not.toMatch(/Send me a code|Signing in is not available/);
      const start = await agent.get('/family/sign-in/oidc');
      expect(new URL(start.headers.location).searchParams.has('vtr')).toBe(false);
      const returned = await followProvider(start.headers.location, 'grace@example.org', redirectUri);
      const back = await agent.get(`/family/sign-in/oidc/callback${returned.search}`);
      expect([back.status, back.headers.location]).toEqual([303, '/family']);
      expect((await agent.get('/family')).text).toContain('Amara Okafor');
    } finally {
      await app.close();
      await strict.close();
    }
  });
});
