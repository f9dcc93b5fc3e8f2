import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { SigningKeyService } from '../../src/auth/signing-key.service.js';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/auth/access-tokens.service.js';
import { createCase } from '../support/case-factory.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { TEST_USER } from '../support/auth.js';

const TODAY = '2026-11-23';
const PASSWORD = 'a long enough passphrase';

describe('Sign-in, tokens and lockout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY, testDatabaseUrl(), { AUTH_MAX_FAILED_ATTEMPTS: '3', AUTH_LOCKOUT_MINUTES: '10', AUTH_ACCESS_TOKEN_TTL_SECONDS: '900' });
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  async function newAccount(roles: string[], password = PASSWORD) {
    const created = await t.http.post('/api/users').send({ email: `Jo.${roles.join('')}@Council.example`, password, roles });
    expect(created.status).toBe(201);
    return created.body as { id: string; email: string };
  }
  const login = (email: string, password: string) => t.anonymous.post('/api/auth/login').send({ email, password });

  it('signs in with email and password, and the access token opens the routes the roles allow', async () => {
    const account = await newAccount(['caseworker']);
    expect(account.email).toBe('jo.caseworker@council.example');
    const signedIn = await login('JO.caseworker@council.example', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const bearer = `Bearer ${signedIn.body.accessToken}`;
    const created = await t.anonymous.post('/api/cases').set('Authorization', bearer).send({
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' },
      requestReceivedOn: '2026-10-05',
      requestSource: 'parent',
    });
    expect(created.status).toBe(201);
    const trail = await t.anonymous.get(`/api/cases/${created.body.id}/events`).set('Authorization', bearer);
    expect(trail.body[0].actor).toBe('jo.caseworker@council.example');
    const migrate = await t.anonymous.post(`/api/cases/${created.body.id}/migrate`).set('Authorization', bearer).send({ toVersion: 2 });
    expect(migrate.status).toBe(403);
    expect(migrate.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('answers a wrong password and an unknown email alike, with 401', async () => {
    await newAccount(['caseworker']);
    const wrong = await login('jo.caseworker@council.example', 'not the password');
    const unknown = await login('nobody@council.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('locks the account after repeated failures, even against the right password, until an administrator unlocks it', async () => {
    const account = await newAccount(['caseworker']);
    for (let i = 0; i < 3; i++) expect((await login(account.email, 'guess')).status).toBe(401);
    const locked = await login(account.email, PASSWORD);
    // Answered as a wrong password, so the answer does not tell which emails have accounts (the holder is emailed).
    expect(locked.status).toBe(401);
    expect(locked.body).toEqual((await login('nobody@council.example', PASSWORD)).body);
    expect((await t.http.get('/api/users')).body.find((u: { id: string }) => u.id === account.id).lockedUntil).not.toBeNull();

    expect((await t.http.patch(`/api/users/${account.id}`).send({ unlock: true })).status).toBe(200);
    expect((await login(account.email, PASSWORD)).status).toBe(200);
  });

  it('lets the lockout expire, and a success resets the failure count', async () => {
    const account = await newAccount(['caseworker']);
    for (let i = 0; i < 2; i++) await login(account.email, 'guess');
    expect((await login(account.email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(account.email, 'guess');
    expect((await login(account.email, PASSWORD)).status).toBe(200);

    for (let i = 0; i < 3; i++) await login(account.email, 'guess');
    await t.db.query(`UPDATE user_account SET locked_until = now() - interval '1 second' WHERE id = $1`, [account.id]);
    expect((await login(account.email, PASSWORD)).status).toBe(200);
  });

  it('rotates refresh tokens: each works once, and replaying a spent one signs the account out everywhere', async () => {
    const account = await newAccount(['caseworker']);
    const first = (await login(account.email, PASSWORD)).body;
    const second = await t.anonymous.post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.anonymous.get('/api/cases').set('Authorization', `Bearer ${second.body.accessToken}`)).status).toBe(200);

    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: first.refreshToken })).status).toBe(401);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('signs out: the refresh token stops working', async () => {
    const account = await newAccount(['caseworker']);
    const tokens = (await login(account.email, PASSWORD)).body;
    expect((await t.anonymous.post('/api/auth/logout').send({ refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('refuses a disabled account at once, on its next request', async () => {
    const account = await newAccount(['caseworker']);
    const tokens = (await login(account.email, PASSWORD)).body;
    const bearer = `Bearer ${tokens.accessToken}`;
    expect((await t.anonymous.get('/api/cases').set('Authorization', bearer)).status).toBe(200);
    await t.http.patch(`/api/users/${account.id}`).send({ disabled: true });
    expect((await t.anonymous.get('/api/cases').set('Authorization', bearer)).status).toBe(401);
    expect((await login(account.email, PASSWORD)).status).toBe(401);
    expect((await t.anonymous.post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  describe('answers 401 to requests without a valid access token', () => {
    const sign = async (key: Uint8Array, claims: { exp?: number; sub?: string; alg?: string } = {}) =>
      new SignJWT({})
        .setProtectedHeader({ alg: claims.alg ?? 'HS256' })
        .setSubject(claims.sub ?? TEST_USER.id)
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? '5m')
        .sign(key);

    it.each([
      ['no Authorization header', async () => undefined],
      ['a malformed header', async () => 'Token abc'],
      ['an expired token', async (key: Uint8Array) => `Bearer ${await sign(key, { exp: Math.floor(Date.now() / 1000) - 60 })}`],
      ['a token signed with another key', async () => `Bearer ${await sign(new TextEncoder().encode('x'.repeat(48)))}`],
      ['a tampered token', async (key: Uint8Array) => {
        const [header, , signature] = (await sign(key)).split('.');
        const payload = Buffer.from(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000001', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: 9999999999 })).toString('base64url');
        return `Bearer ${header}.${payload}.${signature}`;
      }],
      ['an unsigned token (alg none)', async () => {
        const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
        const payload = Buffer.from(JSON.stringify({ sub: TEST_USER.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: 9999999999 })).toString('base64url');
        return `Bearer ${header}.${payload}.`;
      }],
    ])('%s', async (_, authorization) => {
      const { id } = await createCase(t);
      const key = await t.app.get(SigningKeyService).signingKey();
      const header = await authorization(key);
      const request = t.anonymous.get(`/api/cases/${id}`);
      if (header) request.set('Authorization', header);
      const response = await request;
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });

    it('while a freshly signed token with the same key is accepted', async () => {
      const key = await t.app.get(SigningKeyService).signingKey();
      expect((await t.anonymous.get('/api/cases').set('Authorization', `Bearer ${await sign(key)}`)).status).toBe(200);
    });
  });
});
