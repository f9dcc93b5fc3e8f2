import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain 5.6: the working days an authority allows, after the last day to appeal, for an appeal
 * registered on that day to reach it before a cease decision takes effect or a dispute closes as
 * not appealed. Each decision to cease and each dispute keeps the value in force when it was made,
 * so a change moves nothing already decided.
 */
export class AppealBuffer1795421000000 implements MigrationInterface {
  name = 'AppealBuffer1795421000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE local_authority ADD COLUMN appeal_buffer_working_days integer NOT NULL DEFAULT 10
      CONSTRAINT local_authority_appeal_buffer_range CHECK (appeal_buffer_working_days BETWEEN 0 AND 30)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE local_authority DROP COLUMN appeal_buffer_working_days`);
  }
}
