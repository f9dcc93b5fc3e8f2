import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { DisposableRedis } from '../support/redis-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

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

/** BullMQ's PostgreSQL backend reached through a relay that is cut: its connections fail, the application's do not. */
async function postgresQueueOutage(): Promise<QueueOutage> {
  const proxy = await TcpProxy.start(testDatabaseUrl());
  return { env: { QUEUE_DATABASE_URL: proxy.url(testDatabaseUrl()) }, stop: () => proxy.cut(), resume: () => proxy.restore(), dispose: () => proxy.cut() };
}

describe.each([
  ['Redis', redisOutage],
  ['the PostgreSQL queue backend', postgresQueueOutage],
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
