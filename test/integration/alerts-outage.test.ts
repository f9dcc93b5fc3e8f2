import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { DisposableRedis } from '../support/redis-server.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

describe('Alerts when Redis is down', () => {
  let redis: DisposableRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await DisposableRedis.start();
    t = await createTestApp('2026-11-23', testDatabaseUrl(), { REDIS_URL: redis.url, RUN_WORKERS: 'true', QUEUE_PREFIX: 'outage' });
    await t.reset();
  }, 60_000);
  afterAll(async () => {
    await redis.resume().catch(() => undefined);
    await t.close();
    await redis.stop();
  }, 60_000);

  it('records the change while Redis is stopped, and raises its alert once Redis is back', async () => {
    expect((await t.http.get('/api/health')).status).toBe(200);
    await redis.stop();
    const down = await t.http.get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body.details.queues.status).toBe('down');
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    const [{ pending }] = await t.db.query(`SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`);
    expect(pending).toBe(1);
    const [{ count: before }] = await t.db.query(`SELECT count(*)::int AS count FROM notification WHERE case_id = $1`, [id]);
    expect(before).toBe(0);

    await redis.resume();
    await eventually(async () => ((await t.http.get('/api/health')).status === 200 ? true : undefined), 'health to recover');
    const alerts = await eventually(async () => {
      const rows = await t.db.query(`SELECT kind, deadline FROM notification WHERE case_id = $1`, [id]);
      return rows.length > 0 ? rows : undefined;
    }, 'the breach alert after Redis restarts', 60_000);
    expect(alerts).toEqual([{ kind: 'deadline_breach', deadline: 'decisionToAssess' }]);
  }, 90_000);
});
