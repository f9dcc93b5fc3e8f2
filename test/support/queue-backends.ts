import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from '../../src/queues/queue-names.js';
import { eventually } from './eventually.js';

/** Each queue backend the application runs on, with the settings that select it: alert tests run on both. */
export const QUEUE_BACKENDS = [
  ['PostgreSQL', {}],
  ['Redis', { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' }],
] as const;

/**
 * Removes the jobs still waiting or delayed and waits for those in hand to finish: a job of an
 * earlier test must not reach the next one, and closing the application under a job in hand waits for it.
 */
export async function emptyQueues(app: INestApplication): Promise<void> {
  for (const name of [ALERTS_QUEUE, DELIVERIES_QUEUE]) {
    const queue = app.get<Queue>(getQueueToken(name));
    for (const job of await queue.getJobs(['delayed', 'waiting', 'prioritized'])) await job?.remove().catch(() => undefined);
    await eventually(async () => ((await queue.getActiveCount()) === 0 ? true : undefined), `${name} to finish its active jobs`);
  }
}
