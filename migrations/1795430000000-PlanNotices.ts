import type { MigrationInterface, QueryRunner } from 'typeorm';
import { extendCheck } from './check-values.js';

const ACCESS_ACTIONS = ['plan_notice_read', 'plan_export'];

/**
 * The plan's statutory notices as sent (issue 16 item 1): the review decision, the amendment
 * notice, the amended plan or the decision not to amend, the re-assessment decision, the cease
 * decision and the transfer notice, each kept exactly as it went out beside the plan's NOTICE_SENT,
 * as the assessment's are in case_notice. A plan outlives its assessment and is never deleted,
 * so nothing lifts the rule: a notice sent in error is corrected by superseding its NOTICE_SENT
 * and sending again. Reading one names the plan in the access log (`plan_notice_read`), as does
 * the plan's own subject-access export (`plan_export`), for a plan that no case made.
 */
export class PlanNotices1795430000000 implements MigrationInterface {
  name = 'PlanNotices1795430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        plan_id uuid NOT NULL REFERENCES ehc_plan(id),
        notice text NOT NULL CHECK (notice IN ('review_decision', 'amendment_notice', 'amended_plan', 'decision_not_to_amend', 'reassessment_decision', 'cease_decision', 'transfer_notice')),
        version integer NOT NULL CHECK (version >= 1),
        event_seq integer NOT NULL,
        variant text NOT NULL,
        title text NOT NULL,
        method text NOT NULL CHECK (method IN ('email', 'post', 'hand')),
        recipient text NOT NULL,
        sent_to text,
        sent_on date NOT NULL,
        served_on date NOT NULL CHECK (served_on >= sent_on),
        html text NOT NULL,
        text text NOT NULL,
        pdf bytea NOT NULL,
        pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        sent_by_user_id uuid,
        sent_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_notice_version_once UNIQUE (plan_id, notice, version),
        CONSTRAINT plan_notice_one_per_trail_line UNIQUE (plan_id, event_seq),
        CONSTRAINT plan_notice_email_has_address CHECK (method <> 'email' OR sent_to IS NOT NULL)
      )`);
    await db.query(`
      CREATE FUNCTION plan_notice_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_notice is append-only: a notice as sent cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_notice_append_only BEFORE UPDATE OR DELETE ON plan_notice
      FOR EACH ROW EXECUTE FUNCTION plan_notice_is_append_only()`);
    await db.query(`
      CREATE TABLE plan_notice_delivery (
        notice_id uuid NOT NULL REFERENCES plan_notice(id),
        channel text NOT NULL CHECK (channel = 'email'),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (notice_id, channel, target)
      )`);
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'add');
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while plan_notice_read or plan_export entries exist: the log is append-only.
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'remove');
    await db.query(`DROP TABLE plan_notice_delivery`);
    await db.query(`DROP TABLE plan_notice`);
    await db.query(`DROP FUNCTION plan_notice_is_append_only()`);
  }
}
