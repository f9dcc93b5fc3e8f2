/**
 * How late BullMQ starts delayed jobs, for the alerts benchmark: jobs due at evenly spread times
 * over a window, each recording when a Worker started it against the due time in its data.
 */
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';

/** Jobs due in less than this are not spread: adding 2,000 jobs takes a moment itself. */
const LEAD_MS = 3_000;

export interface LatenessOptions {
  connection: ConnectionOptions;
  prefix: string;
  queue: string;
  concurrency: number;
  jobs: number;
  windowSeconds: number;
}

/**
 * Each job's lateness in ms, sorted: the start of processing minus the due time put in its data
 * (BullMQ zeroes `job.delay` when it promotes a delayed job, so that cannot serve). Fewer than
 * `jobs` figures if some had not fired a minute after the window closed.
 */
export async function delayedJobLateness(options: LatenessOptions): Promise<number[]> {
  const { connection, prefix, concurrency, jobs, windowSeconds } = options;
  const lateMs: number[] = [];
  const worker = new Worker<{ dueAt: number }>(options.queue, async (job) => {
    lateMs.push(Date.now() - job.data.dueAt);
  }, { connection, prefix, concurrency });
  const queue = new Queue(options.queue, { connection, prefix });
  try {
    await worker.waitUntilReady();
    const start = Date.now() + LEAD_MS;
    const step = (windowSeconds * 1000 - LEAD_MS) / jobs;
    for (let first = 0; first < jobs; first += 500) {
      const now = Date.now();
      const batch = Array.from({ length: Math.min(500, jobs - first) }, (_, i) => {
        const dueAt = Math.round(start + (first + i) * step);
        return { name: 'due', data: { dueAt }, opts: { delay: Math.max(0, dueAt - now), removeOnComplete: true } };
      });
      await queue.addBulk(batch);
    }
    const deadline = performance.now() + (windowSeconds + 60) * 1000;
    while (lateMs.length < jobs && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  } finally {
    await worker.close();
    await queue.close();
  }
  return lateMs.sort((a, b) => a - b);
}
