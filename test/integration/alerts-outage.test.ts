import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { DisposableRedis } from '../support/redis-server.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { onTestServer } from '../support/test-database.js';

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
  await onTestServer(`ALTER DATABASE ${database} SET lock_timeout = '500ms'`);
  let locker: pg.Client | undefined;
  const resume = async () => {
    await locker?.end();
    locker = undefined;
  };
  return {
    env: {},
    stop: async () => {
      locker = new pg.Client({ connectionString: testDatabaseUrl(), options: '-c lock_timeout=0' });
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

describe.each([
  ['Redis', redisOutage],
  ['BullMQ\'s PostgreSQL backend', postgresQueueOutage],
])('Alerts when %s is down', (_, startOutage) => {
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
