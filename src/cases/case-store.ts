import type { EntityManager } from 'typeorm';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import type { CaseStatus, IsoDate, PersistedCaseSnapshot, RequestSource } from '../../workflows/ehc-needs-assessment/index.js';
import { NotFoundError } from '../common/domain-error.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { DeadlineChanges, DeadlineRow } from './case-deadlines.js';
import { ALERTS_QUEUE, PLAN_CASE_JOB } from '../queues/queue-names.js';
import { EhcCase } from './ehc-case.entity.js';

export interface NewEvent {
  type: string;
  occurredOn: IsoDate;
  actor: string;
  machineVersion: number;
  payload: Record<string, unknown>;
}

/** A correction: the event it supersedes and why (the correcting event is the one written with it). */
export interface Supersession {
  seq: number;
  reason: string;
}

export interface CaseUpdate {
  snapshot: PersistedCaseSnapshot;
  status: CaseStatus;
  machineVersion: number;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
}

export interface NewCase extends CaseUpdate {
  localAuthorityId: string;
  reference: string;
  machineId: string;
  childGivenName: string;
  childFamilyName: string;
  childDateOfBirth: IsoDate;
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
}

export interface StoredCase {
  record: EhcCase;
  deadlines: DeadlineRow[];
}

interface Written {
  id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const WRITTEN_COLUMNS = 'RETURNING id, local_authority_id, version, created_at, updated_at';

/** Named rather than `c.*`, so a prepared read keeps its shape when a migration adds a column. */
const CASE_COLUMNS = ['id', 'local_authority_id', 'reference', 'machine_id', 'machine_version', 'snapshot', 'status', 'version', 'child_given_name',
  'child_family_name', 'child_date_of_birth', 'request_received_on', 'request_source', 'assignee_id', 'next_due_on', 'created_at', 'updated_at']
  .map((column) => `c.${column}`).join(', ');

/** A case_deadline row `d` as a DeadlineRow (LimitRecord). */
const DEADLINE_ROW_JSON = `json_build_object('name', d.name, 'role', d.role, 'dueOn', d.due_on, 'metOn', d.met_on, 'open', d.open,
  'closedOn', d.closed_on, 'excepted', d.excepted, 'held', d.held, 'revisedTarget', d.revised_target, 'targetOn', d.target_on,
  'statutory', d.statutory, 'regulation', d.regulation, 'noticeAssumed', d.notice_assumed)`;

/** The columns written for each deadline row, with the array type each is sent as. */
const DEADLINE_COLUMNS: readonly [column: string, field: keyof DeadlineRow, type: string][] = [
  ['name', 'name', 'text'], ['role', 'role', 'text'], ['due_on', 'dueOn', 'date'], ['met_on', 'metOn', 'date'], ['open', 'open', 'boolean'],
  ['closed_on', 'closedOn', 'date'], ['excepted', 'excepted', 'boolean'], ['held', 'held', 'boolean'], ['revised_target', 'revisedTarget', 'date'],
  ['target_on', 'targetOn', 'date'], ['statutory', 'statutory', 'boolean'], ['regulation', 'regulation', 'text'], ['notice_assumed', 'noticeAssumed', 'boolean'],
];

/**
 * The SQL of the case records. A case row, its event and its changed deadline rows are
 * written by ONE statement (data-modifying CTEs), so they commit or fail together, and the
 * update only applies if the version is still the one the change was computed from.
 */
export const caseStore = {
  /** The case and its stored deadline rows in one round trip; `forUpdate` also locks the row. */
  async read(db: EntityManager, localAuthorityId: string, caseId: string, forUpdate = false): Promise<StoredCase> {
    const rows = await preparedQuery<Record<string, any>>(
      db,
      `SELECT ${CASE_COLUMNS}, COALESCE((SELECT json_agg(${DEADLINE_ROW_JSON}) FROM case_deadline d WHERE d.case_id = c.id), '[]') AS deadline_rows
       FROM ehc_case c WHERE c.id = $1 AND c.local_authority_id = $2 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [caseId, localAuthorityId],
    );
    if (rows.length === 0) throw new NotFoundError('case', caseId);
    return { record: caseFromRow(rows[0]), deadlines: rows[0].deadline_rows };
  },

  /** Per authority and year: `EHC-2026-000042`. The counter row serialises concurrent creations. */
  async allocateReference(db: EntityManager, localAuthorityId: string, year: number): Promise<string> {
    const [{ last_number: number }] = await db.query(
      `INSERT INTO case_reference_counter (local_authority_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (local_authority_id, year) DO UPDATE SET last_number = case_reference_counter.last_number + 1
       RETURNING last_number`,
      [localAuthorityId, year],
    );
    return `EHC-${year}-${String(number).padStart(6, '0')}`;
  },

  async insert(db: EntityManager, created: NewCase, event: NewEvent, deadlines: DeadlineRow[]): Promise<EhcCase> {
    const insertCase = `INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
        child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, assignee_id, next_due_on)
      VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13) ${WRITTEN_COLUMNS}`;
    const params = [
      created.localAuthorityId, created.reference, created.machineId, created.machineVersion, created.snapshot, created.status,
      created.childGivenName, created.childFamilyName, created.childDateOfBirth, created.requestReceivedOn, created.requestSource,
      created.assigneeId, created.nextDueOn,
    ];
    const [written] = await writeWithEventAndDeadlines(db, insertCase, params, event, { changed: deadlines, removed: [], previous: [] });
    return Object.assign(new EhcCase(), { ...created, id: written.id, version: written.version, createdAt: written.created_at, updatedAt: written.updated_at });
  },

  /**
   * Returns the case as written, or null when its version is no longer `current.version`.
   * With `supersession`, the event written is the correction that supersedes that event.
   */
  async update(
    db: EntityManager,
    current: EhcCase,
    update: CaseUpdate,
    event: NewEvent,
    deadlines: DeadlineChanges,
    supersession?: Supersession,
    reader?: ChildDataReader,
  ): Promise<EhcCase | null> {
    const updateCase = `UPDATE ehc_case SET snapshot = $3, status = $4, machine_version = $5, assignee_id = $6, next_due_on = $7,
        version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 ${WRITTEN_COLUMNS}`;
    const params = [current.id, current.version, update.snapshot, update.status, update.machineVersion, update.assigneeId, update.nextDueOn];
    const [written] = await writeWithEventAndDeadlines(db, updateCase, params, event, deadlines, supersession, reader);
    return written ? { ...current, ...update, version: written.version, updatedAt: written.updated_at } : null;
  },
};

/**
 * Runs `writeCase` (an INSERT or UPDATE of ehc_case … RETURNING) and, only for the row it
 * wrote, appends the event as `seq = version`, records the supersession it makes, upserts and
 * deletes the deadline rows and, when any deadline changed, puts a job in the outbox to re-plan
 * the case's alerts (with the old targets, so their jobs are removed) and, given a `reader`,
 * writes the access-log line for the case the caller answers with: all or nothing.
 */
async function writeWithEventAndDeadlines(
  db: EntityManager,
  writeCase: string,
  params: unknown[],
  event: NewEvent,
  { changed: deadlines, removed, previous }: DeadlineChanges,
  supersession?: Supersession,
  reader?: ChildDataReader,
): Promise<Written[]> {
  const e = params.length;
  const d = e + 5;
  const o = d + DEADLINE_COLUMNS.length;
  const columns = DEADLINE_COLUMNS.map(([column]) => column);
  const arrays = DEADLINE_COLUMNS.map(([, , type], i) => `$${d + i + 1}::${type}[]`).join(', ');
  const sql = `WITH written AS (${writeCase}),
    appended AS (
      INSERT INTO case_event (case_id, seq, local_authority_id, type, occurred_on, actor, machine_version, payload)
      SELECT id, version, local_authority_id, $${e + 1}, $${e + 2}, $${e + 3}, $${e + 4}, $${e + 5} FROM written),
    deadlines AS (
      INSERT INTO case_deadline (case_id, local_authority_id, ${columns.join(', ')})
      SELECT written.id, written.local_authority_id, row.* FROM written, unnest(${arrays}) AS row
      ON CONFLICT (case_id, name) DO UPDATE SET ${columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}),
    removed AS (
      DELETE FROM case_deadline d USING written WHERE d.case_id = written.id AND d.name = ANY($${o + 2}::text[])),
    superseded AS (
      INSERT INTO case_event_supersession (case_id, seq, superseded_by_seq, local_authority_id, reason, actor)
      SELECT id, $${o + 3}::int, version, local_authority_id, $${o + 4}, $${e + 3} FROM written WHERE $${o + 3}::int IS NOT NULL),
    outboxed AS (
      INSERT INTO outbox (queue, job_name, job_id, data)
      SELECT '${ALERTS_QUEUE}', '${PLAN_CASE_JOB}', 'plan.' || written.id || '.' || written.version,
             jsonb_build_object('caseId', written.id, 'previous', $${o + 1}::jsonb)
      FROM written WHERE cardinality($${d + 1}::text[]) > 0 OR cardinality($${o + 2}::text[]) > 0),
    logged AS (
      INSERT INTO access_log (local_authority_id, user_id, actor, action, route, case_id)
      SELECT local_authority_id, $${o + 5}::uuid, $${o + 6}, $${o + 7}, $${o + 8}, id FROM written WHERE $${o + 7}::text IS NOT NULL)
    SELECT id, version, created_at, updated_at FROM written`;
  return preparedQuery<Written>(db, sql, [
    ...params,
    event.type, event.occurredOn, event.actor, event.machineVersion, event.payload,
    ...DEADLINE_COLUMNS.map(([, field]) => deadlines.map((row) => row[field])),
    JSON.stringify(previous.map(({ name, targetOn }) => ({ name, targetOn }))),
    removed, supersession?.seq ?? null, supersession?.reason ?? null,
    reader?.userId ?? null, reader?.actor ?? null, reader?.action ?? null, reader?.route ?? null,
  ]);
}

function caseFromRow(row: Record<string, any>): EhcCase {
  return Object.assign(new EhcCase(), {
    id: row.id,
    localAuthorityId: row.local_authority_id,
    reference: row.reference,
    machineId: row.machine_id,
    machineVersion: row.machine_version,
    snapshot: row.snapshot,
    status: row.status,
    version: row.version,
    childGivenName: row.child_given_name,
    childFamilyName: row.child_family_name,
    childDateOfBirth: row.child_date_of_birth,
    requestReceivedOn: row.request_received_on,
    requestSource: row.request_source,
    assigneeId: row.assignee_id,
    nextDueOn: row.next_due_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
