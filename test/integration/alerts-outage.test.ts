import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createPostgresBackend, Queue } from 'bullmq';
import pg from 'pg';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { DisposableRedis } from '../support/redis-server.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { onTestServer } from '../support/test-database.js';

/** The test's own session that holds BullMQ's tables locked, idle in its transaction on purpose. */
const LOCKER = 'outage-locker';

/** A queue backend the test can take away and bring back while the application runs. */
interface QueueOutage {
  /** The settings that point the application's queues at this backend. */
  env: Record<string, string>;
  stop(): Promise<void>;
  resume(): Promise<void>;
  dispose(): Promise<void>;
}

/** A Redis server of the test's own, killed and started again (empty: a wiped Redis too). */
async function redisOutage(): Promise<QueueOutage> {
  const redis = await DisposableRedis.start();
  return { env: { REDIS_URL: redis.url }, stop: () => redis.stop(), resume: () => redis.resume(), dispose: () => redis.stop() };
}

/**
 * BullMQ's PostgreSQL backend with its tables locked by another session: every queue statement
 * fails after a short lock timeout (set on the test database before the application connects), so
 * the relay cannot hand jobs over, while the application's own statements go on. Cutting the
 * backend's sockets instead can send BullMQ 6.7's worker loop into a busy spin that starves the
 * process (README, "Known issues").
 */
async function postgresQueueOutage(): Promise<QueueOutage> {
  const database = new URL(testDatabaseUrl()).pathname.slice(1);
  await migrateQueueTables();
  await onTestServer(`ALTER DATABASE ${database} SET lock_timeout = '500ms'`);
  let locker: pg.Client | undefined;
  const resume = async () => {
    await locker?.end();
    locker = undefined;
  };
  return {
    env: {},
    stop: async () => {
      locker = new pg.Client({ connectionString: testDatabaseUrl(), options: '-c lock_timeout=0', application_name: LOCKER });
      await locker.connect();
      await locker.query('BEGIN');
      const tables: { name: string }[] = (await locker.query(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = 'bullmq'`)).rows;
      await locker.query(`LOCK TABLE ${tables.map((t) => t.name).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    },
    resume,
    dispose: async () => {
      await resume();
      await onTestServer(`ALTER DATABASE ${database} RESET lock_timeout`);
    },
  };
}

const OUTAGES = [
  ['Redis', redisOutage],
  ['BullMQ\'s PostgreSQL backend', postgresQueueOutage],
] as const;

function startApp(outage: QueueOutage, prefix: string): Promise<TestApp> {
  return createTestApp('2026-11-23', testDatabaseUrl(), { ...outage.env, RUN_WORKERS: 'true', QUEUE_PREFIX: prefix });
}

/**
 * BullMQ creates its tables when a queue first connects; done under the outage's short lock
 * timeout, the application's two queues migrating at once could time each other out.
 */
async function migrateQueueTables(): Promise<void> {
  const queue = new Queue('outage-migrate', { connection: { connectionString: testDatabaseUrl(), migrate: true } }, createPostgresBackend);
  await queue.waitUntilReady();
  await queue.close();
}

describe.each(OUTAGES)('Alerts when %s is down', (_, startOutage) => {
  let outage: QueueOutage;
  let t: TestApp;

  beforeAll(async () => {
    outage = await startOutage();
    const prefix = `outage${randomBytes(4).toString('hex')}`;
    t = await createTestApp('2026-11-23', testDatabaseUrl(), { ...outage.env, RUN_WORKERS: 'true', QUEUE_PREFIX: prefix });
    await t.reset();
  }, 60_000);
  afterAll(async () => {
    await outage.resume().catch(() => undefined);
    await t.close();
    await outage.dispose();
  }, 120_000);

  it('records the change while the queues are unreachable, and raises its alert once they are back', async () => {
    expect((await t.http.get('/api/health')).status).toBe(200);
    await outage.stop();
    const down = await t.http.get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body.details.queues.status).toBe('down');
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`);
    expect(pending).toBe(1);
    const [{ count: before }] = await t.db.query(`SELECT count(*)::int AS count FROM notification WHERE case_id = $1`, [id]);
    expect(before).toBe(0);

    await outage.resume();
    await eventually(async () => ((await t.http.get('/api/health')).status === 200 ? true : undefined), 'health to recover');
    const alerts = await eventually(async () => {
      const rows = await t.db.query(`SELECT kind, deadline FROM notification WHERE case_id = $1`, [id]);
      return rows.length > 0 ? rows : undefined;
    }, 'the breach alert after the queues come back', 60_000);
    expect(alerts).toEqual([{ kind: 'deadline_breach', deadline: 'decisionToAssess' }]);
  }, 90_000);
});

/** Sessions of the test database (other than the test's locker) idle inside a transaction for over a second. */
async function longIdleTransactions(t: TestApp): Promise<number> {
  const [{ count }] = await t.db.query(
    `SELECT count(*)::int AS count FROM pg_stat_activity
     WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND application_name <> $1
       AND state_change < now() - interval '1 second'`,
    [LOCKER],
  );
  return count;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe.each(OUTAGES)('The outbox relay while %s is down', (_, startOutage) => {
  let outage: QueueOutage;
  let t: TestApp | undefined;
  let recovered: TestApp | undefined;
  const prefix = `relay${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    outage = await startOutage();
  }, 60_000);
  afterAll(async () => {
    await within(t?.close() ?? Promise.resolve(), 20_000, 'stopping the first application').catch(() => undefined);
    await recovered?.close();
    await outage.dispose();
  }, 60_000);

  it('holds no transaction open, lets the application stop, and relays the alert once after recovery', async () => {
    const first = await startApp(outage, prefix);
    t = first;
    await first.reset();
    await outage.stop();
    const { id } = await createCase(first, { requestReceivedOn: '2026-10-11' });

    // Watch the relay retry through the outage: a session held idle in transaction would keep
    // row locks and hold back vacuum for as long as the outage lasts.
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      seen.push(await longIdleTransactions(first));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(Math.max(...seen)).toBe(0);
    t = undefined;
    await within(first.close(), 20_000, 'stopping the application during the outage');

    await outage.resume();
    recovered = await startApp(outage, prefix);
    const app = recovered;
    await eventually(async () => ((await app.db.query(`SELECT 1 FROM outbox WHERE relayed_at IS NULL`)).length === 0 ? true : undefined), 'the outbox to drain', 60_000);
    const alerts = await eventually(async () => {
      const rows = await app.db.query(`SELECT kind, deadline FROM notification WHERE case_id = $1`, [id]);
      return rows.length > 0 ? rows : undefined;
    }, 'the breach alert after the queues come back', 60_000);
    await app.db.query(`SELECT pg_sleep(1)`);
    expect(await app.db.query(`SELECT kind, deadline FROM notification WHERE case_id = $1`, [id])).toEqual(alerts);
    expect(alerts).toEqual([{ kind: 'deadline_breach', deadline: 'decisionToAssess' }]);
  }, 120_000);
});
