import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS_BEFORE = `'case_read','case_trail_read','case_list_read','case_export','panel_meeting_read','decision_letter_read','sen2_extract',
  'plan_read','plan_trail_read','plan_list_read','dispute_read','dispute_trail_read','dispute_list_read','child_read','sen2_return','sen2_validation'`;
const ACTIONS = `${ACTIONS_BEFORE},'notice_read'`;
const AUDIT_ACTIONS_BEFORE = `'account_created','account_changed','alert_settings_changed','password_reset','password_changed','sen2_settings_changed'`;
const AUDIT_ACTIONS = `${AUDIT_ACTIONS_BEFORE},'notice_settings_changed'`;

/**
 * Statutory notices written by the engine (issue 16 item 1): the details every notice of an
 * authority carries (its team, address and contacts, the local offer, the information and
 * advice, mediation and disagreement resolution services), the audit of their changes, and the
 * access-log action of reading a notice, which names the child.
 */
export class StatutoryNotices1795428000000 implements MigrationInterface {
  name = 'StatutoryNotices1795428000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE local_authority ADD COLUMN notice_details jsonb CONSTRAINT local_authority_notice_details_object CHECK (jsonb_typeof(notice_details) = 'object')`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS}))`);
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${AUDIT_ACTIONS}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while notice_read or notice_settings_changed entries exist: both logs are append-only.
    await db.query(`ALTER TABLE account_audit DROP CONSTRAINT account_audit_action_check`);
    await db.query(`ALTER TABLE account_audit ADD CONSTRAINT account_audit_action_check CHECK (action IN (${AUDIT_ACTIONS_BEFORE}))`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`ALTER TABLE local_authority DROP COLUMN notice_details`);
  }
}
