import type { EntityManager } from 'typeorm';

export interface OutboxJob {
  queue: string;
  name: string;
  /** Deterministic, and free of ':' (BullMQ reserves it). */
  jobId: string;
  data: Record<string, unknown>;
}

/** Writes jobs to the outbox inside the caller's transaction; the relay moves them to BullMQ. */
export async function addToOutbox(tx: EntityManager, jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await tx.query(
    `INSERT INTO outbox (queue, job_name, job_id, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
    [jobs.map((j) => j.queue), jobs.map((j) => j.name), jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.data))],
  );
}
