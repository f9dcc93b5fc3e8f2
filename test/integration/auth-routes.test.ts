import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { AccessTokensService } from '../../src/auth/access-tokens.service.js';
import { PERMISSIONS, permissionsOf, ROLES } from '../../src/auth/permissions.js';
import { loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp } from '../../src/http-app.js';
import { concretePath, declaredRoutes, expressRoutes } from '../support/auth-routes.js';
import { TEST_USER } from '../support/auth.js';
import { createTestApp, TEST_ENV, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/** The README's permission table; PERMISSIONS_README points elsewhere to check a draft. */
const README = process.env.PERMISSIONS_README ?? resolve(process.cwd(), 'README.md');

describe('Every route declares who may use it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  afterAll(async () => t.close());

  it('finds the application routes, each with @Public() or @RequirePermission()', () => {
    const routes = declaredRoutes(t.app);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/cases', 'GET /api/cases/:id', 'POST /api/auth/login', 'GET /api/health']),
    );
    const undeclared = routes.filter((route) => !route.isPublic && !route.permission).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('serves no route that Nest did not declare, except the OpenAPI document and the not-found answer', () => {
    const declared = new Set(declaredRoutes(t.app).map((r) => `${r.method} ${r.path}`));
    const unknown = expressRoutes(t.app).filter((route) => !declared.has(route) && !/ \/api(\/docs|\{\/\*splat\}$)/.test(route));
    expect(unknown).toEqual([]);
  });

  it('answers 401 on every non-public route to a request without a token', async () => {
    const failures: string[] = [];
    for (const route of declaredRoutes(t.app).filter((r) => !r.isPublic)) {
      const response = await t.anonymous[route.method.toLowerCase() as 'get'](concretePath(route.path)).send({});
      if (response.status !== 401) failures.push(`${route.method} ${route.path} answered ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 on every route to an account whose roles lack its permission', async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const { http } = await t.signInAs([role]);
      for (const route of declaredRoutes(t.app).filter((r) => r.permission && !permissionsOf(role).includes(r.permission))) {
        const response = await http[route.method.toLowerCase() as 'get'](concretePath(route.path)).send({});
        if (response.status !== 403) failures.push(`${role}: ${route.method} ${route.path} answered ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
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
