/**
 * Bulk-loads realistic case histories for the reports benchmark, entirely inside PostgreSQL
 * (INSERT … SELECT over generate_series): each case gets a planned path (declined, withdrawn,
 * assessed with 2-3 pieces of advice, no plan, plan on time or late, some exceptions), and only
 * the steps dated on or before "today" are written, as the engine would have recorded them.
 */
import type pg from 'pg';
import { CASE_DEADLINE_MEASURES_BACKFILL } from '../migrations/1795433500000-DeadlineMeasures.js';
import { CASE_REPORT_STEPS_BACKFILL } from '../migrations/1795434000000-CaseReportSteps.js';

/** Every step date of every case, drawn once; the inserts below read this table. */
const planSql = (cases: number, today: string) => `
  CREATE UNLOGGED TABLE bench_plan AS
  WITH drawn AS (
    SELECT n, gen_random_uuid() AS id, '${today}'::date - (random() * 3650)::int AS t0,
      random() AS path, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
      CASE WHEN random() < 0.9 THEN 'caseworker-' || (1 + (random() * 39)::int) END AS assignee
    FROM generate_series(1, ${cases}) n),
  dated AS (
    SELECT *, t0 + (14 + r1 * 35)::int AS decided_on, -- about one in six decided after 6 weeks
      CASE WHEN path < 0.25 THEN 'declined' WHEN path < 0.28 THEN 'withdrawn_early'
           WHEN path < 0.30 THEN 'withdrawn_assessing' WHEN path < 0.35 THEN 'no_plan' ELSE 'plan' END AS kind
    FROM drawn),
  assessed AS (
    SELECT *, decided_on + 1 AS advice_asked_on, decided_on + 1 + (18 + r2 * 45)::int AS advice_on, -- nearly half late
      r3 < 0.5 AS with_ep, r4 < 0.06 AS with_exception
    FROM dated)
  SELECT *, advice_on + (10 + r3 * 25)::int AS issued_on,
    advice_on + (10 + r3 * 25)::int + (7 + r4 * 14)::int AS draft_on,
    advice_on + (10 + r3 * 25)::int + (7 + r4 * 14)::int + (15 + r5 * 28)::int AS final_on,
    CASE WHEN kind = 'withdrawn_early' THEN t0 + (3 + r1 * 25)::int WHEN kind = 'withdrawn_assessing' THEN decided_on + (10 + r5 * 30)::int END AS withdrawn_on
  FROM assessed`;

/** One row per event the case would have by today, in fixed sequence slots (gaps are harmless to reports). */
const eventsSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_event AS
  SELECT p.id AS case_id, e.seq, e.type, e.on_date, e.payload FROM bench_plan p
  CROSS JOIN LATERAL (VALUES
    (1, 'REQUEST_RECEIVED', p.t0, jsonb_build_object('child', jsonb_build_object('givenName', 'Child', 'familyName', 'N' || p.n, 'dateOfBirth', p.t0 - 3000), 'requestSource', 'parent'), true),
    (2, 'ASSIGNED', p.t0 + 1, jsonb_build_object('assigneeId', p.assignee), p.assignee IS NOT NULL AND p.kind <> 'withdrawn_early'),
    (3, 'DECISION_TO_ASSESS', p.decided_on, CASE WHEN p.kind = 'declined' THEN '{"decision":"decline","reasons":"Needs met"}'::jsonb ELSE '{"decision":"assess"}' END, p.kind <> 'withdrawn_early'),
    (4, 'ADVICE_REQUESTED', p.advice_asked_on, '{"contributor":"health","contact":{"organisation":"North ICB"}}'::jsonb, p.kind NOT IN ('declined', 'withdrawn_early')),
    (5, 'ADVICE_REQUESTED', p.advice_asked_on, '{"contributor":"education","contact":{"organisation":"Oak School"}}'::jsonb, p.kind NOT IN ('declined', 'withdrawn_early')),
    (6, 'ADVICE_REQUESTED', p.advice_asked_on, '{"contributor":"educational_psychology"}'::jsonb, p.with_ep AND p.kind NOT IN ('declined', 'withdrawn_early')),
    (7, 'EXCEPTION_RECORDED', p.advice_asked_on + 7, jsonb_build_object('exception', 'personal_circumstances', 'from', p.advice_asked_on, 'to', p.advice_asked_on + 28, 'limits', jsonb_build_array('finalPlan')), p.with_exception AND p.kind = 'plan'),
    (8, 'ADVICE_RECEIVED', p.advice_on, '{"contributor":"health"}'::jsonb, p.kind IN ('no_plan', 'plan')),
    (9, 'ADVICE_RECEIVED', p.advice_on - 3, '{"contributor":"education"}'::jsonb, p.kind IN ('no_plan', 'plan')),
    (10, 'ADVICE_RECEIVED', p.advice_on - 1, '{"contributor":"educational_psychology"}'::jsonb, p.with_ep AND p.kind IN ('no_plan', 'plan')),
    (11, 'DECISION_TO_ISSUE', p.issued_on, CASE WHEN p.kind = 'no_plan' THEN '{"decision":"not_issue","reasons":"No plan needed"}'::jsonb ELSE '{"decision":"issue"}' END, p.kind IN ('no_plan', 'plan')),
    (12, 'DRAFT_PLAN_ISSUED', p.draft_on, '{}'::jsonb, p.kind = 'plan'),
    (13, 'FINAL_PLAN_ISSUED', p.final_on, '{}'::jsonb, p.kind = 'plan'),
    (14, 'WITHDRAWN', p.withdrawn_on, '{"reason":"Family withdrew"}'::jsonb, p.withdrawn_on IS NOT NULL)
  ) AS e(seq, type, on_date, payload, applies)
  WHERE e.applies AND e.on_date <= '${today}'::date`;

/** Each case's facts as the machine keeps them, from the events it has. */
const FACTS_SQL = `
  CREATE UNLOGGED TABLE bench_facts AS
  SELECT case_id, max(seq) AS last_seq, count(*) AS events,
    max(on_date) FILTER (WHERE type = 'DECISION_TO_ASSESS') AS decided_on,
    max(payload->>'decision') FILTER (WHERE type = 'DECISION_TO_ASSESS') AS decision,
    max(on_date) FILTER (WHERE type = 'DECISION_TO_ISSUE') AS issued_on,
    max(payload->>'decision') FILTER (WHERE type = 'DECISION_TO_ISSUE') AS issue_decision,
    max(on_date) FILTER (WHERE type = 'DRAFT_PLAN_ISSUED') AS draft_on,
    max(on_date) FILTER (WHERE type = 'FINAL_PLAN_ISSUED') AS final_on,
    max(on_date) FILTER (WHERE type = 'WITHDRAWN') AS withdrawn_on,
    bool_or(type = 'EXCEPTION_RECORDED') AS excepted,
    max(on_date) FILTER (WHERE type = 'ADVICE_REQUESTED') AS advice_asked_on,
    jsonb_object_agg(payload->>'contributor', on_date) FILTER (WHERE type = 'ADVICE_REQUESTED') AS asked,
    jsonb_object_agg(payload->>'contributor', on_date) FILTER (WHERE type = 'ADVICE_RECEIVED') AS received
  FROM bench_event GROUP BY case_id`;

const STATUS_SQL = `CASE
  WHEN f.withdrawn_on IS NOT NULL THEN 'withdrawn' WHEN f.final_on IS NOT NULL THEN 'plan_issued'
  WHEN f.draft_on IS NOT NULL THEN 'draft_issued' WHEN f.issue_decision = 'issue' THEN 'drafting'
  WHEN f.issue_decision = 'not_issue' THEN 'declined_to_issue' WHEN f.decision = 'decline' THEN 'declined_to_assess'
  WHEN f.decision = 'assess' THEN 'assessing' ELSE 'awaiting_decision' END`;

/**
 * The advice requests of the facts, as the engine writes them (CaseFacts.advice, in the order
 * asked), so reading a snapshot costs what it costs on a live system, with nothing to normalise.
 */
const ADVICE_JSON = `coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('name', 'advice.' || k, 'contributor', k, 'requestedOn', v,
    'deliveredOn', v, 'receivedOn', f.received->k, 'contact', CASE k WHEN 'health' THEN '{"organisation":"North ICB"}'::jsonb
    WHEN 'education' THEN '{"organisation":"Oak School"}'::jsonb END)) ORDER BY array_position(ARRAY['health', 'education', 'educational_psychology'], k))
  FROM jsonb_each(f.asked) AS a(k, v)), '[]'::jsonb)`;

/** One child record per case, with the case's own id (the bench children share nothing). */
const CHILDREN_SQL = `INSERT INTO child (id, local_authority_id) SELECT id, $1 FROM bench_plan`;

const CASES_SQL = `
  INSERT INTO ehc_case (id, local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
    child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, assignee_id, child_id)
  SELECT p.id, $1, 'EHC-' || extract(year FROM p.t0) || '-' || lpad(p.n::text, 7, '0'), 'ehc-needs-assessment', 1,
    jsonb_build_object('status', 'active', 'value', ${STATUS_SQL}, 'context', jsonb_strip_nulls(jsonb_build_object(
      'requestReceivedOn', p.t0, 'requestSource', 'parent', 'assigneeId', CASE WHEN f.events > 1 AND p.kind <> 'withdrawn_early' THEN p.assignee END,
      'decisionToAssess', CASE WHEN f.decision IS NOT NULL THEN jsonb_build_object('decision', f.decision, 'on', f.decided_on) END,
      'advice', ${ADVICE_JSON},
      'issueDecision', CASE WHEN f.issue_decision IS NOT NULL THEN jsonb_build_object('decision', f.issue_decision, 'on', f.issued_on) END,
      'draftIssuedOn', f.draft_on, 'finalIssuedOn', f.final_on, 'withdrawnOn', f.withdrawn_on,
      'exceptions', CASE WHEN f.excepted THEN jsonb_build_array(jsonb_build_object('exception', 'personal_circumstances',
        'from', p.advice_asked_on, 'to', p.advice_asked_on + 28, 'limits', jsonb_build_array('finalPlan'), 'recordedOn', p.advice_asked_on + 7, 'seq', 7, 'approvedBy', 'bench',
        'approvedOn', p.advice_asked_on + 7)) ELSE '[]'::jsonb END,
      'notices', '{}'::jsonb))),
    ${STATUS_SQL}, f.events, 'Child', 'N' || p.n, p.t0 - 3000, p.t0, 'parent',
    CASE WHEN f.last_seq >= 2 AND p.assignee IS NOT NULL AND p.kind <> 'withdrawn_early' THEN p.assignee END, p.id
  FROM bench_plan p JOIN bench_facts f ON f.case_id = p.id`;

const CASE_EVENTS_SQL = `
  INSERT INTO case_event (case_id, seq, local_authority_id, type, occurred_on, recorded_at, actor, machine_version, payload)
  SELECT case_id, seq, $1, type, on_date, on_date + time '10:00', 'bench', 1, payload FROM bench_event`;

/**
 * The stored deadline rows, as toDeadlineRow would write them (open = still awaiting its step;
 * target_on, the date the overdue and early-warning lists read, is the revised target when
 * excepted, as limitRecord sets it, and null where the limit does not apply).
 */
const DEADLINES_SQL = `
  INSERT INTO case_deadline (case_id, name, local_authority_id, due_on, met_on, open, excepted, revised_target, target_on, statutory, regulation)
  SELECT c.id, d.name, $1, d.due_on, d.met_on, d.applies AND d.met_on IS NULL AND c.status NOT IN ('withdrawn', 'plan_issued', 'declined_to_assess', 'declined_to_issue'),
    d.excepted, CASE WHEN d.excepted THEN d.due_on + 28 END, CASE WHEN d.applies THEN d.due_on + CASE WHEN d.excepted THEN 28 ELSE 0 END END, true, d.regulation
  FROM ehc_case c JOIN bench_facts f ON f.case_id = c.id
  CROSS JOIN LATERAL (VALUES
    ('decisionToAssess', c.request_received_on + 42, f.decided_on, true, false, 'SEND Regs 2014 reg 5(1)'),
    ('issueDecision', c.request_received_on + 112, CASE WHEN f.issue_decision = 'not_issue' THEN f.issued_on END,
      f.decision IS DISTINCT FROM 'decline' AND f.issue_decision IS DISTINCT FROM 'issue', false, 'SEND Regs 2014 reg 10(1)'),
    ('finalPlan', c.request_received_on + 140, f.final_on, f.decision IS DISTINCT FROM 'decline' AND f.issue_decision IS DISTINCT FROM 'not_issue',
      coalesce(f.excepted, false), 'SEND Regs 2014 reg 13(2)'),
    ('advice.health', (f.asked->>'health')::date + 42, (f.received->>'health')::date, f.asked ? 'health', false, 'SEND Regs 2014 reg 8(1)'),
    ('advice.education', (f.asked->>'education')::date + 42, (f.received->>'education')::date, f.asked ? 'education', false, 'SEND Regs 2014 reg 8(1)')
  ) AS d(name, due_on, met_on, applies, excepted, regulation)
  WHERE d.due_on IS NOT NULL AND (d.applies OR d.name NOT LIKE 'advice.%')`;

const NEXT_DUE_SQL = `
  UPDATE ehc_case c SET next_due_on = d.next_due FROM (
    SELECT case_id, min(CASE WHEN excepted THEN revised_target ELSE due_on END) AS next_due
    FROM case_deadline WHERE open GROUP BY case_id) d
  WHERE d.case_id = c.id`;

/** `cases` and `today` come from the benchmark itself (a number and a checked date), never from input. */
export async function seedCases(client: pg.Client, authorityId: string, cases: number, today: string, log: (step: string) => void): Promise<void> {
  if (!Number.isInteger(cases) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('seedCases needs a whole number of cases and a YYYY-MM-DD date');
  await client.query(`SET synchronous_commit = off`);
  // Triggers off for the bulk load: the deadline rows' report measures and the report steps are filled set-based at the end.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SELECT setseed(0.42)`);
  const steps: [string, string, unknown[]][] = [
    ['plan', planSql(cases, today), []],
    ['events', eventsSql(today), []],
    ['facts', FACTS_SQL, []],
    ['child', CHILDREN_SQL, [authorityId]],
    ['ehc_case', CASES_SQL, [authorityId]],
    ['case_event', CASE_EVENTS_SQL, [authorityId]],
    ['case_deadline', DEADLINES_SQL, [authorityId]],
    ['next_due_on', NEXT_DUE_SQL, []],
    ['measures', CASE_DEADLINE_MEASURES_BACKFILL, []],
    ['report steps', CASE_REPORT_STEPS_BACKFILL, []],
  ];
  for (const [name, sql, params] of steps) {
    const started = Date.now();
    const result = await client.query(sql, params);
    log(`${name.padEnd(14)} ${String(result.rowCount ?? '').padStart(9)} rows  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await client.query(`DROP TABLE bench_plan, bench_event, bench_facts`);
  await client.query(`SET session_replication_role = DEFAULT`);
}
