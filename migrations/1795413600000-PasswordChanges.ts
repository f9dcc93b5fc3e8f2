import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = `'account_created','account_changed','alert_settings_changed'`;
const ACTIONS = `${ACTIONS_BEFORE},'password_reset','password_changed'`;

/**
 * Password resets and changes, and notices to account holders. `password_changed_at` ends
 * access tokens issued before it; `temporary_password_until` marks an administrator's
 * one-time password, which works until then and only to choose a new one. An account notice
 * (the account was locked) is emailed through the same deliveries as alerts, with a unique
 * dedupe key so a lockout is told once.
 */
export class PasswordChanges1795413600000 implements MigrationInterface {
  name = 'PasswordChanges1795413600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_account ADD COLUMN password_changed_at timestamptz, ADD COLUMN temporary_password_until timestamptz`);
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${ACTIONS}))`);
    await db.query(`
      CREATE TABLE account_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('account_locked')),
        dedupe_key text NOT NULL UNIQUE,
        subject text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX account_notice_user_idx ON account_notice (user_id)`);
    await db.query(`
      CREATE TABLE account_notice_delivery (
        notice_id uuid NOT NULL REFERENCES account_notice(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel = 'email'),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (notice_id, channel, target)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_notice_delivery`);
    await db.query(`DROP TABLE account_notice`);
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    // Entries of the later actions cannot be deleted (append-only), so down refuses rather than rewrite them.
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`ALTER TABLE user_account DROP COLUMN password_changed_at, DROP COLUMN temporary_password_until`);
  }
}
