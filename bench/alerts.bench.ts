/**
 * Alerts on both queue backends (BullMQ on PostgreSQL, then on Redis), through the real
 * application: the Nest application context with its workers, the planner, the notifications
 * service, the outbox and relay, on a throw-away database. For each backend:
 *  - notifications: BENCH_CASES cases whose 6-week decision is already breached appear at once
 *    (one transaction writing exactly what CasesService.create writes, outbox job included); the
 *    relay hands their plan-case jobs to the alert workers, and the time until that many
 *    `deadline_breach` notifications exist is printed, with the workers' time per call of the
 *    planner, the notifications service and the queue. With BENCH_PATHS=sweep,outbox the same
 *    is first done with the outbox jobs lost, so that the reconciliation sweep raises them.
 *    No SMTP or webhook is configured, so no deliveries are made.
 *  - lateness: BENCH_DELAYED_JOBS delayed jobs due at evenly spread times over the next
 *    BENCH_WINDOW_SECONDS, on the queue connection and prefix the app uses, consumed by a Worker
 *    with the alert processor's concurrency (the app is closed by then); lateness is the start
 *    of processing minus the due time.
 * Redis runs under a random QUEUE_PREFIX of its own, obliterated afterwards (the Redis is shared).
 * Usage: npm run bench:alerts   (BENCH_CASES=10000, BENCH_PATHS=outbox, BENCH_DELAYED_JOBS=2000,
 *   BENCH_WINDOW_SECONDS=60, BENCH_BACKENDS=postgres,redis, BENCH_REDIS_URL=redis://127.0.0.1:6379,
 *   BENCH_TIMEOUT_SECONDS=300 per wait, BENCH_KEEP=1 keeps the databases and the Redis keys)
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AlertPlanner } from '../src/alerts/alert-planner.service.js';
import { AlertsProcessor } from '../src/alerts/alerts.processor.js';
import { NotificationsService } from '../src/alerts/notifications.service.js';
import { AppModule } from '../src/app.module.js';
import { loadConfig, type AppConfig } from '../src/config/app-config.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { LocalAuthoritiesService } from '../src/local-authorities/local-authorities.service.js';
import { OutboxRelay } from '../src/queues/outbox.relay.js';
import { queueConnection } from '../src/queues/queue-connection.js';
import { ALERTS_QUEUE, DELIVERIES_QUEUE, SWEEP_JOB } from '../src/queues/queue-names.js';
import { seedBreachedCases } from './alerts-seed.js';
import { createBenchDatabase, percentile } from './bench-database.js';
import { delayedJobLateness } from './delayed-lateness.js';
import { runBench } from './bench-run.js';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const DELAYED_JOBS = Number(process.env.BENCH_DELAYED_JOBS ?? 2_000);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);
const TIMEOUT_SECONDS = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 300);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BACKENDS = (process.env.BENCH_BACKENDS ?? 'postgres,redis').split(',');
const PATHS = (process.env.BENCH_PATHS ?? 'outbox').split(',');
const KEEP = Boolean(process.env.BENCH_KEEP);
const LATENESS_QUEUE = 'bench-lateness';

type Backend = 'postgres' | 'redis';
type Path = 'outbox' | 'sweep';

/** Time spent per call in the methods a planned case goes through, summed over the workers. */
class Timings {
  private readonly totals = new Map<string, { calls: number; ms: number }>();

  wrap(target: object, method: string, label: string): void {
    const record = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const original = record[method].bind(target);
    record[method] = async (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return await original(...args);
      } finally {
        const total = this.totals.get(label) ?? { calls: 0, ms: 0 };
        this.totals.set(label, { calls: total.calls + 1, ms: total.ms + performance.now() - t0 });
      }
    };
  }

  reset(): void {
    this.totals.clear();
  }

  describe(): string {
    return [...this.totals].map(([label, t]) => `${label} ${t.calls} × ${(t.ms / t.calls).toFixed(2)} ms`).join(', ');
  }
}

async function startApp(config: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.register(config, databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}

async function breachCount(db: DataSource): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'deadline_breach'`);
  return n;
}

/** Polls until `target` breach notifications exist or the timeout passes; returns the seconds taken. */
async function timeUntilBreaches(db: DataSource, target: number, started: number): Promise<{ seconds: number; reached: number }> {
  const deadline = started + TIMEOUT_SECONDS * 1000;
  for (;;) {
    const reached = await breachCount(db);
    if (reached >= target || performance.now() > deadline) return { seconds: (performance.now() - started) / 1000, reached };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitUntilQueueIdle(queue: Queue): Promise<void> {
  const deadline = performance.now() + TIMEOUT_SECONDS * 1000;
  while (performance.now() < deadline) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
    if (counts.waiting + counts.active + counts.prioritized === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the ${queue.name} queue did not empty within ${TIMEOUT_SECONDS} s`);
}

function describeRate(name: string, raised: number, seconds: number, timings: Timings): void {
  const complete = raised >= CASES ? '' : `  (TIMED OUT: ${raised} of ${CASES})`;
  console.log(`  ${name.padEnd(38)} ${(raised / seconds).toFixed(0).padStart(5)} alerts/s   ${seconds.toFixed(1).padStart(6)} s for ${raised}${complete}`);
  console.log(`    worker time per call: ${timings.describe()}`);
}

/**
 * `outbox`: the cases' outbox jobs are there, and the relay (nudged, as after a change) hands
 * them to the plan-case workers. `sweep`: the jobs were lost (relayed to a Redis since wiped), so
 * the reconciliation sweep, one job as SweepSchedule adds it, must raise the alerts.
 */
async function timePath(app: INestApplicationContext, authority: LocalAuthority, path: Path, timings: Timings): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  const alerts = app.get<Queue>(getQueueToken(ALERTS_QUEUE));
  const before = await breachCount(db);
  let t0 = performance.now();
  await seedBreachedCases(db, authority, CASES, path === 'sweep');
  console.log(`  seeded ${CASES} cases with a breached decision in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  timings.reset();
  t0 = performance.now();
  if (path === 'sweep') await alerts.add(SWEEP_JOB, {});
  else app.get(OutboxRelay).nudge();
  const { seconds, reached } = await timeUntilBreaches(db, before + CASES, t0);
  describeRate(path === 'sweep' ? 'sweep: one job re-plans every case' : 'outbox: relay → plan-case jobs', reached - before, seconds, timings);
  await waitUntilQueueIdle(alerts);
}

async function notificationsRate(app: INestApplicationContext): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  const alerts = app.get<Queue>(getQueueToken(ALERTS_QUEUE));
  const authority = await app.get(LocalAuthoritiesService).ensure('BENCH', 'Bench authority');
  const timings = new Timings();
  timings.wrap(app.get(AlertPlanner), 'planCase', 'planCase');
  timings.wrap(app.get(NotificationsService), 'raise', 'raise');
  timings.wrap(alerts, 'addBulk', 'alerts.addBulk (planner and relay)');
  timings.wrap(alerts, 'remove', 'alerts.remove');
  await waitUntilQueueIdle(alerts); // the sweep every process runs at start, here over no cases
  // The sweep first: it re-plans every open case, so cases of the other path would slow it.
  for (const path of (['sweep', 'outbox'] as const).filter((p) => PATHS.includes(p))) await timePath(app, authority, path, timings);
  const [{ deliveries }] = await db.query(`SELECT count(*)::int AS deliveries FROM notification_delivery`);
  console.log(`  deliveries: ${deliveries} (no SMTP_URL and no webhook configured, so none are made)`);
}

function describeLateness(lateMs: number[], concurrency: number): void {
  const p99 = percentile(lateMs, 99);
  const missing = lateMs.length < DELAYED_JOBS ? `  (TIMED OUT: ${lateMs.length} of ${DELAYED_JOBS} fired)` : '';
  console.log(`  delayed-job lateness, ${DELAYED_JOBS} jobs over ${WINDOW_SECONDS} s, concurrency ${concurrency}:` +
    `   p50 ${percentile(lateMs, 50)} ms   p99 ${p99} ms   max ${lateMs.at(-1)} ms${missing}`);
  console.log(`    aim p99 < 1000 ms: ${p99 < 1000 && !missing ? 'met' : 'NOT met'}`);
}

/** Redis is shared with other people's tests: remove every key under this run's prefix. */
async function cleanRedis(connection: ConnectionOptions, prefix: string): Promise<void> {
  for (const name of [ALERTS_QUEUE, DELIVERIES_QUEUE, LATENESS_QUEUE]) {
    const queue = new Queue(name, { connection, prefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  const redis = new Redis(REDIS_URL);
  try {
    let left = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) left += await redis.unlink(...keys);
    }
    if (left > 0) console.log(`  removed ${left} Redis keys left under ${prefix}:`);
  } finally {
    redis.disconnect();
  }
}

async function benchBackend(backend: Backend): Promise<void> {
  const prefix = `ehcbench${randomBytes(4).toString('hex')}`;
  const database = await createBenchDatabase('ehc_alerts_bench');
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    LOCAL_AUTHORITY_CODE: 'BENCH',
    RUN_WORKERS: 'true',
    QUEUE_PREFIX: prefix,
    ...(backend === 'redis' ? { REDIS_URL } : {}),
  });
  // The machine may be shared: say how busy it was, so that the figures can be read in context.
  const where = backend === 'redis' ? `BullMQ on Redis (${REDIS_URL}, prefix ${prefix})` : 'BullMQ on PostgreSQL (schema bullmq of the app database)';
  console.log(`\n${where}, load average ${loadavg()[0].toFixed(1)}`);
  let app: INestApplicationContext | undefined;
  let concurrency = 0;
  try {
    app = await startApp(config, database.url);
    concurrency = app.get(AlertsProcessor).worker.concurrency;
    await notificationsRate(app);
    await app.close();
    app = undefined;
    const connection = queueConnection(config.queues, database.url);
    const lateMs = await delayedJobLateness({ connection, prefix, queue: LATENESS_QUEUE, concurrency, jobs: DELAYED_JOBS, windowSeconds: WINDOW_SECONDS });
    describeLateness(lateMs, concurrency);
  } finally {
    await app?.close();
    if (KEEP) console.log(`  kept ${database.url}${backend === 'redis' ? ` and Redis keys ${prefix}:*` : ''}`);
    else {
      if (backend === 'redis') await cleanRedis(queueConnection(config.queues, database.url), prefix);
      await database.drop();
    }
  }
}

async function main(): Promise<void> {
  for (const backend of BACKENDS) if (backend !== 'postgres' && backend !== 'redis') throw new Error(`BENCH_BACKENDS: unknown backend ${backend}`);
  for (const path of PATHS) if (path !== 'outbox' && path !== 'sweep') throw new Error(`BENCH_PATHS: unknown path ${path}`);
  console.log(`Alerts: ${CASES} decisions breached at once (${PATHS.join(', ')}), then ${DELAYED_JOBS} delayed jobs over ${WINDOW_SECONDS} s`);
  console.log(`node ${process.version}, ${cpus().length} cores`);
  for (const backend of BACKENDS) await benchBackend(backend as Backend);
}

runBench(main);
