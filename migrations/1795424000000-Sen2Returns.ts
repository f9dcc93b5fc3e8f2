import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = `'case_read','case_trail_read','case_list_read','case_export','panel_meeting_read','decision_letter_read','sen2_extract',
  'plan_read','plan_trail_read','plan_list_read','dispute_read','dispute_trail_read','dispute_list_read','child_read'`;
const ACTIONS = `${ACTIONS_BEFORE},'sen2_return','sen2_validation'`;
const AUDIT_ACTIONS_BEFORE = `'account_created','account_changed','alert_settings_changed','password_reset','password_changed'`;
const AUDIT_ACTIONS = `${AUDIT_ACTIONS_BEFORE},'sen2_settings_changed'`;

/**
 * The SEN2 person-level return (issue 15 items 2 and 3). The header's items an authority
 * configures (its 3-digit LA number; whether the area has a Designated Medical, Clinical and
 * Social Care Officer), each return produced (its serial number, who produced it, and how many
 * errors it was flagged with), the audit of changes to those settings, and the access-log actions of reading the return and its
 * validation, which show every child's name.
 */
export class Sen2Returns1795424000000 implements MigrationInterface {
  name = 'Sen2Returns1795424000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE local_authority
      ADD COLUMN la_number text CONSTRAINT local_authority_la_number_format CHECK (la_number ~ '^[0-9]{3}$'),
      ADD COLUMN sen2_dmo text CONSTRAINT local_authority_sen2_dmo_code CHECK (sen2_dmo IN ('Y', 'N', 'R')),
      ADD COLUMN sen2_dco text CONSTRAINT local_authority_sen2_dco_code CHECK (sen2_dco IN ('Y', 'N', 'R')),
      ADD COLUMN sen2_dsco text CONSTRAINT local_authority_sen2_dsco_code CHECK (sen2_dsco IN ('Y', 'N', 'R'))`);
    await db.query(`
      CREATE TABLE sen2_return_run (
        id bigserial PRIMARY KEY,
        local_authority_id uuid NOT NULL REFERENCES local_authority (id),
        collection_year integer NOT NULL,
        serial_no integer NOT NULL CHECK (serial_no > 0),
        produced_at timestamptz NOT NULL DEFAULT now(),
        produced_by uuid,
        actor text NOT NULL,
        persons integer NOT NULL,
        errors integer NOT NULL,
        warnings integer NOT NULL,
        UNIQUE (local_authority_id, collection_year, serial_no)
      )`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS}))`);
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${AUDIT_ACTIONS}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while sen2_return, sen2_validation or sen2_settings_changed entries exist: both logs are append-only.
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${AUDIT_ACTIONS_BEFORE}))`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`DROP TABLE sen2_return_run`);
    await db.query(`ALTER TABLE local_authority DROP COLUMN la_number, DROP COLUMN sen2_dmo, DROP COLUMN sen2_dco, DROP COLUMN sen2_dsco`);
  }
}
