import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from './queue-names.js';

interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  data: Record<string, unknown>;
}

const BATCH = 200;
const IDLE_POLL_MS = 250;
const MAX_BACKOFF_MS = 5_000;
/** A queue backend that is down can leave a call waiting for ever (ioredis queues it offline). */
const QUEUE_CALL_TIMEOUT_MS = 10_000;
/** Far longer than a bounded call, so a live relay's claim never lapses under it. */
const CLAIM_LEASE_SECONDS = 60;

/**
 * Moves outbox rows, written in the same transaction as the change that implied them, into
 * BullMQ. Rows are claimed with a lease in one short statement (SKIP LOCKED, so several relays
 * never take the same row), handed to the queue outside any transaction with a bounded wait, and
 * marked relayed only once the queue accepted them. A queue that is down delays jobs but never
 * loses them and holds no locks meanwhile; a relay that dies mid-call leaves a claim that lapses,
 * and the re-add is harmless because job ids are deterministic.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues: Map<string, Queue>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly stopping = new AbortController();
  private failures = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ALERTS_QUEUE) alerts: Queue,
    @InjectQueue(DELIVERIES_QUEUE) deliveries: Queue,
  ) {
    this.queues = new Map([
      [ALERTS_QUEUE, alerts],
      [DELIVERIES_QUEUE, deliveries],
    ]);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the queues and the database close: abandon a queue call in flight and release its claim. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopping.abort();
    await this.running;
  }

  /** Relay now rather than at the next poll: called after a change commits. */
  nudge(): void {
    if (!this.running && this.failures === 0) this.schedule(0);
  }

  /** Relays everything pending; returns how many rows were relayed. Exposed for tests and the sweep. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (let relayed = BATCH; relayed === BATCH; total += relayed) relayed = await this.relayBatch();
    return total;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    if (this.running || this.stopped) return;
    this.running = this.relayPending()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: Error) => {
        if (this.stopped) return;
        this.failures++;
        this.logger.warn(`Outbox relay failed (attempt ${this.failures}); will retry: ${error.message}`);
      })
      .finally(() => {
        this.running = undefined;
        this.schedule(this.failures === 0 ? IDLE_POLL_MS : Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures));
      });
  }

  private async relayBatch(): Promise<number> {
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    try {
      await this.bounded(this.enqueue(rows));
    } catch (error) {
      await this.release(rows);
      throw error;
    }
    await this.db.query(`UPDATE outbox SET relayed_at = now(), claimed_until = NULL WHERE id = ANY($1::bigint[])`, [ids(rows)]);
    return rows.length;
  }

  /** One statement, so its row locks last only as long as it does. */
  private async claim(): Promise<OutboxRow[]> {
    const [rows]: [OutboxRow[], number] = await this.db.query(
      `UPDATE outbox SET claimed_until = now() + make_interval(secs => $1)
       WHERE id IN (SELECT id FROM outbox WHERE relayed_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
                    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, queue, job_name, job_id, data`,
      [CLAIM_LEASE_SECONDS, BATCH],
    );
    return rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  /** Hands the rows back at once; if the database is unreachable too, the lease lapses instead. */
  private async release(rows: OutboxRow[]): Promise<void> {
    await this.db
      .query(`UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL`, [ids(rows)])
      .catch((error: Error) => this.logger.warn(`Could not release outbox claims; they lapse in ${CLAIM_LEASE_SECONDS} s: ${error.message}`));
  }

  /** Waits for the queue at most QUEUE_CALL_TIMEOUT_MS, and not at all once the process is stopping. */
  private bounded<T>(call: Promise<T>): Promise<T> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(QUEUE_CALL_TIMEOUT_MS)]);
    return new Promise<T>((resolve, reject) => {
      const abandon = () => reject(new Error(this.stopped ? 'stopping' : `the queue did not answer within ${QUEUE_CALL_TIMEOUT_MS} ms`));
      if (signal.aborted) return abandon();
      signal.addEventListener('abort', abandon, { once: true });
      call.then(resolve, reject).finally(() => signal.removeEventListener('abort', abandon));
    });
  }

  /** One bulk add per queue: a batch costs a round trip or two, not one per row. */
  private async enqueue(rows: OutboxRow[]): Promise<void> {
    for (const [name, queue] of this.queues) {
      const jobs = rows.filter((row) => row.queue === name).map((row) => ({ name: row.job_name, data: row.data, opts: { jobId: row.job_id } }));
      if (jobs.length > 0) await queue.addBulk(jobs);
    }
    // A row no queue can take would block every row behind it: log it and let it go.
    for (const row of rows.filter((r) => !this.queues.has(r.queue))) {
      this.logger.error(`Outbox row ${row.id} names an unknown queue "${row.queue}"; dropped`);
    }
  }
}

function ids(rows: OutboxRow[]): string[] {
  return rows.map((row) => row.id);
}
