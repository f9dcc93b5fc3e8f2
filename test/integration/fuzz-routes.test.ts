import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { permissionsOf, ROLES, type Role } from '../../src/auth/permissions.js';
import { concretePath, declaredRoutes, type DeclaredRoute } from '../support/auth-routes.js';
import type { Http } from '../support/auth.js';
import { createCase } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
/**
 * Tables whose rows a refused or read-only request may still add: the access log records reads,
 * and showing the sign-in page starts a session to hold its form token.
 */
const MAY_GROW_ON_READ = new Set(['access_log', 'migrations', 'web_session']);

describe('Random and malformed requests to every route, as every role', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  let callers: { role: Role | 'anonymous'; http: Http }[];
  let ids: string[];

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    routes = declaredRoutes(t.app);
    const ofA = await createCase(t);
    const other = await t.signInAs(['caseworker', 'manager'], 'FUZZB');
    const ofB = await createCase({ ...t, http: other.http });
    callers = [{ role: 'anonymous', http: t.anonymous }];
    for (const role of ROLES) callers.push({ role, http: (await t.signInAs([role])).http });
    ids = [ofA.id, ofB.id, other.id, '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', '1', '%00', 'x'.repeat(300)];
  });
  afterAll(async () => t.close());

  /** One fingerprint per table: a refused request must leave every one of them as it was. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables: { tablename: string }[] = await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const prints: Record<string, string> = {};
    for (const { tablename } of tables.filter((table) => !MAY_GROW_ON_READ.has(table.tablename))) {
      const [row] = await t.db.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS print FROM "${tablename}" x`);
      prints[tablename] = row.print;
    }
    return prints;
  }

  const jsonish = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('type', 'occurredOn', 'email', 'password', 'roles', 'toVersion', 'child', 'refreshToken', 'decision', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 2 })),
    fc.record({ type: fc.constantFrom('WITHDRAWN', 'ASSIGNED', 'DECISION_TO_ASSESS', 'NOPE'), occurredOn: fc.oneof(fc.constant('2026-11-01'), fc.string()) }),
  );
  const rawBody = fc.oneof(fc.string({ maxLength: 200 }), fc.constant('{"a":'), fc.constant('[]'), fc.constant('null'));
  const query = fc.dictionary(fc.constantFrom('status', 'page', 'pageSize', 'overdue', 'dueBefore', 'caseId', 'userId', 'from', 'to', 'kind', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
  const headers = fc.record({
    'If-Match': fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('"1"'), fc.constant('W/"999999999999"')), { nil: undefined }),
    'Content-Type': fc.option(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'garbage'), { nil: undefined }),
  });

  it('never answers 5xx, and changes nothing unless the request was valid and allowed', async () => {
    const failures: string[] = [];
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: ROLES.length }),
        fc.oneof(fc.constantFrom(...ids.keys()).map((i) => ({ id: ids[i] })), fc.string({ maxLength: 40 }).map((s) => ({ id: encodeURIComponent(s) || 'x' }))),
        fc.oneof(jsonish.map((body) => ({ json: body })), rawBody.map((raw) => ({ raw }))),
        query,
        headers,
        async (routeIndex, callerIndex, { id }, body, params, extraHeaders) => {
          const route = routes[routeIndex % routes.length];
          const caller = callers[callerIndex];
          const before = await fingerprint();
          const search = new URLSearchParams(params).toString();
          let request = caller.http[route.method.toLowerCase() as 'get'](`${concretePath(route.path, id)}${search ? `?${search}` : ''}`);
          for (const [name, value] of Object.entries(extraHeaders)) if (value !== undefined) request = request.set(name, value);
          // superagent serialises objects only for JSON content types; otherwise send the JSON text as is.
          const payload = 'json' in body ? JSON.stringify(body.json) : body.raw;
          if (!extraHeaders['Content-Type']) request = request.type('json');
          const response = await request.send(payload);
          seen.add(response.status);
          const label = `${caller.role} ${route.method} ${route.path} id=${id} → ${response.status}`;
          if (response.status >= 500) failures.push(`${label}: ${response.text.slice(0, 200)}`);
          const allowed = route.isPublic || (caller.role !== 'anonymous' && route.permission !== undefined && permissionsOf(caller.role).includes(route.permission));
          if (response.status < 300 && !allowed) failures.push(`${label}: answered ${response.status} to a caller without ${route.permission}`);
          const succeededWrite = response.status < 300 && route.method !== 'GET';
          if (!succeededWrite) {
            const after = await fingerprint();
            const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
            if (changed.length > 0) failures.push(`${label}: changed ${changed.join(', ')}`);
          }
          return failures.length === 0;
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(failures).toEqual([]);
    // The requests reached past authentication and validation into the handlers, not only the guard.
    expect([...seen]).toEqual(expect.arrayContaining([200, 400, 401, 403, 404]));
  }, 120_000);
});
