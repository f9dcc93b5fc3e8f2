import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay claims outbox rows with a lease instead of holding them locked in a transaction
 * across the queue call: a relay that crashes mid-call leaves a claim that simply expires.
 */
export class OutboxClaims1795413000000 implements MigrationInterface {
  name = 'OutboxClaims1795413000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE outbox DROP COLUMN claimed_until`);
  }
}
