import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the timeliness report reads of each met limit of a case, kept on its deadline row (issue 15
 * item 5), so that the report is a scan of one index rather than, per step, a visit to the case
 * row (the days from the request) and a probe of the trail (who held the case, the organisation
 * asked for advice): at a million cases that was about 160,000 visits and probes a year's report.
 *
 * - `met_assignee_id`: the caseworker who held the case on `met_on`, the latest ASSIGNED in the
 *   live trail (corrections applied) dated on or before it; a later re-assignment never moves a
 *   past step to someone else.
 * - `days_from_request`: `met_on` less the case's request date.
 * - `advice_organisation`: for an advice limit (`advice.<contributor>[.<n>]`), the organisation
 *   named in the n-th request to that contributor.
 *
 * Triggers keep them right whatever writes the rows: a limit met or met on another day, an
 * assignment (back-dated ones included), a correction (it can replace an assignment or an advice
 * request; the request, and so its date, is never superseded). They fire after the statement's rows are written, so the
 * writer's one statement (case, event, deadline rows) is seen whole.
 */
const FUNCTIONS = [
  // PL/pgSQL, as the functions below, so each statement's plan is kept for the session (an SQL
  // function with subqueries is never inlined and is planned afresh on every call, about 0.3 ms),
  // with generic plans forced: PostgreSQL otherwise re-plans the live trail's view on each call.
  // Read straight from case_event when the case has no correction (its live trail is the same rows).
  `CREATE FUNCTION case_assignee_on(p_case uuid, p_on date) RETURNS text LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM case_event_supersession s WHERE s.case_id = p_case) THEN
        RETURN (SELECT a.payload->>'assigneeId' FROM live_case_event a
                WHERE a.case_id = p_case AND a.type = 'ASSIGNED' AND a.occurred_on <= p_on ORDER BY a.seq DESC LIMIT 1);
      END IF;
      RETURN (SELECT a.payload->>'assigneeId' FROM case_event a
              WHERE a.case_id = p_case AND a.type = 'ASSIGNED' AND a.occurred_on <= p_on ORDER BY a.seq DESC LIMIT 1);
    END $$`,
  `CREATE FUNCTION case_advice_organisation(p_case uuid, p_limit text) RETURNS text LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
    DECLARE
      v_contributor text := split_part(p_limit, '.', 2);
      v_nth integer := coalesce(nullif(split_part(p_limit, '.', 3), '')::int, 1);
    BEGIN
      IF EXISTS (SELECT 1 FROM case_event_supersession s WHERE s.case_id = p_case) THEN
        RETURN (SELECT a.payload->'contact'->>'organisation' FROM live_case_event a
                WHERE a.case_id = p_case AND a.type = 'ADVICE_REQUESTED' AND a.payload->>'contributor' = v_contributor ORDER BY a.seq OFFSET v_nth - 1 LIMIT 1);
      END IF;
      RETURN (SELECT a.payload->'contact'->>'organisation' FROM case_event a
              WHERE a.case_id = p_case AND a.type = 'ADVICE_REQUESTED' AND a.payload->>'contributor' = v_contributor ORDER BY a.seq OFFSET v_nth - 1 LIMIT 1);
    END $$`,
  // One case's rows (p_limit null: all of them, or those met on or after p_from); a row no longer met has nothing to measure.
  `CREATE FUNCTION case_deadline_measures_refresh(p_case uuid, p_limit text, p_from date) RETURNS void LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan AS $$
    BEGIN
      UPDATE case_deadline d SET
        met_assignee_id = CASE WHEN d.met_on IS NOT NULL THEN case_assignee_on(d.case_id, d.met_on) END,
        days_from_request = d.met_on - c.request_received_on,
        advice_organisation = CASE WHEN d.met_on IS NOT NULL AND d.name LIKE 'advice.%' THEN case_advice_organisation(d.case_id, d.name) END
      FROM ehc_case c
      WHERE c.id = d.case_id AND d.case_id = p_case AND (p_limit IS NULL OR d.name = p_limit) AND (p_from IS NULL OR d.met_on >= p_from)
        AND (d.met_on IS NOT NULL OR d.met_assignee_id IS NOT NULL OR d.days_from_request IS NOT NULL OR d.advice_organisation IS NOT NULL);
    END $$`,
  `CREATE FUNCTION case_deadline_measures_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM case_deadline_measures_refresh(NEW.case_id, NEW.name, NULL); RETURN NULL; END $$`,
  // An assignment changes who held the case from its date on: only the limits met since.
  `CREATE FUNCTION case_deadline_measures_of_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM case_deadline_measures_refresh(NEW.case_id, NULL, NEW.occurred_on); RETURN NULL; END $$`,
  `CREATE FUNCTION case_deadline_measures_of_case() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM case_deadline_measures_refresh(NEW.case_id, NULL, NULL); RETURN NULL; END $$`,
];

const TRIGGERS = [
  `CREATE TRIGGER case_deadline_measures_met AFTER INSERT ON case_deadline
    FOR EACH ROW WHEN (NEW.met_on IS NOT NULL) EXECUTE FUNCTION case_deadline_measures_of_row()`,
  `CREATE TRIGGER case_deadline_measures_met_changed AFTER UPDATE OF met_on ON case_deadline
    FOR EACH ROW WHEN (OLD.met_on IS DISTINCT FROM NEW.met_on) EXECUTE FUNCTION case_deadline_measures_of_row()`,
  `CREATE TRIGGER case_deadline_measures_assigned AFTER INSERT ON case_event
    FOR EACH ROW WHEN (NEW.type = 'ASSIGNED') EXECUTE FUNCTION case_deadline_measures_of_assignment()`,
  `CREATE TRIGGER case_deadline_measures_corrected AFTER INSERT ON case_event_supersession
    FOR EACH ROW EXECUTE FUNCTION case_deadline_measures_of_case()`,
];

/**
 * Every met limit's measures, by the same function the triggers call, case by case (the
 * migration's backfill, and the benchmarks' seed after a bulk load with triggers off).
 */
export const CASE_DEADLINE_MEASURES_BACKFILL = `DO $$ BEGIN
  PERFORM case_deadline_measures_refresh(c.id, NULL, NULL) FROM ehc_case c
  WHERE EXISTS (SELECT 1 FROM case_deadline d WHERE d.case_id = c.id AND d.met_on IS NOT NULL);
END $$`;

/** The timeliness report's two range scans, now index-only for everything they read. */
const INDEXES: [name: string, replaces: string, definition: string][] = [
  ['case_deadline_met_measures_idx', 'case_deadline_met_idx',
    `ON case_deadline (local_authority_id, name, met_on) INCLUDE (due_on, excepted, case_id, met_assignee_id, days_from_request)
      WHERE met_on IS NOT NULL`],
  ['case_deadline_advice_met_measures_idx', 'case_deadline_advice_met_idx',
    `ON case_deadline (local_authority_id, met_on) INCLUDE (name, due_on, case_id, advice_organisation)
      WHERE met_on IS NOT NULL AND name LIKE 'advice.%'`],
];

export class DeadlineMeasures1795433500000 implements MigrationInterface {
  name = 'DeadlineMeasures1795433500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_deadline ADD COLUMN met_assignee_id text, ADD COLUMN days_from_request integer, ADD COLUMN advice_organisation text`);
    for (const sql of FUNCTIONS) await db.query(sql);
    await db.query(CASE_DEADLINE_MEASURES_BACKFILL);
    for (const sql of TRIGGERS) await db.query(sql);
    for (const [name, replaces, definition] of INDEXES) {
      await db.query(`CREATE INDEX ${name} ${definition}`);
      await db.query(`DROP INDEX ${replaces}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX case_deadline_met_idx ON case_deadline (local_authority_id, name, met_on) INCLUDE (due_on, excepted, case_id)
      WHERE met_on IS NOT NULL`);
    await db.query(`CREATE INDEX case_deadline_advice_met_idx ON case_deadline (local_authority_id, met_on) INCLUDE (name, due_on, case_id)
      WHERE met_on IS NOT NULL AND name LIKE 'advice.%'`);
    for (const [name] of INDEXES) await db.query(`DROP INDEX ${name}`);
    for (const trigger of ['case_deadline_measures_met ON case_deadline', 'case_deadline_measures_met_changed ON case_deadline',
      'case_deadline_measures_assigned ON case_event', 'case_deadline_measures_corrected ON case_event_supersession']) await db.query(`DROP TRIGGER ${trigger}`);
    for (const fn of ['case_deadline_measures_of_case()', 'case_deadline_measures_of_assignment()', 'case_deadline_measures_of_row()', 'case_deadline_measures_refresh(uuid, text, date)',
      'case_advice_organisation(uuid, text)', 'case_assignee_on(uuid, date)']) await db.query(`DROP FUNCTION ${fn}`);
    await db.query(`ALTER TABLE case_deadline DROP COLUMN met_assignee_id, DROP COLUMN days_from_request, DROP COLUMN advice_organisation`);
  }
}
