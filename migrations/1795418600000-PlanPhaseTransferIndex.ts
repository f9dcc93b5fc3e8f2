import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The phase-transfer tracker lists a cohort's transfers whether the amended plan has named the
 * next setting or not, and plan_deadline_open_target_idx holds only open limits. This partial
 * index holds every phaseTransfer row, in the order of its reg 18 date, with the columns of a
 * limit's status, so a cohort is counted by status from the index alone.
 */
export class PlanPhaseTransferIndex1795418600000 implements MigrationInterface {
  name = 'PlanPhaseTransferIndex1795418600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX plan_deadline_phase_transfer_idx ON plan_deadline (local_authority_id, due_on, plan_id)
      INCLUDE (role, met_on, open, closed_on, excepted, held, revised_target, target_on) WHERE name LIKE 'phaseTransfer%'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX plan_deadline_phase_transfer_idx`);
  }
}
