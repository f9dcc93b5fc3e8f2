import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two plan worklists (src/web/plan-pages/plan-worklists.service.ts) as index-only scans.
 * - The phase-transfer tracker lists a cohort's transfers whether the amended plan has named the
 *   next setting or not, and plan_deadline_open_target_idx holds only open limits: this index
 *   holds every phaseTransfer row in the order of its reg 18 date, with the columns of a limit's
 *   status, so a cohort is counted by status from the index alone.
 * - The reviews worklist reads the open annual review of every plan (one per plan) by target:
 *   among all open limits that is a small share, so it has an index of its own, which also
 *   serves its count.
 * - The tracker orders a cohort (tens of thousands of children in England, one 14 February) by
 *   the child's name: the names beside the plan id let that join read no plan rows.
 */
export class PlanWorklistIndexes1795418600000 implements MigrationInterface {
  name = 'PlanWorklistIndexes1795418600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX plan_deadline_phase_transfer_idx ON plan_deadline (local_authority_id, due_on, plan_id)
      INCLUDE (role, met_on, open, closed_on, excepted, held, revised_target, target_on) WHERE name LIKE 'phaseTransfer%'`);
    await db.query(`
      CREATE INDEX plan_deadline_open_review_idx ON plan_deadline (local_authority_id, target_on, plan_id)
      WHERE open AND name = 'annualReview'`);
    await db.query(`CREATE INDEX ehc_plan_child_name_idx ON ehc_plan (id) INCLUDE (child_family_name, child_given_name)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ehc_plan_child_name_idx`);
    await db.query(`DROP INDEX plan_deadline_open_review_idx`);
    await db.query(`DROP INDEX plan_deadline_phase_transfer_idx`);
  }
}
