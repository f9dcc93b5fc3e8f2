import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseFactsOf, computeLimitRecords, type LimitRecord } from '../workflows/ehc-needs-assessment/index.js';

const BATCH = 500;

/**
 * Limits as the shared model stores them (design section 7): each row says what it is to the
 * people answering for it (`role`), the day the case closed it off, whether a running exception
 * holds it, and the one date alerts and the overdue lists use (`target_on`). Every case's rows
 * are derived again from its snapshot, so that closed cases stop being open.
 */
export class LimitRecords1795411000000 implements MigrationInterface {
  name = 'LimitRecords1795411000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE case_deadline
        ADD COLUMN role text NOT NULL DEFAULT 'limit' CHECK (role IN ('limit', 'latest_date', 'window')),
        ADD COLUMN closed_on date,
        ADD COLUMN held boolean NOT NULL DEFAULT false,
        ADD COLUMN target_on date,
        ADD COLUMN notice_assumed boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT case_deadline_held_has_no_target CHECK (NOT (held AND target_on IS NOT NULL)),
        ADD CONSTRAINT case_deadline_closed_is_not_open CHECK (NOT (open AND closed_on IS NOT NULL))`);
    await db.query(`DROP INDEX case_deadline_open_due_idx`);
    // Overdue, due soon, the sweep and the digest read this partial covering index, never the snapshots.
    await db.query(`
      CREATE INDEX case_deadline_open_target_idx ON case_deadline (local_authority_id, target_on)
      INCLUDE (case_id, role) WHERE open AND target_on IS NOT NULL`);
    await rederiveEveryCase(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_deadline_open_target_idx`);
    await db.query(`CREATE INDEX case_deadline_open_due_idx ON case_deadline (local_authority_id, due_on) INCLUDE (case_id) WHERE open AND NOT excepted`);
    await db.query(`
      ALTER TABLE case_deadline DROP CONSTRAINT case_deadline_closed_is_not_open, DROP CONSTRAINT case_deadline_held_has_no_target,
        DROP COLUMN notice_assumed, DROP COLUMN target_on, DROP COLUMN held, DROP COLUMN closed_on, DROP COLUMN role`);
  }
}

async function rederiveEveryCase(db: QueryRunner): Promise<void> {
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const cases: { id: string; snapshot: Record<string, unknown>; strict: boolean }[] = await db.query(
      `SELECT c.id, c.snapshot, a.strict_day_counting AS strict FROM ehc_case c JOIN local_authority a ON a.id = c.local_authority_id
       WHERE c.id > $1 ORDER BY c.id LIMIT ${BATCH}`,
      [after],
    );
    if (cases.length === 0) return;
    for (const row of cases) await writeLimits(db, row.id, computeLimitRecords(caseFactsOf(row.snapshot), { strictMode: row.strict }));
    after = cases[cases.length - 1].id;
  }
}

async function writeLimits(db: QueryRunner, caseId: string, limits: LimitRecord[]): Promise<void> {
  for (const l of limits) {
    await db.query(
      `UPDATE case_deadline SET due_on = $3, met_on = $4, open = $5, excepted = $6, revised_target = $7, role = $8, closed_on = $9,
         held = $10, target_on = $11, notice_assumed = $12 WHERE case_id = $1 AND name = $2`,
      [caseId, l.name, l.dueOn, l.metOn, l.open, l.excepted, l.revisedTarget, l.role, l.closedOn, l.held, l.targetOn, l.noticeAssumed],
    );
  }
}
