import type { EntityManager } from 'typeorm';
import type { ChildDataReader } from '../access-log/logs-child-data.decorator.js';
import type { PersistedSnapshot } from '../../workflows/process/pure-machine.js';
import { ENDED_PLAN_STATUSES, type IsoDate, type PlanStatus } from '../../workflows/ehc-plan/index.js';
import { NotFoundError } from '../common/domain-error.js';
import { preparedQuery } from '../database/prepared-query.js';
import { allocateReference } from '../database/references.js';
import { PROCESSES } from '../database/process-tables.js';
import { updateProcess, WRITTEN_COLUMNS, writeWithEventAndDeadlines, type NewEvent, type Supersession } from '../database/process-write.js';
import { DEADLINE_ROW_JSON, type DeadlineChanges, type DeadlineRow } from '../limits/deadline-rows.js';
import { PlanAlreadyMaintainedError } from './plans.errors.js';

/** An ehc_plan row. */
export interface PlanRecord {
  id: string;
  localAuthorityId: string;
  reference: string;
  machineId: string;
  machineVersion: number;
  snapshot: PersistedSnapshot;
  status: PlanStatus;
  version: number;
  childGivenName: string;
  childFamilyName: string;
  childDateOfBirth: IsoDate;
  childId: string;
  startedOn: IsoDate;
  caseId: string | null;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlanUpdate {
  snapshot: PersistedSnapshot;
  status: PlanStatus;
  machineVersion: number;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
}

export type NewPlan = Omit<PlanRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export interface StoredPlan {
  record: PlanRecord;
  deadlines: DeadlineRow[];
}

/** Named rather than `p.*`, so a prepared read keeps its shape when a migration adds a column. */
export const PLAN_COLUMNS = ['id', 'local_authority_id', 'reference', 'machine_id', 'machine_version', 'snapshot', 'status', 'version', 'child_given_name',
  'child_family_name', 'child_date_of_birth', 'started_on', 'case_id', 'assignee_id', 'next_due_on', 'child_id', 'created_at', 'updated_at']
  .map((column) => `p.${column}`).join(', ');

const ONE_MAINTAINED_PER_CHILD = 'ehc_plan_one_maintained_per_child';

/**
 * The SQL of the plan records: as for cases, a plan row, its event and its changed deadline
 * rows are written by one statement that applies only if the version still holds.
 */
export const planStore = {
  async read(db: EntityManager, localAuthorityId: string, planId: string, forUpdate = false): Promise<StoredPlan> {
    const rows = await preparedQuery<Record<string, any>>(
      db,
      `SELECT ${PLAN_COLUMNS}, COALESCE((SELECT json_agg(${DEADLINE_ROW_JSON}) FROM plan_deadline d WHERE d.plan_id = p.id), '[]') AS deadline_rows
       FROM ehc_plan p WHERE p.id = $1 AND p.local_authority_id = $2 ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
      [planId, localAuthorityId],
    );
    if (rows.length === 0) throw new NotFoundError('plan', planId);
    return { record: planFromRow(rows[0]), deadlines: rows[0].deadline_rows };
  },

  /** Per authority and year of the plan's start: `PLAN-2026-000042`. */
  allocateReference(db: EntityManager, localAuthorityId: string, year: number): Promise<string> {
    return allocateReference(db, 'plan_reference_counter', 'PLAN', localAuthorityId, year);
  },

  /** The plan the authority already maintains for this child, if any. */
  async maintainedFor(db: EntityManager, localAuthorityId: string, child: { givenName: string; familyName: string; dateOfBirth: IsoDate }): Promise<{ id: string; reference: string } | undefined> {
    const [found] = await db.query(
      `SELECT id, reference FROM ehc_plan WHERE local_authority_id = $1 AND lower(child_given_name) = lower($2) AND lower(child_family_name) = lower($3)
         AND child_date_of_birth = $4 AND status <> ALL($5)`,
      [localAuthorityId, child.givenName, child.familyName, child.dateOfBirth, ENDED_PLAN_STATUSES],
    );
    return found;
  },

  /** Refuses a second maintained plan for the child, whoever got there first (the unique index decides a race). */
  async insert(db: EntityManager, created: NewPlan, event: NewEvent, deadlines: DeadlineRow[]): Promise<PlanRecord> {
    const child = { givenName: created.childGivenName, familyName: created.childFamilyName, dateOfBirth: created.childDateOfBirth };
    const existing = await this.maintainedFor(db, created.localAuthorityId, child);
    if (existing) throw new PlanAlreadyMaintainedError(existing.reference, existing.id);
    const insertPlan = `INSERT INTO ehc_plan (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
        child_given_name, child_family_name, child_date_of_birth, started_on, case_id, assignee_id, next_due_on, child_id)
      VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14) ${WRITTEN_COLUMNS}`;
    const params = [
      created.localAuthorityId, created.reference, created.machineId, created.machineVersion, created.snapshot, created.status,
      created.childGivenName, created.childFamilyName, created.childDateOfBirth, created.startedOn, created.caseId, created.assigneeId, created.nextDueOn, created.childId,
    ];
    try {
      const [written] = await writeWithEventAndDeadlines(db, PROCESSES.plan, insertPlan, params, event, { changed: deadlines, removed: [], previous: [] });
      return { ...created, id: written.id, version: written.version, createdAt: written.created_at, updatedAt: written.updated_at };
    } catch (error) {
      if ((error as { constraint?: string }).constraint !== ONE_MAINTAINED_PER_CHILD) throw error;
      const winner = (await this.maintainedFor(db.connection.manager, created.localAuthorityId, child))!;
      throw new PlanAlreadyMaintainedError(winner.reference, winner.id);
    }
  },

  /** The plan as written, or null when its version is no longer `current.version`; with `supersession`, the event is the correction. */
  update(
    db: EntityManager,
    current: PlanRecord,
    update: PlanUpdate,
    event: NewEvent,
    deadlines: DeadlineChanges,
    supersession?: Supersession,
    reader?: ChildDataReader,
  ): Promise<PlanRecord | null> {
    return updateProcess(db, PROCESSES.plan, current, update, event, deadlines, supersession, reader);
  },
};

export function planFromRow(row: Record<string, any>): PlanRecord {
  return {
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
    childId: row.child_id,
    startedOn: row.started_on,
    caseId: row.case_id,
    assigneeId: row.assignee_id,
    nextDueOn: row.next_due_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
