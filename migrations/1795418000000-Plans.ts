import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'maintained','review_scheduled','review_held','amendment_proposed','reassessment_requested','reassessing',
  'cease_pending_appeal_window','ceased','transferred_out'`;
const ENDED = `'ceased','transferred_out'`;
const ACTIONS_BEFORE = `'case_read','case_trail_read','case_list_read','case_export','panel_meeting_read','decision_letter_read','sen2_extract'`;
const ACTIONS = `${ACTIONS_BEFORE},'plan_read','plan_trail_read','plan_list_read'`;

/**
 * The maintained EHC plan as a process of its own (design section 7): a row with its versioned
 * machine and snapshot, an append-only trail and derived limit rows of the same shape as a
 * case's, so lists, alerts, the sweep and the digest read both alike. One maintained plan per
 * child per authority; the case that led to a plan points at it. Notifications and access-log
 * lines name a case or a plan.
 */
export class Plans1795418000000 implements MigrationInterface {
  name = 'Plans1795418000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_reference_counter (
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        year integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (local_authority_id, year)
      )`);
    await db.query(`
      CREATE TABLE ehc_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        reference text NOT NULL,
        machine_id text NOT NULL,
        machine_version integer NOT NULL CHECK (machine_version > 0),
        snapshot jsonb NOT NULL,
        status text NOT NULL CHECK (status IN (${STATUSES})),
        version integer NOT NULL CHECK (version > 0),
        child_given_name text NOT NULL CHECK (length(child_given_name) > 0),
        child_family_name text NOT NULL CHECK (length(child_family_name) > 0),
        child_date_of_birth date NOT NULL,
        started_on date NOT NULL,
        case_id uuid UNIQUE REFERENCES ehc_case(id),
        assignee_id text,
        next_due_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ehc_plan_reference_unique UNIQUE (local_authority_id, reference),
        CONSTRAINT ehc_plan_born_before_start CHECK (child_date_of_birth <= started_on)
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    // One maintained plan per child per authority (CFA 2014 s.37): a ceased or transferred plan may be followed by another.
    await db.query(`
      CREATE UNIQUE INDEX ehc_plan_one_maintained_per_child ON ehc_plan
        (local_authority_id, lower(child_given_name), lower(child_family_name), child_date_of_birth) WHERE status NOT IN (${ENDED})`);
    await db.query(`CREATE INDEX ehc_plan_next_due_idx ON ehc_plan (local_authority_id, next_due_on, id)`);
    await db.query(`CREATE INDEX ehc_plan_status_idx ON ehc_plan (local_authority_id, status)`);
    await db.query(`CREATE INDEX ehc_plan_assignee_idx ON ehc_plan (local_authority_id, assignee_id) WHERE assignee_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE plan_event (
        plan_id uuid NOT NULL REFERENCES ehc_plan(id),
        seq integer NOT NULL CHECK (seq > 0),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        type text NOT NULL,
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        machine_version integer NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (plan_id, seq)
      )`);
    await db.query(`
      CREATE FUNCTION plan_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_event is append-only: the audit trail cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_event_append_only BEFORE UPDATE OR DELETE ON plan_event
      FOR EACH ROW EXECUTE FUNCTION plan_event_is_append_only()`);

    await db.query(`
      CREATE TABLE plan_deadline (
        plan_id uuid NOT NULL REFERENCES ehc_plan(id),
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
        PRIMARY KEY (plan_id, name),
        CONSTRAINT plan_deadline_open_is_unmet CHECK (NOT (open AND met_on IS NOT NULL)),
        CONSTRAINT plan_deadline_held_has_no_target CHECK (NOT (held AND target_on IS NOT NULL)),
        CONSTRAINT plan_deadline_closed_is_not_open CHECK (NOT (open AND closed_on IS NOT NULL))
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    await db.query(`
      CREATE INDEX plan_deadline_open_target_idx ON plan_deadline (local_authority_id, target_on)
      INCLUDE (plan_id, role, name) WHERE open AND target_on IS NOT NULL`);

    await db.query(`ALTER TABLE ehc_case ADD COLUMN plan_id uuid REFERENCES ehc_plan(id)`);
    // The earlier step a timeliness measure also counts a limit from (an amendment after a review: the meeting).
    await db.query(`ALTER TABLE case_deadline ADD COLUMN measured_from date`);

    await db.query(`ALTER TABLE notification ALTER COLUMN case_id DROP NOT NULL, ADD COLUMN plan_id uuid REFERENCES ehc_plan(id)`);
    await db.query(`ALTER TABLE notification ADD CONSTRAINT notification_names_one_process CHECK (num_nonnulls(case_id, plan_id) = 1)`);
    await db.query(`CREATE INDEX notification_plan_idx ON notification (plan_id) WHERE plan_id IS NOT NULL`);

    await db.query(`ALTER TABLE access_log ADD COLUMN plan_id uuid`);
    await db.query(`CREATE INDEX access_log_plan_idx ON access_log (local_authority_id, plan_id, accessed_at) WHERE plan_id IS NOT NULL`);
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS}))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while plan entries exist: the access log is append-only, so they are never rewritten to fit.
    await db.query(`ALTER TABLE access_log DROP CONSTRAINT access_log_action_check`);
    await db.query(`ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN (${ACTIONS_BEFORE}))`);
    await db.query(`DROP INDEX access_log_plan_idx`);
    await db.query(`ALTER TABLE access_log DROP COLUMN plan_id`);
    await db.query(`DROP INDEX notification_plan_idx`);
    await db.query(`ALTER TABLE notification DROP CONSTRAINT notification_names_one_process, DROP COLUMN plan_id, ALTER COLUMN case_id SET NOT NULL`);
    await db.query(`ALTER TABLE case_deadline DROP COLUMN measured_from`);
    await db.query(`ALTER TABLE ehc_case DROP COLUMN plan_id`);
    await db.query(`DROP TABLE plan_deadline`);
    await db.query(`DROP TABLE plan_event`);
    await db.query(`DROP FUNCTION plan_event_is_append_only()`);
    await db.query(`DROP TABLE ehc_plan`);
    await db.query(`DROP TABLE plan_reference_counter`);
  }
}
