import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The managers' daily digest: one per authority and day (the unique key is the dedupe key, so
 * the 07:00 job, the sweep's catch-up and a second worker never raise two), kept as it was sent,
 * with the state of each email and webhook delivery as for notifications.
 */
export class ManagerDigests1795410000000 implements MigrationInterface {
  name = 'ManagerDigests1795410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE manager_digest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        digest_on date NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT manager_digest_once_a_day UNIQUE (local_authority_id, digest_on)
      )`);
    await db.query(`
      CREATE TABLE manager_digest_delivery (
        digest_id uuid NOT NULL REFERENCES manager_digest(id),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (digest_id, channel, target)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE manager_digest_delivery`);
    await db.query(`DROP TABLE manager_digest`);
  }
}
