import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { eventually } from '../support/eventually.js';

const silent = pino({ level: 'silent' });
const PORT = 54000 + (process.pid % 1000);

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe(startEmbeddedPostgres.name, () => {
  let dataDir: string;
  let first: EmbeddedDatabase;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ehc-embedded-'));
    chmodSync(dataDir, 0o755);
    first = await startEmbeddedPostgres(dataDir, PORT, silent);
  }, 120_000);

  afterAll(async () => {
    await first.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a real PostgreSQL with no server installed', async () => {
    const [row] = await query(first.url, 'SELECT current_database() AS name, version() AS version');
    expect(row.name).toBe('ehc');
    expect(row.version).toMatch(/^PostgreSQL \d+/);
  });

  it('refuses a second server on the same data folder with a clear message', async () => {
    await expect(startEmbeddedPostgres(dataDir, PORT + 1, silent)).rejects.toThrow(/already in use by another running server/);
    const [row] = await query(first.url, 'SELECT 1 AS alive');
    expect(row.alive).toBe(1);
  });

  it('refuses a port another server holds with a message naming the setting', async () => {
    const other = mkdtempSync(join(tmpdir(), 'ehc-embedded-'));
    chmodSync(other, 0o755);
    try {
      await expect(startEmbeddedPostgres(other, PORT, silent)).rejects.toThrow(/EMBEDDED_POSTGRES_PORT/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);
});

describe(`${startEmbeddedPostgres.name} after a crash`, () => {
  it('starts again over the stale lock a killed server left, with its data intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ehc-embedded-'));
    chmodSync(dataDir, 0o755);
    try {
      const crashed = await startEmbeddedPostgres(dataDir, PORT + 2, silent);
      await query(crashed.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES (\'before the crash\')');
      const lockFile = join(dataDir, 'postgres', 'postmaster.pid');
      const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      await eventually(async () => (isRunning(pid) ? undefined : true), 'the killed server to exit', 5_000);
      expect(existsSync(lockFile)).toBe(true);

      const restarted = await startEmbeddedPostgres(dataDir, PORT + 2, silent);
      try {
        expect(await query(restarted.url, 'SELECT note FROM kept')).toEqual([{ note: 'before the crash' }]);
      } finally {
        await restarted.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}


describe(`${startEmbeddedPostgres.name} as root`, () => {
  const asRoot = userInfo().uid === 0 ? it : it.skip;

  asRoot('refuses a DATA_DIR the postgres user cannot reach, naming the private folder, and leaves its mode alone', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'ehc-private-'));
    try {
      await expect(startEmbeddedPostgres(join(privateDir, 'data'), PORT + 3, silent)).rejects.toThrow(
        new RegExp(`because ${privateDir} is private to root: set DATA_DIR`),
      );
      expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(privateDir, { recursive: true, force: true });
    }
  });
});
