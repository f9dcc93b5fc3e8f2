import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statutory notices as sent (issue 16 item 1): each notice the engine wrote and a caseworker sent
 * is kept exactly as it went out — its HTML, its text and its PDF, with the PDF's digest — as
 * version 1, 2, … of that notice of the case, beside the NOTICE_SENT line of the trail it made.
 * Like the trail it is append-only: a notice sent in error is corrected by superseding its
 * NOTICE_SENT and sending again, never by changing what the family received. Only the retention
 * deletion of its case removes it (the trail's own rule, retention_deletion_in_progress).
 * An emailed notice has one delivery row, as alerts and account notices do.
 */
export class SentNotices1795429000000 implements MigrationInterface {
  name = 'SentNotices1795429000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        notice text NOT NULL CHECK (notice IN ('decision_to_assess', 'decision_to_issue', 'draft_plan', 'final_plan')),
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
        CONSTRAINT case_notice_version_once UNIQUE (case_id, notice, version),
        CONSTRAINT case_notice_one_per_trail_line UNIQUE (case_id, event_seq),
        CONSTRAINT case_notice_email_has_address CHECK (method <> 'email' OR sent_to IS NOT NULL)
      )`);
    await db.query(`
      CREATE FUNCTION case_notice_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND retention_deletion_in_progress(OLD.case_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'case_notice is append-only: a notice as sent cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_notice_append_only BEFORE UPDATE OR DELETE ON case_notice
      FOR EACH ROW EXECUTE FUNCTION case_notice_is_append_only()`);
    await db.query(`
      CREATE TABLE case_notice_delivery (
        notice_id uuid NOT NULL REFERENCES case_notice(id),
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
    await db.query(`DROP TABLE case_notice_delivery`);
    await db.query(`DROP TABLE case_notice`);
    await db.query(`DROP FUNCTION case_notice_is_append_only()`);
  }
}
