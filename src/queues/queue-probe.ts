import type { Queue } from 'bullmq';

/** Rejects unless the queue backend (Redis, or BullMQ's tables in PostgreSQL) answers a count within `ms`. */
export async function probeQueue(queue: Queue, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref();
  });
  try {
    await Promise.race([queue.getJobCounts('waiting'), late]);
  } finally {
    clearTimeout(timer);
  }
}
