import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_FOLDER } from '../../src/database/project-folder.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';

const run = promisify(execFile);

/**
 * The README's first command as a new user runs it: a clone into a private folder (`mktemp -d`
 * is 0700; as root, the embedded PostgreSQL's `postgres` user cannot enter it). node_modules is
 * linked in file by file (`cp -al`) rather than installed again, to keep the test short.
 */
describe('npm start in a fresh clone in a private folder', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ehc-clone-'));
  const clone = join(folder, 'project');
  const output: string[] = [];
  let service: ChildProcess;
  let port: number;

  beforeAll(async () => {
    await run('git', ['clone', '--quiet', process.cwd(), clone]);
    await run('cp', ['-al', 'node_modules', join(clone, 'node_modules')]).catch(() => run('cp', ['-a', 'node_modules', join(clone, 'node_modules')]));
    await run('npm', ['run', 'build', '--silent'], { cwd: clone, timeout: 240_000 });
  }, 300_000);

  afterAll(() => {
    if (service?.exitCode === null) service.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    // As root the clone's default data is kept under the project's folder (README, Configuration).
    rmSync(join(PROJECT_FOLDER, 'data', folder), { recursive: true, force: true });
  });

  it('answers /api/health with 200, and stops with exit code 0 on SIGTERM', async () => {
    port = await freePort();
    const env = { PATH: process.env.PATH ?? '', PORT: String(port), EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'info' };
    // What `npm start` runs once it has built: node dist/src/main.js, here signalled directly.
    service = spawn(process.execPath, ['dist/src/main.js'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'] });
    service.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    service.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));

    const status = await eventually(() => health(service, port, output), '/api/health to answer', 150_000);
    expect(status).toBe(200);

    const exited = once(service, 'exit');
    service.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  }, 200_000);
});

async function health(service: ChildProcess, port: number, output: string[]): Promise<number | undefined> {
  if (service.exitCode !== null) throw new Error(`npm start exited with ${service.exitCode}:\n${output.join('')}`);
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).status;
  } catch {
    return undefined; // not listening yet
  }
}
