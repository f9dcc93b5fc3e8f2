import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ROLES } from '../../src/auth/permissions.js';
import { concretePath, declaredRoutes } from '../support/auth-routes.js';
import { TEST_USER } from '../support/auth.js';
import { signInToPages } from '../support/web.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const noStore = (headers: Record<string, string>) => /(^|,\s*)no-store(,|$)/.test(headers['cache-control'] ?? '');

describe('Cache-Control', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
    await t.reset();
  }, 60_000);
  afterAll(() => t.close());

  it('forbids storing the answer of every API route and every page, signed in or not', async () => {
    const pages = await signInToPages(t, [...ROLES]);
    const _csrf = await pages.csrfToken();
    const failures: string[] = [];
    for (const route of declaredRoutes(t.app)) {
      const method = route.method.toLowerCase() as 'get';
      for (const [who, client] of [['signed in', route.isPage ? pages.agent : t.http], ['anonymous', t.anonymous]] as const) {
        const response = await client[method](concretePath(route.path)).type('form').send(route.isPage ? { _csrf } : {});
        if (!noStore(response.headers)) failures.push(`${who}: ${route.method} ${route.path} answered ${response.status} with Cache-Control ${response.headers['cache-control']}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('forbids storing the tokens of sign-in and refresh', async () => {
    const login = await t.anonymous.post('/api/auth/login').send({ email: TEST_USER.email, password: TEST_USER.password }).expect(200);
    expect(login.body.accessToken).toBeDefined();
    expect(noStore(login.headers)).toBe(true);
    const refresh = await t.anonymous.post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    expect(refresh.body.accessToken).toBeDefined();
    expect(noStore(refresh.headers)).toBe(true);
  });

  it('still lets the browser keep the static assets', async () => {
    const response = await t.anonymous.get('/assets/govuk/govuk-frontend.min.css').expect(200);
    expect(response.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(noStore(response.headers)).toBe(false);
  });
});
