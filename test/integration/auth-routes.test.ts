import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { AccessTokensService } from '../../src/auth/access-tokens.service.js';
import { PERMISSIONS, permissionsOf, Public, ROLES } from '../../src/auth/permissions.js';
import { loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp } from '../../src/http-app.js';
import { PageController } from '../../src/web/page-controller.decorator.js';
import { concretePath, declaredRoutes, expressRoutes } from '../support/auth-routes.js';
import { TEST_USER } from '../support/auth.js';
import { signInToPages } from '../support/web.js';
import { createTestApp, TEST_ENV, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/** The README's permission table; PERMISSIONS_README points elsewhere to check a draft. */
const README = process.env.PERMISSIONS_README ?? resolve(process.cwd(), 'README.md');

describe('Every route declares who may use it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  afterAll(async () => t.close());

  it('finds the application routes, each with @Public(), @AnySignedIn() or @RequirePermission()', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/cases', 'GET /api/cases/:id', 'POST /api/auth/login', 'GET /api/health', 'GET /sign-in', 'POST /sign-out']),
    );
    const undeclared = routes.filter((route) => !route.isPublic && !route.anySignedIn && !route.permission).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('serves the JSON API under /api and only web pages outside it', () => {
    const misplaced = declaredRoutes(t.app)
      .filter((route) => route.isPage === /^\/api(\/|$)/.test(route.path))
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(misplaced).toEqual([]);
  });

  it('serves no route that Nest did not declare, except the OpenAPI document and the not-found answers', () => {
    const routes = declaredRoutes(t.app);
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    // Nest answers other methods on a page's path (outside the prefix) with its not-found handler,
    // and mounts the pages' session middleware on their paths, with and without a final slash.
    const pagePaths = new Set(routes.filter((r) => r.isPage).map((r) => r.path));
    const unknown = expressRoutes(t.app)
      .map((route) => route.replace(/([^ ])\/$/, '$1'))
      .filter((route) => !declared.has(route) && !/ \/api(\/docs|\{\/\*splat\}$)/.test(route) && !pagePaths.has(route.split(' ')[1]));
    expect(unknown).toEqual([]);
  });

  it('answers 401 on every non-public API route to a request without a token, and sends the browser to sign in from every other page', async () => {
    const failures: string[] = [];
    for (const route of declaredRoutes(t.app).filter((r) => !r.isPublic)) {
      const response = await t.anonymous[route.method.toLowerCase() as 'get'](concretePath(route.path)).send({});
      const refused = route.isPage ? response.status === 303 && /^\/sign-in(\?|$)/.test(response.headers.location) : response.status === 401;
      if (!refused) failures.push(`${route.method} ${route.path} answered ${response.status} ${response.headers.location ?? ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 on every route to an account whose roles lack its permission', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const { http } = await t.signInAs([role]);
      const pages = await signInToPages(t, [role]);
      const _csrf = await pages.csrfToken();
      for (const route of declaredRoutes(t.app).filter((r) => r.permission && !permissionsOf(role).includes(r.permission))) {
        const client = route.isPage ? pages.agent : http;
        const response = await client[route.method.toLowerCase() as 'get'](concretePath(route.path)).type('form').send({ _csrf });
        if (response.status !== 403) failures.push(`${role}: ${route.method} ${route.path} answered ${response.status}`);
        if (route.isPage && !response.text.includes('You cannot use this page')) failures.push(`${role}: ${route.method} ${route.path} is not the GOV.UK forbidden page`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every page form posted without the session’s token', async () => {
    const pages = await signInToPages(t, [...ROLES]);
    const failures: string[] = [];
    for (const route of declaredRoutes(t.app).filter((r) => r.isPage && r.method === 'POST')) {
      for (const token of [undefined, 'not-the-token']) {
        const response = await pages.agent.post(concretePath(route.path)).type('form').send(token ? { _csrf: token } : {});
        if (response.status !== 403 || !response.text.includes('This form has expired')) failures.push(`${route.method} ${route.path} answered ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never takes a page session for the API, nor a bearer token for a page', async () => {
    const pages = await signInToPages(t, [...ROLES]);
    const api = await pages.agent.get('/api/cases');
    expect(api.status).toBe(401);
    // The session middleware does not run on the API at all: it neither reads nor renews the cookie.
    expect(api.headers['set-cookie']).toBeUndefined();
    const page = await t.http.get('/');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in');
  });

  it('grants every permission to at least one role', () => {
    const granted = new Set(ROLES.flatMap((role) => permissionsOf(role)));
    expect(PERMISSIONS.filter((permission) => !granted.has(permission))).toEqual([]);
  });

  it('matches the permission table in the README', () => {
    const text = readFileSync(README, 'utf8');
    const table = /<!-- permissions:start -->([\s\S]*?)<!-- permissions:end -->/.exec(text)?.[1];
    expect(table).toBeDefined();
    const rows = table!.split('\n').filter((line) => line.trim().startsWith('|')).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
    const [header, , ...body] = rows;
    expect(header.slice(1, 1 + ROLES.length)).toEqual(ROLES.map((role) => `\`${role}\``));
    const documented = Object.fromEntries(body.map(([permission, ...cells]) => [permission.replace(/`/g, ''), cells.slice(0, ROLES.length).map((cell) => cell !== '')]));
    const inCode = Object.fromEntries(PERMISSIONS.map((permission) => [permission, ROLES.map((role) => permissionsOf(role).includes(permission))]));
    expect(documented).toEqual(inCode);
  });
});

@Controller('forgotten')
class ForgottenController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

describe('A route that declares nothing', () => {
  it('is refused with 403, even to an account holding every role', async () => {
    const config = loadConfig(TEST_ENV);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, testDatabaseUrl())], controllers: [ForgottenController] }).compile();
    const app = moduleRef.createNestApplication();
    await configureHttpApp(app, config);
    await app.init();
    try {
      const token = await app.get(AccessTokensService).issue(TEST_USER.id);
      const response = await supertest(app.getHttpServer()).get('/api/forgotten').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(403);
      expect(response.text).not.toContain('should never be served');
    } finally {
      await app.close();
    }
  });
});

@PageController('cases')
class CollidingPageController {
  @Get(':reference')
  @Public()
  show(): string {
    return 'a page where the API has GET /api/cases/:id';
  }
}

describe('A page with the path of an API route', () => {
  it('stops start-up, since the API route would leave /api with it', async () => {
    const config = loadConfig(TEST_ENV);
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, testDatabaseUrl())], controllers: [CollidingPageController] }).compile();
    const app = moduleRef.createNestApplication();
    try {
      await expect(configureHttpApp(app, config)).rejects.toThrow('A web page has the path of the API route GET /api/cases/:id (CasesController)');
    } finally {
      await app.close();
    }
  });
});
