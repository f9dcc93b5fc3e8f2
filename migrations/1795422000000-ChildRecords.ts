import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = `'case_read','case_trail_read','case_list_read','case_export','panel_meeting_read','decision_letter_read','sen2_extract',
  'plan_read','plan_trail_read','plan_list_read','dispute_read','dispute_trail_read','dispute_list_read'`;
const ACTIONS = `${ACTIONS_BEFORE},'child_read'`;

/** Person/Ethnicity's 20 codes as of this migration (workflows/sen2/codes.ts ETHNICITY_CODES; a migration never imports code that may change). */
const ETHNICITIES = `'WBRI','WIRI','WIRT','WOTH','WROM','MWBC','MWBA','MWAS','MOTH','AIND','APKN','ABAN','AOTH','BCRB','BAFR','BOTH','CHNE','OOTH','REFU','NOBT'`;

/**
 * One child record shared by the child's processes (design section 7; issue 15 item 1): the SEN2
 * person identity items (UPN, ULN, the reason when neither is known, sex, ethnicity, postcode),
 * kept once. The names and date of birth stay on the case and plan rows.
 *
 * Backfill: one child per existing case; a plan made from a case shares that case's child; a
 * plan without a case gets its own. The child's identity starts empty. Then `child_id` is NOT
 * NULL on both, and the foreign key includes the authority, so a case or plan can only name a
 * child of its own authority.
 *
 * Every change of identity items is appended to `child_identity_change` (who, when, each item's
 * old and new value); a trigger refuses UPDATE and DELETE, except the DELETE of a retention
 * deletion that erases the child with its last case (see case-erasure.ts). Access-log lines of a
 * child record's reads name the child (`child_id`, action `child_read`); that link too is the
 * only thing such a deletion may null.
 *
 * The CHECKs hold the cheap format rules (the check letter, check digit and postcode letters
 * are left to workflows/sen2, which explains what is wrong).
 */
export class ChildRecords1795422000000 implements MigrationInterface {
  name = 'ChildRecords1795422000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE child (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        upn text CONSTRAINT child_upn_format CHECK (upn ~ '^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$'),
        uln text CONSTRAINT child_uln_format CHECK (uln ~ '^[1-9][0-9]{9}$'),
        upn_unknown text CONSTRAINT child_upn_unknown_code CHECK (upn_unknown ~ '^UN([1-9]|10)$'),
        sex text CONSTRAINT child_sex_code CHECK (sex IN ('M', 'F')),
        ethnicity text CONSTRAINT child_ethnicity_code CHECK (ethnicity IN (${ETHNICITIES})),
        postcode text CONSTRAINT child_postcode_format CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'),
        version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT child_upn_unknown_only_without_identifier CHECK (upn_unknown IS NULL OR (upn IS NULL AND uln IS NULL)),
        CONSTRAINT child_id_in_authority UNIQUE (id, local_authority_id)
      )`);

    await db.query(`ALTER TABLE ehc_case ADD COLUMN child_id uuid`);
    await db.query(`ALTER TABLE ehc_plan ADD COLUMN child_id uuid`);
    await db.query(`UPDATE ehc_case SET child_id = gen_random_uuid()`);
    await db.query(`INSERT INTO child (id, local_authority_id, created_at, updated_at) SELECT child_id, local_authority_id, created_at, created_at FROM ehc_case`);
    await db.query(`UPDATE ehc_plan p SET child_id = c.child_id FROM ehc_case c WHERE c.id = p.case_id AND c.local_authority_id = p.local_authority_id`);
    await db.query(`UPDATE ehc_plan SET child_id = gen_random_uuid() WHERE child_id IS NULL`);
    await db.query(`
      INSERT INTO child (id, local_authority_id, created_at, updated_at)
      SELECT p.child_id, p.local_authority_id, p.created_at, p.created_at FROM ehc_plan p WHERE NOT EXISTS (SELECT 1 FROM child WHERE child.id = p.child_id)`);
    for (const table of ['ehc_case', 'ehc_plan']) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN child_id SET NOT NULL`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_child_fk FOREIGN KEY (child_id, local_authority_id) REFERENCES child (id, local_authority_id)`);
      await db.query(`CREATE INDEX ${table}_child_idx ON ${table} (child_id)`);
    }

    await db.query(`
      CREATE FUNCTION child_erasure_in_progress(erased_child uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('ehc.retention_deletion_child', true), '') = erased_child::text
          AND coalesce(retention_deletion_in_progress(nullif(current_setting('ehc.retention_deletion_case', true), '')::uuid), false)
      $$`);

    await db.query(`
      CREATE TABLE child_identity_change (
        id bigserial PRIMARY KEY,
        child_id uuid NOT NULL,
        local_authority_id uuid NOT NULL,
        version integer NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor text NOT NULL,
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND changes <> '{}'::jsonb),
        FOREIGN KEY (child_id, local_authority_id) REFERENCES child (id, local_authority_id),
        CONSTRAINT child_identity_change_one_per_version UNIQUE (child_id, version)
      )`);
    await db.query(`
      CREATE FUNCTION child_identity_change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND child_erasure_in_progress(OLD.child_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'child_identity_change is append-only: the record of identity changes cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER child_identity_change_append_only BEFORE UPDATE OR DELETE ON child_identity_change
      FOR EACH ROW EXECUTE FUNCTION child_identity_change_is_append_only()`);

    await db.query(`ALTER TABLE access_log ADD COLUMN child_id uuid`);
    await db.query(`CREATE INDEX access_log_child_idx ON access_log (local_authority_id, child_id, accessed_at) WHERE child_id IS NOT NULL`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS}))`);
    await db.query(`
      CREATE OR REPLACE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.case_id IS NOT NULL AND retention_deletion_in_progress(OLD.case_id)
           AND to_jsonb(NEW) = jsonb_set(to_jsonb(OLD), '{case_id}', 'null') THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.child_id IS NOT NULL AND child_erasure_in_progress(OLD.child_id)
           AND to_jsonb(NEW) = jsonb_set(to_jsonb(OLD), '{child_id}', 'null') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access_log is append-only: the record of who read a case cannot be changed or deleted';
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.case_id IS NOT NULL AND retention_deletion_in_progress(OLD.case_id)
           AND to_jsonb(NEW) = jsonb_set(to_jsonb(OLD), '{case_id}', 'null') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access_log is append-only: the record of who read a case cannot be changed or deleted';
      END $$`);
    // Fails while child_read entries exist: the access log is append-only, so they are never rewritten to fit.
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`DROP INDEX access_log_child_idx`);
    await db.query(`ALTER TABLE access_log DROP COLUMN child_id`);
    await db.query(`DROP TABLE child_identity_change`);
    await db.query(`DROP FUNCTION child_identity_change_is_append_only()`);
    await db.query(`DROP FUNCTION child_erasure_in_progress(uuid)`);
    for (const table of ['ehc_case', 'ehc_plan']) await db.query(`ALTER TABLE ${table} DROP COLUMN child_id`);
    await db.query(`DROP TABLE child`);
  }
}
