import type { MigrationInterface, QueryRunner } from 'typeorm';
import { extendCheck } from './check-values.js';

const ACCESS_ACTIONS = ['family_case_read'];

/**
 * The family's own view of a case (issue 16 item 3; design section 8). A caseworker names who in
 * the family may see the case (a parent, a carer, the young person) by their email; they sign in
 * with a one-time code sent there, kept only as an HMAC, expiring in minutes and refused after a
 * few wrong tries. A contact is never deleted while its case lives, only revoked, so who could
 * see the case and who stopped it stays on record; the retention deletion of the case removes it.
 * Each page a family member reads is in the access log as `family_case_read`.
 */
export class FamilyAccess1795431000000 implements MigrationInterface {
  name = 'FamilyAccess1795431000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE family_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\\s]+@[^@\\s]+$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        relationship text NOT NULL CHECK (relationship IN ('parent', 'carer', 'young_person')),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        revoked_by text,
        revoked_at timestamptz,
        CONSTRAINT family_contact_revoked_whole CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX family_contact_active_once ON family_contact (case_id, email) WHERE revoked_at IS NULL`);
    await db.query(`CREATE INDEX family_contact_by_email ON family_contact (email) WHERE revoked_at IS NULL`);
    await db.query(`
      CREATE TABLE family_sign_in_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        code_hmac text NOT NULL CHECK (code_hmac ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX family_sign_in_code_latest ON family_sign_in_code (email, created_at DESC)`);
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'add');
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while family_case_read entries exist: the log is append-only.
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'remove');
    await db.query(`DROP TABLE family_sign_in_code`);
    await db.query(`DROP TABLE family_contact`);
  }
}
