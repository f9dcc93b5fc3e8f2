import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'awaiting_decision','declined_to_assess','assessing','declined_to_issue','drafting','draft_issued','plan_issued','withdrawn'`;
const SOURCES = `'parent','young_person','school','health','social_care','other'`;

/**
 * Local authorities, cases, their append-only event trail and the derived deadline rows.
 * Invariants live in the schema: CHECK constraints on the vocabularies, references unique
 * per authority, and a trigger that makes the event trail impossible to rewrite.
 */
export class CaseRecords1795404000000 implements MigrationInterface {
  name = 'CaseRecords1795404000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE local_authority (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        strict_day_counting boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE case_reference_counter (
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        year integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (local_authority_id, year)
      )`);
    await db.query(`
      CREATE TABLE ehc_case (
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
        request_received_on date NOT NULL,
        request_source text NOT NULL CHECK (request_source IN (${SOURCES})),
        assignee_id text,
        next_due_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ehc_case_reference_unique UNIQUE (local_authority_id, reference),
        CONSTRAINT ehc_case_born_before_request CHECK (child_date_of_birth <= request_received_on)
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    // The caseload list is ordered by the next due date within an authority.
    await db.query(`CREATE INDEX ehc_case_next_due_idx ON ehc_case (local_authority_id, next_due_on, id)`);
    await db.query(`CREATE INDEX ehc_case_status_idx ON ehc_case (local_authority_id, status)`);
    await db.query(`CREATE INDEX ehc_case_assignee_idx ON ehc_case (local_authority_id, assignee_id) WHERE assignee_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE case_event (
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        seq integer NOT NULL CHECK (seq > 0),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        type text NOT NULL,
        occurred_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        machine_version integer NOT NULL,
        payload jsonb NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await db.query(`
      CREATE FUNCTION case_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event is append-only: the audit trail cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event
      FOR EACH ROW EXECUTE FUNCTION case_event_is_append_only()`);

    await db.query(`
      CREATE TABLE case_deadline (
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        name text NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        due_on date NOT NULL,
        met_on date,
        open boolean NOT NULL,
        excepted boolean NOT NULL,
        revised_target date,
        statutory boolean NOT NULL,
        regulation text NOT NULL,
        PRIMARY KEY (case_id, name),
        CONSTRAINT case_deadline_open_is_unmet CHECK (NOT (open AND met_on IS NOT NULL))
      ) WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02)`);
    // "Overdue" and "due before" read this partial covering index, never the snapshots.
    await db.query(`
      CREATE INDEX case_deadline_open_due_idx ON case_deadline (local_authority_id, due_on)
      INCLUDE (case_id) WHERE open AND NOT excepted`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_deadline`);
    await db.query(`DROP TABLE case_event`);
    await db.query(`DROP FUNCTION case_event_is_append_only()`);
    await db.query(`DROP TABLE ehc_case`);
    await db.query(`DROP TABLE case_reference_counter`);
    await db.query(`DROP TABLE local_authority`);
  }
}
