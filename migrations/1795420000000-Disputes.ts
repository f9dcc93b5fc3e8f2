import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'notice_sent','mediation_considered','mediating','certificate_awaited','certificate_issued','appealed','complying','closed'`;
const DECISIONS = `'refusal_to_assess','decision_not_to_issue','plan_contents','refusal_to_reassess','decision_not_to_amend','decision_to_cease'`;
const ACTIONS_BEFORE = `'case_read','case_trail_read','case_list_read','case_export','panel_meeting_read','decision_letter_read','sen2_extract',
  'plan_read','plan_trail_read','plan_list_read'`;
const ACTIONS = `${ACTIONS_BEFORE},'dispute_read','dispute_trail_read','dispute_list_read'`;

/**
 * Disputes (issue 14) as a third process on the plan's model: a row with its versioned machine
 * and snapshot about exactly one case or plan, an append-only trail with its supersessions, and
 * limit rows of the same shape as a plan's. One open dispute per decision per case or plan.
 * Notifications and access-log lines may name a dispute.
 */
export class Disputes1795420000000 implements MigrationInterface {
  name = 'Disputes1795420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dispute_reference_counter (
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        year integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (local_authority_id, year)
      )`);
    await db.query(`
      CREATE TABLE dispute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        reference text NOT NULL,
        machine_id text NOT NULL,
        machine_version integer NOT NULL CHECK (machine_version > 0),
        snapshot jsonb NOT NULL,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        version integer NOT NULL CHECK (version > 0),
        case_id uuid REFERENCES ehc_case(id),
        plan_id uuid REFERENCES ehc_plan(id),
        decision text NOT NULL CHECK (decision IN (${DECISIONS})),
        notice_sent_on date NOT NULL,
        assignee_id text,
        next_due_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT dispute_reference_unique UNIQUE (local_authority_id, reference),
        CONSTRAINT dispute_names_one_subject CHECK (num_nonnulls(case_id, plan_id) = 1)
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    // A second open dispute of the same decision is refused; a closed one may be followed by another.
    await db.query(`CREATE UNIQUE INDEX dispute_one_open_per_case_decision ON dispute (case_id, decision) WHERE status <> 'closed' AND case_id IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX dispute_one_open_per_plan_decision ON dispute (plan_id, decision) WHERE status <> 'closed' AND plan_id IS NOT NULL`);
    await db.query(`CREATE INDEX dispute_next_due_idx ON dispute (local_authority_id, next_due_on, id)`);
    await db.query(`CREATE INDEX dispute_status_idx ON dispute (local_authority_id, status)`);
    await db.query(`CREATE INDEX dispute_decision_idx ON dispute (local_authority_id, decision)`);
    await db.query(`CREATE INDEX dispute_assignee_idx ON dispute (local_authority_id, assignee_id) WHERE assignee_id IS NOT NULL`);
    await db.query(`CREATE INDEX dispute_case_idx ON dispute (case_id) WHERE case_id IS NOT NULL`);
    await db.query(`CREATE INDEX dispute_plan_idx ON dispute (plan_id) WHERE plan_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE dispute_event (
        dispute_id uuid NOT NULL REFERENCES dispute(id),
        seq integer NOT NULL CHECK (seq > 0),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        type text NOT NULL,
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        machine_version integer NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (dispute_id, seq)
      )`);
    await db.query(`
      CREATE FUNCTION dispute_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A dispute of an assessment goes with the case when the case is deleted under the retention review.
        IF TG_OP = 'DELETE' AND retention_deletion_in_progress((SELECT case_id FROM dispute WHERE id = OLD.dispute_id)) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'dispute_event is append-only: the audit trail cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER dispute_event_append_only BEFORE UPDATE OR DELETE ON dispute_event
      FOR EACH ROW EXECUTE FUNCTION dispute_event_is_append_only()`);

    await db.query(`
      CREATE TABLE dispute_deadline (
        dispute_id uuid NOT NULL REFERENCES dispute(id),
        name text NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        role text NOT NULL CHECK (role IN ('limit', 'latest_date', 'window')),
        due_on date NOT NULL,
        met_on date,
        open boolean NOT NULL,
        closed_on date,
        excepted boolean NOT NULL,
        held boolean NOT NULL,
        revised_target date,
        target_on date,
        statutory boolean NOT NULL,
        regulation text NOT NULL,
        notice_assumed boolean NOT NULL,
        measured_from date,
        PRIMARY KEY (dispute_id, name),
        CONSTRAINT dispute_deadline_open_is_unmet CHECK (NOT (open AND met_on IS NOT NULL)),
        CONSTRAINT dispute_deadline_held_has_no_target CHECK (NOT (held AND target_on IS NOT NULL)),
        CONSTRAINT dispute_deadline_closed_is_not_open CHECK (NOT (open AND closed_on IS NOT NULL))
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    await db.query(`
      CREATE INDEX dispute_deadline_open_target_idx ON dispute_deadline (local_authority_id, target_on)
      INCLUDE (dispute_id, role, name) WHERE open AND target_on IS NOT NULL`);

    await db.query(`
      CREATE TABLE dispute_event_supersession (
        dispute_id uuid NOT NULL,
        seq integer NOT NULL,
        superseded_by_seq integer NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (dispute_id, seq),
        CONSTRAINT dispute_event_supersession_superseded FOREIGN KEY (dispute_id, seq) REFERENCES dispute_event (dispute_id, seq),
        CONSTRAINT dispute_event_supersession_by FOREIGN KEY (dispute_id, superseded_by_seq) REFERENCES dispute_event (dispute_id, seq),
        CONSTRAINT dispute_event_supersession_later CHECK (superseded_by_seq > seq)
      )`);
    await db.query(`
      CREATE FUNCTION dispute_event_supersession_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND retention_deletion_in_progress((SELECT case_id FROM dispute WHERE id = OLD.dispute_id)) THEN RETURN OLD; END IF;
        RAISE EXCEPTION 'dispute_event_supersession is append-only: a correction is itself corrected by another, never changed';
      END $$`);
    await db.query(`
      CREATE TRIGGER dispute_event_supersession_append_only BEFORE UPDATE OR DELETE ON dispute_event_supersession
      FOR EACH ROW EXECUTE FUNCTION dispute_event_supersession_is_append_only()`);

    await db.query(`ALTER TABLE notification ADD COLUMN dispute_id uuid REFERENCES dispute(id)`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_names_one_process`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_names_one_process CHECK (num_nonnulls(case_id, plan_id, dispute_id) = 1)`);
    await db.query(`CREATE INDEX notification_dispute_idx ON notification (dispute_id) WHERE dispute_id IS NOT NULL`);

    await db.query(`ALTER TABLE access_log ADD COLUMN dispute_id uuid`);
    await db.query(`CREATE INDEX access_log_dispute_idx ON access_log (local_authority_id, dispute_id, accessed_at) WHERE dispute_id IS NOT NULL`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while dispute entries exist: the access log is append-only, so they are never rewritten to fit.
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`DROP INDEX access_log_dispute_idx`);
    await db.query(`ALTER TABLE access_log DROP COLUMN dispute_id`);
    await db.query(`DROP INDEX notification_dispute_idx`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_names_one_process`);
    await db.query(`ALTER TABLE notification DROP COLUMN dispute_id`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_names_one_process CHECK (num_nonnulls(case_id, plan_id) = 1)`);
    await db.query(`DROP TABLE dispute_event_supersession`);
    await db.query(`DROP FUNCTION dispute_event_supersession_is_append_only()`);
    await db.query(`DROP TABLE dispute_deadline`);
    await db.query(`DROP TABLE dispute_event`);
    await db.query(`DROP FUNCTION dispute_event_is_append_only()`);
    await db.query(`DROP TABLE dispute`);
    await db.query(`DROP TABLE dispute_reference_counter`);
  }
}
