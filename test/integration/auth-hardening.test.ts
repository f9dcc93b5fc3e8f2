import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { TEST_USER } from '../support/auth.js';

describe('Hardening', () => {
  let t: TestApp;
  let open: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23', testDatabaseUrl(), { LOGIN_RATE_LIMIT_PER_MINUTE: '3', API_RATE_LIMIT_PER_MINUTE: '40' });
    open = await createTestApp('2026-11-23', testDatabaseUrl(), { CORS_ORIGINS: 'https://ehc.council.example' });
  });
  afterAll(async () => {
    await t.close();
    await open.close();
  });

  it('sends security headers and no framework banner', async () => {
    const response = await t.anonymous.get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('refuses bodies over 100 kB with 413, before they reach sign-in', async () => {
    const response = await t.anonymous.post('/api/auth/login').send({ email: 'a@b.example', password: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.text).not.toMatch(/at .*\.js:\d+/);
  });

  it('sends no CORS headers unless CORS_ORIGINS allows the origin', async () => {
    const closed = await t.anonymous.get('/api/health').set('Origin', 'https://evil.example');
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await open.anonymous.options('/api/cases').set('Origin', 'https://ehc.council.example').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ehc.council.example');
    const other = await open.anonymous.get('/api/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('slows password guessing: sign-in answers 429 past its per-minute limit, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.anonymous.post('/api/auth/login').send({ email: 'x@y.example', password: 'guess' })).status);
    const blocked = await t.anonymous.post('/api/auth/login').send({ email: TEST_USER.email, password: TEST_USER.password });
    expect(statuses).toEqual([401, 401, 401]);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('limits the rest of the API per address too, more loosely', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await t.http.get('/api/cases')).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(20);
  });
});
