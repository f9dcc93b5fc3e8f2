import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { previewOpenApiDocument } from '../../src/openapi/openapi-preview.js';
import { TEST_USER } from '../support/auth.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const ROOT = process.cwd();
const PROGRAM = join(ROOT, 'test/client/program/record-case.ts');
const TODAY = '2026-11-20';
/** Generating, compiling and running the client takes about 10 s on an idle machine; much longer on a busy one. */
const CLIENT_TIMEOUT_MS = 120_000;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  security?: Record<string, string[]>[];
}

/** The served document's operations, each with a path whose parameters are filled in. */
function operations(document: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method,
      path: path.replace(/\{[^}]+\}/g, '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d'),
      operation: item[method]!,
    })),
  );
}

/** The TypeScript compiler's errors for each file, as a client project compiling against the generated types sees them. */
function compile(files: string[], outDir: string): Map<string, string[]> {
  const program = ts.createProgram(files, {
    strict: true,
    target: ts.ScriptTarget.ES2023,
    // Node's own types declare fetch; leaving out the DOM library saves a third of the compile.
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    typeRoots: [join(outDir, 'node_modules/@types')],
    skipLibCheck: true,
    outDir,
  });
  program.emit();
  const errors = new Map(files.map((file) => [file, [] as string[]]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    // An error in the generated types themselves counts against the program.
    const file = diagnostic.file && errors.has(diagnostic.file.fileName) ? diagnostic.file.fileName : files[0];
    errors.get(file)!.push(text);
  }
  return errors;
}

describe('the OpenAPI document, as a client generator reads it', () => {
  let t: TestApp;
  let baseUrl: string;
  let served: Record<string, unknown> & Parameters<typeof operations>[0];

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    served = (await t.http.get('/api/docs/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('says which operations need the bearer token, as the access guard answers an anonymous request', async () => {
    const all = operations(served);
    expect(all.length).toBeGreaterThan(30);
    for (const { method, path, operation } of all) {
      const answer = await t.anonymous[method](path);
      const refused = answer.status === 401 && answer.body.code === 'UNAUTHENTICATED';
      expect({ route: `${method} ${path}`, security: operation.security, refused }).toEqual({
        route: `${method} ${path}`,
        security: refused ? [{ bearer: [] }] : [],
        refused,
      });
    }
    expect(served.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
  });

  it('is the document npm run lint:openapi lints, and has no error under Redocly’s recommended rules', async () => {
    expect(served).toEqual(await previewOpenApiDocument());
    const dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    try {
      await writeFile(join(dir, 'openapi.json'), JSON.stringify(served));
      const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
      // Exits non-zero on any error; its report is then the failure's message.
      await run(join(ROOT, 'node_modules/.bin/redocly'), ['lint', join(dir, 'openapi.json'), '--config', join(ROOT, 'redocly.yaml'), '--format', 'summary'], { env });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('generates types that a client program compiles against, and that program signs in, creates a case and records an event', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'openapi-client-'));
    try {
      await writeFile(join(dir, 'api.ts'), astToString(await openapiTS(new URL(`${baseUrl}/api/docs/openapi.json`))));
      await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      await copyFile(PROGRAM, join(dir, 'record-case.ts'));
      // Wrong copies prove the types are not `any`: a path the API does not have, a field it does not
      // take, and an event body under another event's type (each body's own `type`, case-event.dto.ts).
      const source = await readFile(PROGRAM, 'utf8');
      const wrong = {
        'wrong-path.ts': [source.replace("'/api/cases/{id}/events'", "'/api/cases/{id}/event'"), /\/api\/cases\/\{id\}\/event/],
        'wrong-field.ts': [source.replace("assigneeId: 'caseworker-jo'", "assignedTo: 'caseworker-jo'"), /assignedTo/],
        'wrong-type.ts': [source.replace("type: 'ASSIGNED'", "type: 'WITHDRAWN'"), /WITHDRAWN/],
      } as const;
      for (const [file, [text]] of Object.entries(wrong)) await writeFile(join(dir, file), text);

      const errors = compile(['record-case.ts', ...Object.keys(wrong)].map((file) => join(dir, file)), dir);
      expect(errors.get(join(dir, 'record-case.ts'))).toEqual([]);
      for (const [file, [, message]] of Object.entries(wrong)) expect(errors.get(join(dir, file))!.join('\n')).toMatch(message);

      const env = { ...process.env, NODE_OPTIONS: '' };
      const { stdout } = await run(process.execPath, [join(dir, 'record-case.js'), baseUrl, TEST_USER.email, TEST_USER.password, TODAY], { env });
      const printed = JSON.parse(stdout) as { caseId: string; version: number; assignee: string };
      expect(printed).toMatchObject({ version: 2, assignee: 'caseworker-jo' });

      const stored = await t.http.get(`/api/cases/${printed.caseId}`);
      expect(stored.body).toMatchObject({ id: printed.caseId, assignee: 'caseworker-jo', requestReceivedOn: TODAY, child: { givenName: 'Amara' } });
      const trail = await t.http.get(`/api/cases/${printed.caseId}/events`);
      expect(trail.body.map((event: { type: string; actor: string }) => [event.type, event.actor])).toContainEqual(['ASSIGNED', TEST_USER.email]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, CLIENT_TIMEOUT_MS);
});
