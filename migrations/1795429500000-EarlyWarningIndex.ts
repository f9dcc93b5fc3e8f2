import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The early-warning list reads each open case's finalPlan limit (target and exception). Through
 * case_deadline_pkey that was an index probe and a visit to the table's heap for every open case
 * (28,000 at a million cases, most of them reads from outside PostgreSQL's buffers); this index
 * holds the two columns it reads, about one row per case, so each probe is index-only.
 */
export class EarlyWarningIndex1795429500000 implements MigrationInterface {
  name = 'EarlyWarningIndex1795429500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX case_deadline_final_plan_idx ON case_deadline (case_id) INCLUDE (target_on, excepted) WHERE name = 'finalPlan'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX case_deadline_final_plan_idx`);
  }
}
