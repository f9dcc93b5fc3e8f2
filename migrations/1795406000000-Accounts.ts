import type { MigrationInterface, QueryRunner } from 'typeorm';

export const ROLE_NAMES = `'caseworker','panel_member','manager','admin','auditor'`;

/**
 * Accounts, refresh tokens, the deployment's token-signing key, OpenID Connect sign-in
 * attempts and the append-only access log. Reads of a child's record are personal-data
 * processing (UK GDPR Art. 5(2), accountability), so the access log cannot be rewritten.
 */
export class Accounts1795406000000 implements MigrationInterface {
  name = 'Accounts1795406000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND position('@' in email) > 1),
        password_hash text,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLE_NAMES}]::text[]),
        failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until timestamptz,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX user_account_authority_idx ON user_account (local_authority_id)`);

    await db.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id) WHERE revoked_at IS NULL`);

    // One row per deployment: every API and worker process signs and verifies with it.
    await db.query(`
      CREATE TABLE auth_signing_key (
        id smallint PRIMARY KEY CHECK (id = 1),
        secret bytea NOT NULL CHECK (length(secret) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Between the redirect to the identity provider and its callback; deleted when used.
    await db.query(`
      CREATE TABLE oidc_login_attempt (
        state text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE access_log (
        id bigserial PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        user_id uuid,
        actor text NOT NULL,
        accessed_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL CHECK (action IN ('case_read','case_trail_read','case_list_read','case_export')),
        route text NOT NULL,
        case_id uuid
      )`);
    await db.query(`CREATE INDEX access_log_case_idx ON access_log (local_authority_id, case_id, accessed_at)`);
    await db.query(`CREATE INDEX access_log_user_idx ON access_log (local_authority_id, user_id, accessed_at)`);
    await db.query(`
      CREATE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: the record of who read a case cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
      FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE access_log`);
    await db.query(`DROP FUNCTION access_log_is_append_only()`);
    await db.query(`DROP TABLE oidc_login_attempt`);
    await db.query(`DROP TABLE auth_signing_key`);
    await db.query(`DROP TABLE refresh_token`);
    await db.query(`DROP TABLE user_account`);
  }
}
