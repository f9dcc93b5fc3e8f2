import type { MigrationInterface, QueryRunner } from 'typeorm';

const CLOSED_STATUSES = `'declined_to_assess','declined_to_issue','plan_issued','withdrawn'`;

/**
 * Deletion under the retention review (UK GDPR Art. 5(1)(e) storage limitation, Art. 5(2)
 * accountability). `retention_deletion` is what is left of a deleted case: which case (no foreign
 * key, the case is gone), its reference, status and dates, why, by whom and when. It holds no child's
 * name or date of birth, and like `case_event` a trigger refuses UPDATE and DELETE.
 *
 * The append-only trails of the case (`case_event`, `case_event_supersession`) and the access log
 * must then give up the deleted case's rows. Their triggers now let exactly that through, and only
 * when two things hold in the deleting transaction: the transaction-local setting
 * `ehc.retention_deletion_case` names the case (set by the deletion, cleared at commit or rollback),
 * AND a `retention_deletion` row for that case was inserted by this same transaction (its `xmin` is
 * the current top-level transaction). So no statement can remove trail rows without leaving, in the
 * same commit, an append-only record naming the case, who and why; a stray DELETE elsewhere in that
 * transaction, on another case, still fails. Access-log rows are not deleted but lose their case link
 * (every other column unchanged): who read how many cases when stays accountable, whose case does not.
 */
export class RetentionDeletions1795416000000 implements MigrationInterface {
  name = 'RetentionDeletions1795416000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE retention_deletion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL,
        reference text NOT NULL,
        status text NOT NULL CHECK (status IN (${CLOSED_STATUSES})),
        closed_on date NOT NULL,
        retain_until date NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
        deleted_by_user_id uuid,
        deleted_by text NOT NULL,
        deleted_at timestamptz NOT NULL,
        CONSTRAINT retention_deletion_once UNIQUE (case_id),
        CONSTRAINT retention_deletion_retained_after_closing CHECK (retain_until > closed_on),
        CONSTRAINT retention_deletion_past_retention CHECK (retain_until < (deleted_at AT TIME ZONE 'Europe/London')::date)
      )`);
    await db.query(`CREATE INDEX retention_deletion_authority_idx ON retention_deletion (local_authority_id, deleted_at DESC, id)`);
    await db.query(`
      CREATE FUNCTION retention_deletion_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'retention_deletion is append-only: the record of a deletion cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER retention_deletion_append_only BEFORE UPDATE OR DELETE ON retention_deletion
      FOR EACH ROW EXECUTE FUNCTION retention_deletion_is_append_only()`);

    await db.query(`
      CREATE FUNCTION retention_deletion_in_progress(deleted_case uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce(current_setting('ehc.retention_deletion_case', true), '') = deleted_case::text
          AND EXISTS (SELECT 1 FROM retention_deletion r WHERE r.case_id = deleted_case AND r.xmin = pg_current_xact_id()::xid)
      $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND retention_deletion_in_progress(OLD.case_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'case_event is append-only: the audit trail cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_supersession_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND retention_deletion_in_progress(OLD.case_id) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'case_event_supersession is append-only: a correction is itself corrected by another, never changed';
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.case_id IS NOT NULL AND retention_deletion_in_progress(OLD.case_id)
           AND to_jsonb(NEW) = jsonb_set(to_jsonb(OLD), '{case_id}', 'null') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'access_log is append-only: the record of who read a case cannot be changed or deleted';
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION access_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only: the record of who read a case cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_supersession_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event_supersession is append-only: a correction is itself corrected by another, never changed';
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: the audit trail cannot be changed or deleted';
      END $$`);
    await db.query(`DROP FUNCTION retention_deletion_in_progress(uuid)`);
    await db.query(`DROP TABLE retention_deletion`);
    await db.query(`DROP FUNCTION retention_deletion_is_append_only()`);
  }
}
