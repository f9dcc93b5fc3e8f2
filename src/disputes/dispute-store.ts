import type { EntityManager } from 'typeorm';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import type { PersistedSnapshot } from '../../workflows/process/pure-machine.js';
import type { DisputedDecision, DisputeStatus, IsoDate } from '../../workflows/ehc-dispute/index.js';
import { NotFoundError } from '../common/domain-error.js';
import { preparedQuery } from '../database/prepared-query.js';
import { allocateReference } from '../database/references.js';
import { PROCESSES } from '../database/process-tables.js';
import { updateProcess, WRITTEN_COLUMNS, writeWithEventAndDeadlines, type NewEvent, type Supersession } from '../database/process-write.js';
import { DEADLINE_ROW_JSON, type DeadlineChanges, type DeadlineRow } from '../limits/deadline-rows.js';
import { DisputeAlreadyOpenError } from './disputes.errors.js';

/** A dispute row. */
export interface DisputeRecord {
  id: string;
  localAuthorityId: string;
  reference: string;
  machineId: string;
  machineVersion: number;
  snapshot: PersistedSnapshot;
  status: DisputeStatus;
  version: number;
  caseId: string | null;
  planId: string | null;
  decision: DisputedDecision;
  noticeSentOn: IsoDate;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DisputeUpdate {
  snapshot: PersistedSnapshot;
  status: DisputeStatus;
  machineVersion: number;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
}

export type NewDispute = Omit<DisputeRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export interface StoredDispute {
  record: DisputeRecord;
  deadlines: DeadlineRow[];
}

/** Named rather than `d.*`, so a prepared read keeps its shape when a migration adds a column. */
export const DISPUTE_COLUMNS = ['id', 'local_authority_id', 'reference', 'machine_id', 'machine_version', 'snapshot', 'status', 'version', 'case_id',
  'plan_id', 'decision', 'notice_sent_on', 'assignee_id', 'next_due_on', 'created_at', 'updated_at']
  .map((column) => `p.${column}`).join(', ');

const ONE_OPEN = ['dispute_one_open_per_case_decision', 'dispute_one_open_per_plan_decision'];

/** The SQL of the dispute records, on the plan's model: row, event and changed limit rows in one statement. */
export const disputeStore = {
  async read(db: EntityManager, localAuthorityId: string, disputeId: string, forUpdate = false): Promise<StoredDispute> {
    const rows = await preparedQuery<Record<string, any>>(
      db,
      `SELECT ${DISPUTE_COLUMNS}, COALESCE((SELECT json_agg(${DEADLINE_ROW_JSON}) FROM dispute_deadline d WHERE d.dispute_id = p.id), '[]') AS deadline_rows
       FROM dispute p WHERE p.id = $1 AND p.local_authority_id = $2 ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
      [disputeId, localAuthorityId],
    );
    if (rows.length === 0) throw new NotFoundError('dispute', disputeId);
    return { record: disputeFromRow(rows[0]), deadlines: rows[0].deadline_rows };
  },

  /** Per authority and year of the decision notice: `DISP-2026-000042`. */
  allocateReference(db: EntityManager, localAuthorityId: string, year: number): Promise<string> {
    return allocateReference(db, 'dispute_reference_counter', 'DISP', localAuthorityId, year);
  },

  /** The open dispute of this decision on this case or plan, if any. */
  async openFor(db: EntityManager, subject: { caseId: string | null; planId: string | null }, decision: DisputedDecision): Promise<{ id: string; reference: string } | undefined> {
    const [found] = await db.query(
      `SELECT id, reference FROM dispute WHERE ${subject.caseId ? 'case_id' : 'plan_id'} = $1 AND decision = $2 AND status <> 'closed'`,
      [subject.caseId ?? subject.planId, decision],
    );
    return found;
  },

  /** Refuses a second open dispute of the decision, whoever got there first (the unique index decides a race). */
  async insert(db: EntityManager, created: NewDispute, event: NewEvent, deadlines: DeadlineRow[]): Promise<DisputeRecord> {
    const existing = await this.openFor(db, created, created.decision);
    if (existing) throw new DisputeAlreadyOpenError(existing.reference, existing.id);
    const insertDispute = `INSERT INTO dispute (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
        case_id, plan_id, decision, notice_sent_on, assignee_id, next_due_on)
      VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12) ${WRITTEN_COLUMNS}`;
    const params = [
      created.localAuthorityId, created.reference, created.machineId, created.machineVersion, created.snapshot, created.status,
      created.caseId, created.planId, created.decision, created.noticeSentOn, created.assigneeId, created.nextDueOn,
    ];
    try {
      const [written] = await writeWithEventAndDeadlines(db, PROCESSES.dispute, insertDispute, params, event, { changed: deadlines, removed: [], previous: [] });
      return { ...created, id: written.id, version: written.version, createdAt: written.created_at, updatedAt: written.updated_at };
    } catch (error) {
      if (!ONE_OPEN.includes((error as { constraint?: string }).constraint ?? '')) throw error;
      const winner = (await this.openFor(db.connection.manager, created, created.decision))!;
      throw new DisputeAlreadyOpenError(winner.reference, winner.id);
    }
  },

  /** The dispute as written, or null when its version is no longer `current.version`. */
  update(
    db: EntityManager,
    current: DisputeRecord,
    update: DisputeUpdate,
    event: NewEvent,
    deadlines: DeadlineChanges,
    supersession?: Supersession,
    reader?: ChildDataReader,
  ): Promise<DisputeRecord | null> {
    return updateProcess(db, PROCESSES.dispute, current, update, event, deadlines, supersession, reader);
  },
};

export function disputeFromRow(row: Record<string, any>): DisputeRecord {
  return {
    id: row.id,
    localAuthorityId: row.local_authority_id,
    reference: row.reference,
    machineId: row.machine_id,
    machineVersion: row.machine_version,
    snapshot: row.snapshot,
    status: row.status,
    version: row.version,
    caseId: row.case_id,
    planId: row.plan_id,
    decision: row.decision,
    noticeSentOn: row.notice_sent_on,
    assigneeId: row.assignee_id,
    nextDueOn: row.next_due_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
