import type { EntityManager } from 'typeorm';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import { DEADLINE_COLUMNS, type DeadlineChanges } from '../limits/deadline-rows.js';
import { ALERTS_QUEUE } from '../queues/queue-names.js';
import type { ProcessTables } from './process-tables.js';
import { preparedQuery } from './prepared-query.js';

export interface NewEvent {
  type: string;
  occurredOn: string;
  actor: string;
  machineVersion: number;
  payload: Record<string, unknown>;
}

/** A correction: the event it supersedes and why (the correcting event is the one written with it). */
export interface Supersession {
  seq: number;
  reason: string;
}

export interface Written {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const WRITTEN_COLUMNS = 'RETURNING id, local_authority_id, version, created_at, updated_at';

/** What every transition of a process changes on its row. */
export interface ProcessRowUpdate {
  snapshot: unknown;
  status: string;
  machineVersion: number;
  assigneeId: string | null;
  nextDueOn: string | null;
}

/**
 * Writes a transition of any process: its row, only if still at `current.version`, with the event,
 * deadline rows, supersession and access-log line of writeWithEventAndDeadlines. The record as
 * written, or null when somebody wrote first.
 */
export async function updateProcess<R extends { id: string; version: number; updatedAt: Date }, U extends ProcessRowUpdate>(
  db: EntityManager,
  tables: ProcessTables,
  current: R,
  update: U,
  event: NewEvent,
  deadlines: DeadlineChanges,
  supersession?: Supersession,
  reader?: ChildDataReader,
): Promise<(R & U) | null> {
  const sql = `UPDATE ${tables.table} SET snapshot = $3, status = $4, machine_version = $5, assignee_id = $6, next_due_on = $7,
      version = version + 1, updated_at = now()
    WHERE id = $1 AND version = $2 ${WRITTEN_COLUMNS}`;
  const params = [current.id, current.version, update.snapshot, update.status, update.machineVersion, update.assigneeId, update.nextDueOn];
  const [written] = await writeWithEventAndDeadlines(db, tables, sql, params, event, deadlines, supersession, reader);
  return written ? { ...current, ...update, version: written.version, updatedAt: written.updated_at } : null;
}

/**
 * Runs `writeProcess` (an INSERT or UPDATE of the process row … RETURNING WRITTEN_COLUMNS) and,
 * only for the row it wrote, appends the event as `seq = version`, records the supersession it
 * makes, upserts and deletes the deadline rows and, when any deadline changed, puts a job in the
 * outbox to re-plan the process's alerts (with the old targets, so their jobs are removed) and,
 * given a `reader`, writes the access-log line for the record the caller answers with: one
 * statement, so all or nothing, and only if the version the change was computed from still holds.
 */
export async function writeWithEventAndDeadlines(
  db: EntityManager,
  tables: ProcessTables,
  writeProcess: string,
  params: unknown[],
  event: NewEvent,
  { changed: deadlines, removed, previous }: DeadlineChanges,
  supersession?: Supersession,
  reader?: ChildDataReader,
): Promise<Written[]> {
  const { eventTable, deadlineTable, idColumn } = tables;
  const values = [...params];
  const param = (value: unknown, type?: string): string => {
    values.push(value);
    return type ? `$${values.length}::${type}` : `$${values.length}`;
  };
  const [type, occurredOn, actor, machineVersion, payload] = [event.type, event.occurredOn, event.actor, event.machineVersion, event.payload].map((v) => param(v));
  const columns = DEADLINE_COLUMNS.map(([column]) => column);
  const arrays = DEADLINE_COLUMNS.map(([, field, sqlType]) => param(deadlines.map((row) => row[field]), `${sqlType}[]`));
  const removedNames = param(removed, 'text[]');
  const superseded = `superseded AS (
      INSERT INTO ${tables.supersessionTable} (${idColumn}, seq, superseded_by_seq, local_authority_id, reason, actor)
      SELECT id, ${param(supersession?.seq ?? null, 'int')}, version, local_authority_id, ${param(supersession?.reason ?? null, 'text')}, ${actor}
      FROM written WHERE $${values.length - 1}::int IS NOT NULL),`;
  const sql = `WITH written AS (${writeProcess}),
    appended AS (
      INSERT INTO ${eventTable} (${idColumn}, seq, local_authority_id, type, occurred_on, actor, machine_version, payload)
      SELECT id, version, local_authority_id, ${type}, ${occurredOn}, ${actor}, ${machineVersion}, ${payload} FROM written),
    deadlines AS (
      INSERT INTO ${deadlineTable} (${idColumn}, local_authority_id, ${columns.join(', ')})
      SELECT written.id, written.local_authority_id, row.* FROM written, unnest(${arrays.join(', ')}) AS row
      ON CONFLICT (${idColumn}, name) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}),
    removed AS (
      DELETE FROM ${deadlineTable} d USING written WHERE d.${idColumn} = written.id AND d.name = ANY(${removedNames})),
    ${superseded}
    outboxed AS (
      INSERT INTO outbox (queue, job_name, job_id, data)
      SELECT '${ALERTS_QUEUE}', '${tables.alertJob}', '${tables.alertJob}.' || written.id || '.' || written.version,
             jsonb_build_object('${tables.jobKey}', written.id, 'previous', ${param(JSON.stringify(previous.map(({ name, targetOn }) => ({ name, targetOn }))), 'jsonb')})
      FROM written WHERE cardinality(${arrays[0]}) > 0 OR cardinality(${removedNames}) > 0),
    logged AS (
      INSERT INTO access_log (local_authority_id, user_id, actor, action, route, ${idColumn})
      SELECT local_authority_id, ${param(reader?.userId ?? null, 'uuid')}, ${param(reader?.actor ?? null, 'text')}, ${param(reader?.action ?? null, 'text')}, ${param(reader?.route ?? null, 'text')}, id
      FROM written WHERE $${values.length - 1}::text IS NOT NULL)
    SELECT id, version, created_at, updated_at FROM written`;
  return preparedQuery<Written>(db, sql, values);
}
