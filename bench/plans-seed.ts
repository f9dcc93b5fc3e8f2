/**
 * Bulk-loads maintained plans for the plans benchmark, entirely inside PostgreSQL (INSERT …
 * SELECT over generate_series and one recursive CTE): children aged 2 to 22, plans made over
 * their lives, the engine in use from CUTOVER (earlier history arrives as the last review
 * meeting, as `POST /api/plans` takes it), then a review a year — held on time or late, decided
 * within 4 weeks or not, to maintain (52%), amend (45%, the amended plan within 8 weeks or not)
 * or cease (3%, the plan ceasing after the appeal window) — with an amendment outside a review
 * for some, and the phase transfer of each child's cohort. Only steps dated on or before "today"
 * are written: the trail, the limit rows as planLimitRecords derives them, and compact
 * snapshots holding the facts the page lists read (phase, date of birth, transfers met).
 * Phase transfers are drawn on their own, not tied to an amendment in the trail.
 */
import type pg from 'pg';
import { PLAN_LIMIT_RULES, type PlanLimitKind } from '../workflows/ehc-plan/index.js';

/** The engine's first day in use: plans made before it arrived with their last review meeting. */
const CUTOVER = '2024-09-01';

const regulation = (kind: PlanLimitKind) => `'${PLAN_LIMIT_RULES[kind].regulation.replaceAll("'", "''")}'`;

const transferDue = (entryYear: string) =>
  `make_date(cohort + 4 + ${entryYear}, CASE WHEN ${entryYear} = 12 THEN 3 ELSE 2 END, CASE WHEN ${entryYear} = 12 THEN 30 ELSE 14 END)`;

/**
 * Each plan and its child's phase transfers: the one of September 2025 or 2026, for a plan made
 * before its date (named, a fifth of them late; 6% of 2026's not yet), and the next one.
 */
const plansSql = (plans: number, today: string) => `
  CREATE UNLOGGED TABLE bench_plan AS
  WITH drawn AS (
    SELECT n, gen_random_uuid() AS id, '${today}'::date - (730 + random() * 7300)::int AS dob, random() AS r_start, random() AS r_pre,
      random() AS r_phase, random() AS r_named, CASE WHEN random() < 0.9 THEN 'caseworker-' || (1 + (random() * 59)::int) END AS assignee
    FROM generate_series(1, ${plans}) n),
  started AS (
    SELECT *, dob + 365 + (r_start * ('${today}'::date - dob - 366))::int AS started_on,
      extract(year FROM dob)::int + (extract(month FROM dob) >= 9)::int AS cohort
    FROM drawn),
  school AS (
    SELECT *, extract(year FROM '${today}'::date)::int - (extract(month FROM '${today}'::date) < 9)::int - (cohort + 4) AS year_now FROM started),
  phased AS (
    SELECT *, CASE WHEN year_now >= 12 THEN 12 WHEN year_now >= 7 THEN 7 WHEN year_now >= 0 THEN 0 END AS e_prev,
      CASE WHEN year_now < 0 THEN 0 WHEN year_now < 7 THEN 7 WHEN year_now < 12 THEN 12 END AS e_next
    FROM school),
  transfers AS (
    SELECT *, ${transferDue('e_prev')} AS prev_due, ${transferDue('e_next')} AS next_due FROM phased)
  SELECT *, CASE WHEN started_on < '${CUTOVER}'::date - 365 THEN '${CUTOVER}'::date - 1 - (r_pre * 364)::int END AS pre_meeting,
    cohort + 4 + e_prev IN (2025, 2026) AND started_on < prev_due AS prev_recorded,
    r_phase < 0.94 OR cohort + 4 + e_prev < 2026 AS prev_named, prev_due - 75 + (r_phase * 100)::int AS prev_named_on,
    CASE WHEN next_due - '${today}'::date < 120 AND r_named < 0.12 THEN '${today}'::date - (r_named * 400)::int END AS next_named_on
  FROM transfers`;

/** Meeting of a cycle anchored on `a`: before the 12 months end, 12% late by up to 9 weeks. */
const meeting = (a: string, r: string, late: string) =>
  `((${a} + interval '12 months')::date - 1 - (7 + ${r} * 56)::int + CASE WHEN ${late} < 0.12 THEN 7 + (${late} * 450)::int ELSE 0 END)`;
const outcome = (r: string) => `CASE WHEN ${r} < 0.03 THEN 'cease' WHEN ${r} < 0.48 THEN 'amend' ELSE 'maintain' END`;

/** 2% of reviews are never arranged, and 3% of review amendments never finalised: the plan goes no further. */
const STALLED = `(r_late > 0.98)`;
const UNFINISHED = `(${outcome('r_outcome')} = 'amend' AND r_amend > 0.97)`;

const cyclesSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_cycle AS
  WITH RECURSIVE cycle AS (
    SELECT id AS plan_id, 1 AS k, coalesce(pre_meeting, started_on) AS anchor, NULL::date AS prev_decided_on,
      random() AS r_meet, random() AS r_late, random() AS r_a, random() AS r_b, random() AS r_c, random() AS r_decide, random() AS r_outcome, random() AS r_amend, random() AS r_other
    FROM bench_plan
    UNION ALL
    SELECT plan_id, k + 1, ${meeting('anchor', 'r_meet', 'r_late')}, ${meeting('anchor', 'r_meet', 'r_late')} + 5 + (r_c * 16)::int + (r_decide * 22)::int,
      random(), random(), random(), random(), random(), random(), random(), random(), random()
    FROM cycle WHERE ${meeting('anchor', 'r_meet', 'r_late')} <= '${today}'::date AND ${outcome('r_outcome')} <> 'cease' AND NOT ${STALLED} AND NOT ${UNFINISHED} AND k < 6)
  SELECT plan_id, k, anchor, prev_decided_on, (anchor + interval '12 months')::date - 1 AS due_on, m AS meeting_on,
    m - 49 - (r_a * 10)::int AS scheduled_on, m - 46 + (r_a * 40)::int AS invited_on, m - 42 + (r_b * 38)::int AS advice_on,
    m + 3 + (r_c * 16)::int AS report_on, m + 5 + (r_c * 16)::int + (r_decide * 22)::int AS decided_on, ${outcome('r_outcome')} AS decision,
    ${UNFINISHED} AS unfinished,
    (ARRAY[1, 1, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9])[1 + (r_other * 12.99)::int] AS cease_reason,
    r_amend, r_other
  FROM cycle, LATERAL (SELECT CASE WHEN NOT ${STALLED} THEN ${meeting('anchor', 'r_meet', 'r_late')} END AS m) meeting`;

/** Each cycle's dates: the review amendment, an amendment outside a review (15% of maintained reviews), the cessation. */
const STEPS_SQL = `
  CREATE UNLOGGED TABLE bench_step AS
  SELECT c.*, CASE WHEN decision = 'amend' AND NOT unfinished THEN decided_on + 21 + (r_amend * 55)::int END AS amended_on,
    CASE WHEN decision = 'maintain' AND r_other < 0.15 THEN decided_on + 20 + (r_other * 300)::int END AS other_notice_on,
    CASE WHEN decision = 'maintain' AND r_other < 0.15 THEN decided_on + 41 + (r_other * 300)::int + (r_amend * 50)::int END AS other_amended_on,
    CASE WHEN decision = 'cease' THEN decided_on + 80 + (r_amend * 40)::int END AS ceased_on,
    CASE WHEN decision = 'cease' THEN (decided_on + interval '2 months')::date + 16 END AS cease_effect_on
  FROM bench_cycle c`;

const eventsSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_event AS
  SELECT p.id AS plan_id, 1 AS seq, 'PLAN_STARTED' AS type, p.started_on AS on_date,
    jsonb_strip_nulls(jsonb_build_object('startedOn', p.started_on, 'childDateOfBirth', p.dob, 'lastReviewMeetingOn', p.pre_meeting)) AS payload
  FROM bench_plan p
  UNION ALL
  SELECT id, 2, 'ASSIGNED', greatest(started_on, '${CUTOVER}'::date), jsonb_build_object('assigneeId', assignee) FROM bench_plan WHERE assignee IS NOT NULL
  UNION ALL
  SELECT s.plan_id, 10 * s.k + e.slot, e.type, e.on_date, e.payload FROM bench_step s
  CROSS JOIN LATERAL (VALUES
    (1, 'REVIEW_MEETING_SCHEDULED', s.scheduled_on, jsonb_build_object('meetingOn', s.meeting_on)),
    (2, 'REVIEW_INVITATIONS_SENT', s.invited_on, '{}'::jsonb),
    (3, 'REVIEW_ADVICE_CIRCULATED', s.advice_on, '{}'::jsonb),
    (4, 'REVIEW_MEETING_HELD', s.meeting_on, '{}'::jsonb),
    (5, 'REVIEW_REPORT_RECEIVED', s.report_on, '{}'::jsonb),
    (6, 'REVIEW_DECISION', s.decided_on, jsonb_strip_nulls(jsonb_build_object('decision', s.decision, 'notice', jsonb_build_object('sentOn', s.decided_on, 'method', 'email'),
      'reasons', CASE WHEN s.decision = 'cease' THEN 'Needs now met without a plan' END, 'ceaseReason', CASE WHEN s.decision = 'cease' THEN s.cease_reason END))),
    (7, 'AMENDED_PLAN_ISSUED', s.amended_on, jsonb_build_object('notice', jsonb_build_object('sentOn', s.amended_on, 'method', 'email'))),
    (7, 'CEASED', s.ceased_on, '{}'::jsonb),
    (8, 'AMENDMENT_NOTICE_SENT', s.other_notice_on, '{"method":"email"}'::jsonb),
    (9, 'AMENDED_PLAN_ISSUED', s.other_amended_on, jsonb_build_object('notice', jsonb_build_object('sentOn', s.other_amended_on, 'method', 'email')))
  ) AS e(slot, type, on_date, payload)
  WHERE e.on_date IS NOT NULL AND e.on_date <= '${today}'::date`;

/** The amendments in the order they started, numbered as the facts number them. */
const amendmentsSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_amendment AS
  SELECT *, row_number() OVER w AS n, count(*) OVER (PARTITION BY plan_id) AS latest FROM (
    SELECT plan_id, 10 * k + 6 AS seq, decided_on AS notice_on, amended_on AS issued_on, meeting_on FROM bench_step WHERE decision = 'amend' AND decided_on <= '${today}'::date
    UNION ALL
    SELECT plan_id, 10 * k + 8, other_notice_on, other_amended_on, NULL::date FROM bench_step WHERE other_notice_on <= '${today}'::date) a
  WINDOW w AS (PARTITION BY plan_id ORDER BY seq)`;

const numbered = (kind: string, n: string, latest: string) => `CASE WHEN ${n} = ${latest} THEN '${kind}' ELSE '${kind}.' || ${n} END`;
const metBy = (on: string, today: string) => `CASE WHEN ${on} <= '${today}'::date THEN ${on} END`;

/**
 * Every limit row: (plan, name, role, due, met, closed by its own step, regulation); statutory
 * unless a window, the target its due date (nothing here is excepted). A review's invitations and
 * advice close when the meeting is held without them; the family's window when the amendment ends.
 */
const limitsSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_limit AS
  WITH reviews AS (
    SELECT s.*, max(k) FILTER (WHERE scheduled_on <= '${today}'::date) OVER (PARTITION BY plan_id) AS latest_review,
      max(k) FILTER (WHERE k = 1 OR prev_decided_on <= '${today}'::date) OVER (PARTITION BY plan_id) AS latest_annual
    FROM bench_step s)
  SELECT plan_id, ${numbered('annualReview', 'k', 'latest_annual')} AS name, 'limit' AS role, due_on, ${metBy('decided_on', today)} AS met_on,
    NULL::date AS closed_on, ${regulation('annualReview')} AS regulation, NULL::date AS measured_from
  FROM reviews WHERE k <= latest_annual
  UNION ALL
  SELECT r.plan_id, CASE WHEN r.k = r.latest_review THEN step.kind ELSE step.kind || '.' || r.k END, 'limit', step.due_on, step.met_on,
    CASE WHEN step.met_on IS NULL AND step.closes_at_meeting AND r.meeting_on <= '${today}'::date THEN r.meeting_on END, step.regulation, NULL
  FROM reviews r
  CROSS JOIN LATERAL (VALUES
    ('reviewInvitations', r.meeting_on - 14, ${metBy('r.invited_on', today)}, ${regulation('reviewInvitations')}, true, true),
    ('reviewAdvice', r.meeting_on - 14, ${metBy('r.advice_on', today)}, ${regulation('reviewAdvice')}, true, true),
    ('reviewReport', r.meeting_on + 14, ${metBy('r.report_on', today)}, ${regulation('reviewReport')}, false, r.meeting_on <= '${today}'::date),
    ('reviewDecision', r.meeting_on + 28, ${metBy('r.decided_on', today)}, ${regulation('reviewDecision')}, false, r.meeting_on <= '${today}'::date)
  ) AS step(kind, due_on, met_on, regulation, closes_at_meeting, applies)
  WHERE r.k <= r.latest_review AND step.applies
  UNION ALL
  SELECT plan_id, ${numbered('amendmentRepresentations', 'n', 'latest')}, 'window', notice_on + 14, NULL, ${metBy('issued_on', today)},
    ${regulation('amendmentRepresentations')}, NULL FROM bench_amendment
  UNION ALL
  -- An amendment a review proposed is measured from its meeting too (Devon [2022]).
  SELECT plan_id, ${numbered('amendedPlan', 'n', 'latest')}, 'limit', notice_on + 56, ${metBy('issued_on', today)}, NULL, ${regulation('amendedPlan')}, meeting_on
  FROM bench_amendment
  UNION ALL
  SELECT id, CASE WHEN prev_named THEN 'phaseTransfer.1' ELSE 'phaseTransfer' END, 'limit', prev_due, CASE WHEN prev_named THEN prev_named_on END, NULL,
    ${regulation('phaseTransfer')}, NULL
  FROM bench_plan WHERE prev_recorded
  UNION ALL
  -- The next cohort's transfer, unless the last one is still to be named; 12% of those due within 4 months named already.
  SELECT id, 'phaseTransfer', 'limit', next_due, next_named_on, NULL, ${regulation('phaseTransfer')}, NULL
  FROM bench_plan WHERE e_next IS NOT NULL AND NOT (prev_recorded AND NOT prev_named)
  UNION ALL
  SELECT plan_id, 'ceaseAppealWindow', 'window', cease_effect_on, NULL, ${metBy('ceased_on', today)}, ${regulation('ceaseAppealWindow')}, NULL
  FROM bench_step WHERE decided_on <= '${today}'::date AND decision = 'cease'`;

/** A ceased plan closes every limit still open on the day it ceased. */
const deadlinesSql = (today: string) => `
  INSERT INTO plan_deadline (plan_id, name, local_authority_id, role, due_on, met_on, open, closed_on, excepted, held, revised_target, target_on,
    statutory, regulation, notice_assumed, measured_from)
  SELECT l.plan_id, l.name, $1, l.role, l.due_on, l.met_on, l.met_on IS NULL AND coalesce(l.closed_on, c.ceased_on) IS NULL,
    CASE WHEN l.met_on IS NULL THEN coalesce(l.closed_on, c.ceased_on) END, false, false, NULL, l.due_on, l.role <> 'window', l.regulation, false, l.measured_from
  FROM bench_limit l LEFT JOIN bench_step c ON c.plan_id = l.plan_id AND c.ceased_on <= '${today}'::date`;

/** Where each plan stands today, from its latest review and amendment, for its status. */
const stateSql = (today: string) => `
  CREATE UNLOGGED TABLE bench_state AS
  SELECT p.id, CASE WHEN s.ceased_on IS NOT NULL THEN 'ceased' WHEN s.cease_pending THEN 'cease_pending_appeal_window'
      WHEN a.amending THEN 'amendment_proposed' WHEN s.held THEN 'review_held' WHEN s.scheduled THEN 'review_scheduled' ELSE 'maintained' END AS status,
    s.ceased_on, e.events
  FROM bench_plan p
  LEFT JOIN (
    SELECT plan_id, max(ceased_on) FILTER (WHERE ceased_on <= '${today}'::date) AS ceased_on,
      bool_or(decision = 'cease' AND decided_on <= '${today}'::date) AS cease_pending,
      bool_or(meeting_on <= '${today}'::date AND decided_on > '${today}'::date) AS held,
      bool_or(scheduled_on <= '${today}'::date AND meeting_on > '${today}'::date) AS scheduled
    FROM bench_step GROUP BY plan_id) s ON s.plan_id = p.id
  LEFT JOIN (SELECT plan_id, bool_or(issued_on IS NULL OR issued_on > '${today}'::date) AS amending FROM bench_amendment GROUP BY plan_id) a ON a.plan_id = p.id
  JOIN (SELECT plan_id, count(*) AS events FROM bench_event GROUP BY plan_id) e ON e.plan_id = p.id`;

const PHASE_AT = (entryYear: string) => `CASE ${entryYear} WHEN 0 THEN 'early_years' WHEN 7 THEN 'primary' WHEN 12 THEN 'secondary' END`;
const PHASE_NOW = `CASE WHEN p.year_now < 0 THEN 'early_years' WHEN p.year_now < 7 THEN 'primary' WHEN p.year_now < 12 THEN 'secondary' ELSE 'post16' END`;
const PHASE_AFTER = (entryYear: string) => `CASE ${entryYear} WHEN 0 THEN 'primary' WHEN 7 THEN 'secondary' WHEN 12 THEN 'post16' END`;

/** Compact facts: what the page lists read (the phase, the date of birth, the transfer met), the rest left empty. */
const FACTS_JSON = `jsonb_strip_nulls(jsonb_build_object(
    'startedOn', p.started_on, 'childDateOfBirth', p.dob, 'lastReviewMeetingOn', p.pre_meeting, 'assigneeId', p.assignee, 'ceasedOn', st.ceased_on,
    'phase', CASE WHEN p.prev_recorded AND NOT p.prev_named THEN ${PHASE_AT('p.e_prev')} ELSE ${PHASE_NOW} END, 'yearGroupOffset', 0,
    'phaseTransfers', CASE WHEN p.prev_recorded AND p.prev_named THEN jsonb_build_array(jsonb_build_object('n', 1, 'from', ${PHASE_AT('p.e_prev')},
      'to', ${PHASE_AFTER('p.e_prev')}, 'transferOn', make_date(p.cohort + 4 + p.e_prev, 9, 1), 'dueOn', p.prev_due, 'amendment', 1)) ELSE '[]'::jsonb END,
    'transferNotices', '[]'::jsonb, 'reviews', '[]'::jsonb, 'amendments', '[]'::jsonb, 'reassessments', '[]'::jsonb, 'ceases', '[]'::jsonb, 'exceptions', '[]'::jsonb))`;

/** One child record per plan, with the plan's own id (the bench children share nothing). */
const CHILDREN_INSERT = `INSERT INTO child (id, local_authority_id) SELECT id, $1 FROM bench_plan`;

const PLANS_INSERT = `
  INSERT INTO ehc_plan (id, local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
    child_given_name, child_family_name, child_date_of_birth, started_on, assignee_id, child_id)
  SELECT p.id, $1, 'PLAN-' || extract(year FROM p.started_on) || '-' || lpad(p.n::text, 7, '0'), 'ehc-plan', 1,
    jsonb_build_object('status', 'active', 'value', st.status, 'context', ${FACTS_JSON}), st.status, st.events,
    'Child', 'P' || p.n, p.dob, p.started_on, p.assignee, p.id
  FROM bench_plan p JOIN bench_state st ON st.id = p.id`;

const EVENTS_INSERT = `
  INSERT INTO plan_event (plan_id, seq, local_authority_id, type, occurred_on, recorded_at, actor, machine_version, payload)
  SELECT plan_id, seq, $1, type, on_date, on_date + time '10:00', 'bench', 1, payload FROM bench_event`;

const NEXT_DUE_SQL = `
  UPDATE ehc_plan p SET next_due_on = d.next_due FROM (
    SELECT plan_id, min(target_on) AS next_due FROM plan_deadline WHERE open AND role <> 'window' GROUP BY plan_id) d
  WHERE d.plan_id = p.id`;

/** `plans` and `today` come from the benchmark itself (a number and a checked date), never from input. */
export async function seedPlans(client: pg.Client, authorityId: string, plans: number, today: string, log: (step: string) => void): Promise<void> {
  if (!Number.isInteger(plans) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('seedPlans needs a whole number of plans and a YYYY-MM-DD date');
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SELECT setseed(0.42)`);
  const steps: [string, string, unknown[]][] = [
    ['plans', plansSql(plans, today), []],
    ['review cycles', cyclesSql(today), []],
    ['steps', STEPS_SQL, []],
    ['events', eventsSql(today), []],
    ['amendments', amendmentsSql(today), []],
    ['limits', limitsSql(today), []],
    ['state', stateSql(today), []],
    ['child', CHILDREN_INSERT, [authorityId]],
    ['ehc_plan', PLANS_INSERT, [authorityId]],
    ['plan_event', EVENTS_INSERT, [authorityId]],
    ['plan_deadline', deadlinesSql(today), [authorityId]],
    ['next_due_on', NEXT_DUE_SQL, []],
  ];
  for (const [name, sql, params] of steps) {
    const started = Date.now();
    const result = await client.query(sql, params);
    const created = /CREATE UNLOGGED TABLE (\w+)/.exec(sql);
    // Fresh tables have no statistics: without them the joins of the next steps run as nested loops.
    if (created) await client.query(`ANALYZE ${created[1]}`);
    log(`${name.padEnd(14)} ${String(result.rowCount ?? '').padStart(9)} rows  ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  await client.query(`DROP TABLE bench_plan, bench_cycle, bench_step, bench_event, bench_amendment, bench_limit, bench_state`);
}
