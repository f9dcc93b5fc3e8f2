import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only record of changes to accounts and to an authority's alert settings: who
 * changed what (each changed field before and after; never a password hash), and when. Like
 * `access_log`, a trigger refuses `UPDATE` and `DELETE` (UK GDPR Art. 5(2) and 32: the
 * controller must be able to show who could see children's records, and who granted it).
 */
export class AccountAudit1795413500000 implements MigrationInterface {
  name = 'AccountAudit1795413500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account_audit (
        id bigserial PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor text NOT NULL,
        action text NOT NULL CHECK (action IN ('account_created','account_changed','alert_settings_changed')),
        account_id uuid,
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND NOT changes ? 'passwordHash')
      )`);
    await db.query(`CREATE INDEX account_audit_authority_idx ON account_audit (local_authority_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX account_audit_account_idx ON account_audit (local_authority_id, account_id, occurred_at DESC)`);
    await db.query(`
      CREATE FUNCTION account_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'account_audit is append-only: the record of account and settings changes cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER account_audit_append_only BEFORE UPDATE OR DELETE ON account_audit
      FOR EACH ROW EXECUTE FUNCTION account_audit_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_audit`);
    await db.query(`DROP FUNCTION account_audit_is_append_only()`);
  }
}
