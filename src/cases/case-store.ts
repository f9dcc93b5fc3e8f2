import type { EntityManager } from 'typeorm';
import type { CaseStatus, IsoDate, PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import { NotFoundError } from '../common/domain-error.js';
import type { DeadlineRow } from './case-deadlines.js';
import { EhcCase } from './ehc-case.entity.js';

export interface NewEvent {
  type: string;
  occurredOn: IsoDate;
  actor: string;
  machineVersion: number;
  payload: Record<string, unknown>;
}

export interface CaseUpdate {
  snapshot: PersistedCaseSnapshot;
  status: CaseStatus;
  machineVersion: number;
  assigneeId: string | null;
  nextDueOn: IsoDate | null;
}

/** The SQL of a transition. Every function here runs inside the caller's transaction. */
export const caseStore = {
  async lockCase(db: EntityManager, localAuthorityId: string, caseId: string): Promise<EhcCase> {
    const found = await db
      .getRepository(EhcCase)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :caseId AND c.local_authority_id = :localAuthorityId', { caseId, localAuthorityId })
      .getOne();
    if (!found) throw new NotFoundError('case', caseId);
    return found;
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

  async updateCase(db: EntityManager, caseId: string, previousVersion: number, update: CaseUpdate): Promise<void> {
    const updated = await db.query(
      `UPDATE ehc_case SET snapshot = $3, status = $4, machine_version = $5, assignee_id = $6, next_due_on = $7,
              version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [caseId, previousVersion, update.snapshot, update.status, update.machineVersion, update.assigneeId, update.nextDueOn],
    );
    // The row is locked, so this cannot happen unless the locking discipline is broken.
    if (rowsOf(updated).length !== 1) throw new Error(`case ${caseId} changed under its lock`);
  },

  async appendEvent(db: EntityManager, localAuthorityId: string, caseId: string, seq: number, event: NewEvent): Promise<void> {
    await db.query(
      `INSERT INTO case_event (case_id, seq, local_authority_id, type, occurred_on, actor, machine_version, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [caseId, seq, localAuthorityId, event.type, event.occurredOn, event.actor, event.machineVersion, event.payload],
    );
  },

  /** Deadlines are only ever added or changed by a transition, never removed. */
  async upsertDeadlines(db: EntityManager, localAuthorityId: string, caseId: string, rows: DeadlineRow[]): Promise<void> {
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO case_deadline (case_id, local_authority_id, name, due_on, met_on, open, excepted, revised_target, statutory, regulation)
       SELECT $1, $2, * FROM unnest($3::text[], $4::date[], $5::date[], $6::boolean[], $7::boolean[], $8::date[], $9::boolean[], $10::text[])
       ON CONFLICT (case_id, name) DO UPDATE SET due_on = EXCLUDED.due_on, met_on = EXCLUDED.met_on, open = EXCLUDED.open,
         excepted = EXCLUDED.excepted, revised_target = EXCLUDED.revised_target, statutory = EXCLUDED.statutory,
         regulation = EXCLUDED.regulation`,
      [
        caseId,
        localAuthorityId,
        rows.map((r) => r.name),
        rows.map((r) => r.dueOn),
        rows.map((r) => r.metOn),
        rows.map((r) => r.open),
        rows.map((r) => r.excepted),
        rows.map((r) => r.revisedTarget),
        rows.map((r) => r.statutory),
        rows.map((r) => r.regulation),
      ],
    );
  },
};

/** node-postgres through TypeORM answers an UPDATE … RETURNING as `[rows, count]`. */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as unknown[]);
}
