import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { signInAtProvider, startIdentityProvider, type TestIdentityProvider } from '../support/auth-oidc-provider.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const REDIRECT_URI = 'http://127.0.0.1:3000/api/auth/oidc/callback';
const EMAIL = 'sso.caseworker@council.example';

describe('Single sign-on through OpenID Connect', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;

  beforeAll(async () => {
    idp = await startIdentityProvider(REDIRECT_URI);
    t = await createTestApp('2026-11-23', testDatabaseUrl(), {
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(async () => {
    await t.reset();
    await t.http.post('/api/users').send({ email: EMAIL, roles: ['caseworker'] }).expect(201);
  });

  async function startSignIn(): Promise<string> {
    const start = await t.anonymous.get('/api/auth/oidc/login');
    expect(start.status).toBe(302);
    return start.headers.location;
  }
  const callback = (returned: URL) => t.anonymous.get(`/api/auth/oidc/callback${returned.search}`);

  it('redirects to the provider with state, nonce and a PKCE challenge', async () => {
    const location = new URL(await startSignIn());
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('client_id')).toBe(idp.clientId);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
  });

  it('signs in the pre-provisioned account with the email the provider vouches for', async () => {
    const returned = await signInAtProvider(await startSignIn(), EMAIL, REDIRECT_URI);
    const signedIn = await callback(returned);
    expect(signedIn.status).toBe(200);
    const bearer = `Bearer ${signedIn.body.accessToken}`;
    expect((await t.anonymous.get('/api/cases').set('Authorization', bearer)).status).toBe(200);
    expect((await t.anonymous.get('/api/users').set('Authorization', bearer)).status).toBe(403);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: signedIn.body.refreshToken })).status).toBe(200);

    // The same return URL again: the attempt was used up.
    expect((await callback(returned)).status).toBe(401);
  });

  it('refuses a person the provider knows but who has no account here', async () => {
    const response = await callback(await signInAtProvider(await startSignIn(), 'stranger@council.example', REDIRECT_URI));
    expect(response.status).toBe(401);
    expect(response.body.message).toMatch(/No active account exists for stranger@council\.example/);
  });

  it('refuses a return with a state it did not issue, and a tampered code', async () => {
    const returned = await signInAtProvider(await startSignIn(), EMAIL, REDIRECT_URI);
    const forged = new URL(returned);
    forged.searchParams.set('state', 'not-a-state-we-issued');
    expect((await callback(forged)).status).toBe(401);
    const tampered = new URL(returned);
    tampered.searchParams.set('code', 'x'.repeat(43));
    expect((await callback(tampered)).status).toBe(401);
  });

  it('answers 404 when single sign-on is not configured', async () => {
    const plain = await createTestApp('2026-11-23');
    try {
      expect((await plain.anonymous.get('/api/auth/oidc/login')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
