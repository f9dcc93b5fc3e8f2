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

/**
 * Moves outbox rows, written in the same transaction as the change that implied them, into
 * BullMQ. A row is marked relayed only after the queue accepted its job (with the row's
 * deterministic job id), so a queue backend that is down delays jobs but never loses them;
 * SKIP LOCKED lets every process run a relay without handing a row out twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues: Map<string, Queue>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
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

  /** Before the queues and the database close, let a relay in flight finish. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
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
        this.failures++;
        this.logger.warn(`Outbox relay failed (attempt ${this.failures}); will retry: ${error.message}`);
      })
      .finally(() => {
        this.running = undefined;
        this.schedule(this.failures === 0 ? IDLE_POLL_MS : Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures));
      });
  }

  private relayBatch(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, queue, job_name, job_id, data FROM outbox WHERE relayed_at IS NULL
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      await this.enqueue(rows);
      if (rows.length > 0) await tx.query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
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
