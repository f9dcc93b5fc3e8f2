import type { EntityManager } from 'typeorm';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import type { CaseStatus, IsoDate, PersistedCaseSnapshot, RequestSource } from '../../workflows/ehc-needs-assessment/index.js';
import { NotFoundError } from '../common/domain-error.js';
import { openDisputesJson, type OpenDispute } from '../disputes/open-disputes.js';
import { preparedQuery } from '../database/prepared-query.js';
import { allocateReference } from '../database/references.js';
import { PROCESSES } from '../database/process-tables.js';
import { updateProcess, WRITTEN_COLUMNS, writeWithEventAndDeadlines, type NewEvent, type Supersession } from '../database/process-write.js';
import { DEADLINE_ROW_JSON, type DeadlineChanges, type DeadlineRow } from '../limits/deadline-rows.js';
import { EhcCase } from './ehc-case.entity.js';

export type { NewEvent, Supersession };

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
  childId: string;
  requestReceivedOn: IsoDate;
  requestSource: RequestSource;
}

export interface StoredCase {
  record: EhcCase;
  deadlines: DeadlineRow[];
  openDisputes: OpenDispute[];
}

/** Named rather than `c.*`, so a prepared read keeps its shape when a migration adds a column. */
const CASE_COLUMNS = ['id', 'local_authority_id', 'reference', 'machine_id', 'machine_version', 'snapshot', 'status', 'version', 'child_given_name',
  'child_family_name', 'child_date_of_birth', 'request_received_on', 'request_source', 'assignee_id', 'next_due_on', 'plan_id', 'child_id', 'created_at', 'updated_at']
  .map((column) => `c.${column}`).join(', ');

/**
 * The SQL of the case records. A case row, its event and its changed deadline rows are
 * written by ONE statement (data-modifying CTEs), so they commit or fail together, and the
 * update only applies if the version is still the one the change was computed from.
 */
export const caseStore = {
  /** The case, its stored deadline rows and its open disputes in one round trip; `forUpdate` also locks the row. */
  async read(db: EntityManager, localAuthorityId: string, caseId: string, forUpdate = false): Promise<StoredCase> {
    const rows = await preparedQuery<Record<string, any>>(
      db,
      `SELECT ${CASE_COLUMNS}, COALESCE((SELECT json_agg(${DEADLINE_ROW_JSON}) FROM case_deadline d WHERE d.case_id = c.id), '[]') AS deadline_rows,
         ${openDisputesJson('case_id', 'c.id')} AS open_disputes
       FROM ehc_case c WHERE c.id = $1 AND c.local_authority_id = $2 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [caseId, localAuthorityId],
    );
    if (rows.length === 0) throw new NotFoundError('case', caseId);
    return { record: caseFromRow(rows[0]), deadlines: rows[0].deadline_rows, openDisputes: rows[0].open_disputes };
  },

  /** Per authority and year: `EHC-2026-000042`. */
  allocateReference(db: EntityManager, localAuthorityId: string, year: number): Promise<string> {
    return allocateReference(db, 'case_reference_counter', 'EHC', localAuthorityId, year);
  },

  async insert(db: EntityManager, created: NewCase, event: NewEvent, deadlines: DeadlineRow[]): Promise<EhcCase> {
    const insertCase = `INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
        child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, assignee_id, next_due_on, child_id)
      VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14) ${WRITTEN_COLUMNS}`;
    const params = [
      created.localAuthorityId, created.reference, created.machineId, created.machineVersion, created.snapshot, created.status,
      created.childGivenName, created.childFamilyName, created.childDateOfBirth, created.requestReceivedOn, created.requestSource,
      created.assigneeId, created.nextDueOn, created.childId,
    ];
    const [written] = await writeWithEventAndDeadlines(db, PROCESSES.case, insertCase, params, event, { changed: deadlines, removed: [], previous: [] });
    return Object.assign(new EhcCase(), { ...created, planId: null, id: written.id, version: written.version, createdAt: written.created_at, updatedAt: written.updated_at });
  },

  /**
   * Returns the case as written, or null when its version is no longer `current.version`.
   * With `supersession`, the event written is the correction that supersedes that event.
   */
  update(
    db: EntityManager,
    current: EhcCase,
    update: CaseUpdate,
    event: NewEvent,
    deadlines: DeadlineChanges,
    supersession?: Supersession,
    reader?: ChildDataReader,
  ): Promise<EhcCase | null> {
    return updateProcess(db, PROCESSES.case, current, update, event, deadlines, supersession, reader);
  },
};

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
    planId: row.plan_id,
    childId: row.child_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
