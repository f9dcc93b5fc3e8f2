import { afterAll, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { ALERTS_QUEUE } from '../../src/queues/queue-names.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

jest.setTimeout(60_000);
const TODAY = '2026-12-07';
const prefix = `ehctest${randomBytes(4).toString('hex')}`;
let reader: TestApp | undefined;
afterAll(() => reader?.close());

/**
 * Stopping the service (a deploy, a SIGTERM) while a change's re-planning job is in hand: the job
 * then adds the case's alerts to the queue. Nest closes queues and workers together, so the job
 * used to wait on its closed queue, and the stop on the job, for ever. The job is held in hand
 * here by a lock on the alert settings it reads, released once the stop has begun.
 */
it('finishes the job in hand before closing the queues, and stops', async () => {
  const t = await createTestApp(TODAY, testDatabaseUrl(), { RUN_WORKERS: 'true', QUEUE_PREFIX: prefix });
  await t.reset();
  const created = await createCase(t, { requestReceivedOn: '2026-10-26' });
  const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
  await eventually(async () => ((await queue.getJobCounts('active', 'waiting', 'delayed')).active === 0 ? true : undefined), 'the request’s own planning to finish');

  const holder = new pg.Client({ connectionString: testDatabaseUrl() });
  let inHand = '';
  await holder.connect();
  try {
    // The planning reads the authority's alert settings; nothing else here does.
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE alert_settings IN ACCESS EXCLUSIVE MODE');
    const declined = await postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-12-03', decision: 'decline', reasons: 'Needs can be met at SEN support.' });
    expect(declined.status).toBe(200);
    inHand = (await eventually(async () => (await queue.getActive())[0], 'the re-planning job to be in hand')).id!;
    const stopping = t.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await holder.query('COMMIT');
    await stopping;
  } finally {
    await holder.end();
  }

  reader = await createTestApp(TODAY, testDatabaseUrl(), { RUN_WORKERS: 'false', QUEUE_PREFIX: prefix });
  const planned = reader.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
  // The job in hand at the stop ran to its end; any job still waiting is left for the next start, as the queue keeps it.
  expect(await (await planned.getJob(inHand))?.getState()).toBe('completed');
  expect(await planned.getFailedCount()).toBe(0);
  await planned.obliterate({ force: true });
});
