import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'deadline_warning','deadline_due_today','deadline_breach','advice_reminder','advice_escalation'`;

/**
 * The transactional outbox (jobs a case change implies, moved into BullMQ by the relay),
 * per-authority alert settings, and notifications with their deliveries. A notification's
 * dedupe key is unique, so retries, restarts and several workers never raise one twice.
 */
export class Alerts1795408000000 implements MigrationInterface {
  name = 'Alerts1795408000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        job_id text NOT NULL CHECK (job_id NOT LIKE '%:%'),
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE relayed_at IS NULL`);

    await db.query(`
      CREATE TABLE alert_settings (
        local_authority_id uuid PRIMARY KEY REFERENCES local_authority(id),
        warning_working_days integer[] NOT NULL DEFAULT '{10,5}' CHECK (array_length(warning_working_days, 1) <= 5),
        alert_time time NOT NULL DEFAULT '08:00',
        manager_emails text[] NOT NULL DEFAULT '{}',
        escalation_emails jsonb NOT NULL DEFAULT '{}',
        webhook_url text CHECK (webhook_url ~ '^https?://')
      )`);

    await db.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        deadline text NOT NULL,
        due_on date NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX notification_authority_idx ON notification (local_authority_id, created_at DESC)`);
    await db.query(`CREATE INDEX notification_case_idx ON notification (case_id)`);

    await db.query(`
      CREATE TABLE notification_delivery (
        notification_id uuid NOT NULL REFERENCES notification(id),
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (notification_id, channel, target)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_delivery`);
    await db.query(`DROP TABLE notification`);
    await db.query(`DROP TABLE alert_settings`);
    await db.query(`DROP TABLE outbox`);
  }
}
