import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE, PLAN_CASE_JOB } from '../../src/queues/queue-names.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

describe('OutboxRelay claims', () => {
  let t: TestApp;

  beforeAll(async () => {
    const prefix = `claims${randomBytes(4).toString('hex')}`;
    t = await createTestApp('2026-11-23', testDatabaseUrl(), { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', RUN_WORKERS: 'true', QUEUE_PREFIX: prefix });
    await t.reset();
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  it('leaves a row another relay holds, and relays one whose claim lapsed when its relay died', async () => {
    const held = `held-${randomUUID()}`;
    const lapsed = `lapsed-${randomUUID()}`;
    await t.db.query(
      `INSERT INTO outbox (queue, job_name, job_id, data, claimed_until) VALUES
         ($1, $2, $3, $5, now() + interval '1 hour'), ($1, $2, $4, $5, now() - interval '1 second')`,
      [ALERTS_QUEUE, PLAN_CASE_JOB, held, lapsed, JSON.stringify({ caseId: randomUUID() })],
    );
    const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));

    // The relay marks a row once the queue has taken its job: wait for the mark, not only for the job.
    const relayed = async () => (await t.db.query(`SELECT 1 FROM outbox WHERE job_id = $1 AND relayed_at IS NOT NULL`, [lapsed])).length > 0;
    await eventually(async () => ((await queue.getJob(lapsed)) && (await relayed()) ? true : undefined), 'the lapsed row to be relayed');
    const rows = await t.db.query(`SELECT job_id, relayed_at IS NOT NULL AS relayed, claimed_until IS NULL AS unclaimed FROM outbox ORDER BY job_id`);
    expect(rows).toEqual([
      { job_id: held, relayed: false, unclaimed: false },
      { job_id: lapsed, relayed: true, unclaimed: true },
    ]);
    expect(await queue.getJob(held)).toBeUndefined();
  });
});
