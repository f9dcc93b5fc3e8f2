import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The steps the conversion report counts, one row per step of each case's live trail (superseded
 * events left out, replacements in their place), each with what the report asks of it: its kind
 * (a refusal or an agreement, a plan or no plan, a withdrawal before or after the decision to
 * assess) and the caseworker who held the case on its date (issue 15 item 5). The report, with
 * or without a breakdown, is then one index-only range scan, where it read the trail and probed
 * each step's case for the latest assignment and, for a withdrawal, for an earlier decision; the
 * SEN2 extract finds its requests and their outcomes here too.
 *
 * Triggers keep the rows right whatever writes the trail: a new step adds its row, an assignment
 * (back-dated ones included) re-reads who held the case for the steps dated since, and a
 * correction rebuilds the case's rows from its live trail. They fire after the writer's one
 * statement has written the case, its event and its supersession, so they see it whole.
 */
const STEP_TYPES = `'REQUEST_RECEIVED', 'DECISION_TO_ASSESS', 'DECISION_TO_ISSUE', 'FINAL_PLAN_ISSUED', 'WITHDRAWN'`;

/**
 * PL/pgSQL, so each statement's plan is kept for the session, and generic plans forced where a
 * query reads the live trail: planning its view (a union with an anti-join) takes longer than
 * running it, and PostgreSQL otherwise re-plans it for each call (about 1 ms a step).
 */
const FUNCTIONS = [
  // What the report counts a step as; a withdrawal is after the decision to assess when one precedes it in the live trail.
  `CREATE FUNCTION case_report_step_kind(p_case uuid, p_seq integer, p_type text, p_payload jsonb) RETURNS text
    LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    BEGIN
      RETURN CASE p_type
        WHEN 'REQUEST_RECEIVED' THEN 'request'
        WHEN 'DECISION_TO_ASSESS' THEN CASE WHEN p_payload->>'decision' = 'decline' THEN 'declined' ELSE 'agreed' END
        WHEN 'DECISION_TO_ISSUE' THEN CASE WHEN p_payload->>'decision' = 'not_issue' THEN 'not_issue' ELSE 'issue' END
        WHEN 'FINAL_PLAN_ISSUED' THEN 'plan'
        ELSE CASE WHEN EXISTS (SELECT 1 FROM live_case_event d WHERE d.case_id = p_case AND d.type = 'DECISION_TO_ASSESS' AND d.seq < p_seq)
          THEN 'withdrawn_after' ELSE 'withdrawn_before' END
      END;
    END $$`,
  // The report rows of one case's live trail (case_assignee_on: migration DeadlineMeasures).
  `CREATE FUNCTION case_report_steps_of(p_case uuid)
    RETURNS TABLE (case_id uuid, seq integer, local_authority_id uuid, kind text, occurred_on date, held_by text) LANGUAGE sql STABLE AS $$
    SELECT e.case_id, e.seq, e.local_authority_id, case_report_step_kind(e.case_id, e.seq, e.type, e.payload), e.occurred_on,
      case_assignee_on(e.case_id, e.occurred_on)
    FROM live_case_event e WHERE e.case_id = p_case AND e.type IN (${STEP_TYPES}) $$`,
  `CREATE FUNCTION case_report_steps_rebuild(p_case uuid) RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
    BEGIN
      DELETE FROM case_report_step WHERE case_id = p_case;
      INSERT INTO case_report_step SELECT * FROM case_report_steps_of(p_case);
    END $$`,
  // A step just written is live as it stands (nothing supersedes it yet).
  `CREATE FUNCTION case_report_steps_of_step() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO case_report_step (case_id, seq, local_authority_id, kind, occurred_on, held_by)
      VALUES (NEW.case_id, NEW.seq, NEW.local_authority_id, case_report_step_kind(NEW.case_id, NEW.seq, NEW.type, NEW.payload), NEW.occurred_on,
        case_assignee_on(NEW.case_id, NEW.occurred_on));
      RETURN NULL;
    END $$`,
  `CREATE FUNCTION case_report_steps_of_assignment() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
    BEGIN
      UPDATE case_report_step s SET held_by = case_assignee_on(s.case_id, s.occurred_on)
      WHERE s.case_id = NEW.case_id AND s.occurred_on >= NEW.occurred_on;
      RETURN NULL;
    END $$`,
  `CREATE FUNCTION case_report_steps_of_correction() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM case_report_steps_rebuild(NEW.case_id); RETURN NULL; END $$`,
];

const TRIGGERS = [
  `CREATE TRIGGER case_report_steps_step AFTER INSERT ON case_event
    FOR EACH ROW WHEN (NEW.type IN (${STEP_TYPES})) EXECUTE FUNCTION case_report_steps_of_step()`,
  `CREATE TRIGGER case_report_steps_assigned AFTER INSERT ON case_event
    FOR EACH ROW WHEN (NEW.type = 'ASSIGNED') EXECUTE FUNCTION case_report_steps_of_assignment()`,
  `CREATE TRIGGER case_report_steps_corrected AFTER INSERT ON case_event_supersession
    FOR EACH ROW EXECUTE FUNCTION case_report_steps_of_correction()`,
];

/** Every case's rows, set-based (the migration's backfill, and the benchmarks' seed after a bulk load with triggers off). */
export const CASE_REPORT_STEPS_BACKFILL = `INSERT INTO case_report_step SELECT s.* FROM ehc_case c CROSS JOIN LATERAL case_report_steps_of(c.id) s`;

export class CaseReportSteps1795434000000 implements MigrationInterface {
  name = 'CaseReportSteps1795434000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_report_step (
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        seq integer NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        kind text NOT NULL CHECK (kind IN ('request', 'agreed', 'declined', 'issue', 'not_issue', 'plan', 'withdrawn_before', 'withdrawn_after')),
        occurred_on date NOT NULL,
        held_by text,
        -- A case's steps read index-only (the SEN2 extract's per-request outcomes).
        PRIMARY KEY (case_id, seq) INCLUDE (kind, occurred_on)
      )`);
    for (const sql of FUNCTIONS) await db.query(sql);
    await db.query(CASE_REPORT_STEPS_BACKFILL);
    for (const sql of TRIGGERS) await db.query(sql);
    await db.query(`CREATE INDEX case_report_step_period_idx ON case_report_step (local_authority_id, occurred_on) INCLUDE (kind, held_by, case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const trigger of ['case_report_steps_step ON case_event', 'case_report_steps_assigned ON case_event', 'case_report_steps_corrected ON case_event_supersession']) {
      await db.query(`DROP TRIGGER ${trigger}`);
    }
    for (const fn of ['case_report_steps_of_correction()', 'case_report_steps_of_assignment()', 'case_report_steps_of_step()', 'case_report_steps_rebuild(uuid)', 'case_report_steps_of(uuid)', 'case_report_step_kind(uuid, integer, text, jsonb)']) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    await db.query(`DROP TABLE case_report_step`);
  }
}
