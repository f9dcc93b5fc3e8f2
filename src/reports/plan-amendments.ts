import type { DataSource } from 'typeorm';
import { overdueSql } from '../limits/limit-sql.js';
import { limitDays, percent, type Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/**
 * A review's decision within 4 weeks of the meeting, then 8 weeks for the amendment it proposes
 * (SEND Regs 2014 reg 22(3)-(4), whose 8 weeks are the amendedPlan row's own due date).
 */
const MEETING_TO_AMENDED_PLAN_WEEKS = 12;

export interface AmendmentFigures {
  /** amendedPlan limits met in the period: the final amended plan, or the notice of a decision not to amend, served in it. */
  finalised: number;
  within8Weeks: number;
  percentWithin8Weeks: number | null;
  /** Of those, the amendments a review's decision proposed. */
  afterReview: number;
  afterReviewWithin12WeeksOfMeeting: number;
  percentAfterReviewWithin12WeeksOfMeeting: number | null;
  /** amendedPlan limits due in the period and still not met today. */
  dueNotFinalisedOverdue: number;
}

/**
 * The amendment behind an amendedPlan row is the n-th event that started one (a review decision
 * to amend, or an amendment notice outside a review); the latest amendment's row has the plain
 * name. When it was a review's decision, the meeting is the last one held before it. The live
 * trail counts a correction's replacement in place of the event it superseded, as the facts do.
 */
const FINALISED_SQL = `
  WITH finalised AS (
    SELECT d.plan_id, d.due_on, d.met_on, nullif(split_part(d.name, '.', 2), '')::int AS n
    FROM plan_deadline d
    WHERE d.local_authority_id = $1 AND split_part(d.name, '.', 1) = 'amendedPlan' AND d.met_on IS NOT NULL AND d.met_on BETWEEN $2 AND $3),
  started AS (
    SELECT f.*, s.seq AS start_seq, s.type AS start_type FROM finalised f
    LEFT JOIN LATERAL (
      SELECT e.seq, e.type FROM live_plan_event e
      WHERE e.plan_id = f.plan_id AND (e.type = 'AMENDMENT_NOTICE_SENT' OR (e.type = 'REVIEW_DECISION' AND e.payload->>'decision' = 'amend'))
      ORDER BY CASE WHEN f.n IS NULL THEN -e.seq ELSE e.seq END OFFSET coalesce(f.n, 1) - 1 LIMIT 1) s ON true),
  measured AS (
    SELECT s.*, m.occurred_on AS meeting_on FROM started s
    LEFT JOIN LATERAL (
      SELECT m.occurred_on FROM live_plan_event m
      WHERE s.start_type = 'REVIEW_DECISION' AND m.plan_id = s.plan_id AND m.type = 'REVIEW_MEETING_HELD' AND m.seq < s.start_seq
      ORDER BY m.seq DESC LIMIT 1) m ON true)
  SELECT count(*) AS finalised, count(*) FILTER (WHERE met_on <= due_on) AS within_8,
    count(*) FILTER (WHERE start_type = 'REVIEW_DECISION') AS after_review,
    count(*) FILTER (WHERE start_type = 'REVIEW_DECISION' AND met_on <= meeting_on + $4::int) AS within_12
  FROM measured`;

const OVERDUE_SQL = `
  SELECT count(*) AS overdue FROM plan_deadline d
  WHERE d.local_authority_id = $1 AND split_part(d.name, '.', 1) = 'amendedPlan' AND d.due_on BETWEEN $2 AND $3
    AND ${overdueSql('d', '$4::date')}`;

interface FinalisedRow {
  finalised: string;
  within_8: string;
  after_review: string;
  within_12: string;
}

export async function amendmentFigures(db: DataSource, authorityId: string, period: Period, today: string, strictMode: boolean): Promise<AmendmentFigures> {
  const [[row], [open]] = await Promise.all([
    reportQuery<FinalisedRow>(db, FINALISED_SQL, [authorityId, period.from, period.to, limitDays(MEETING_TO_AMENDED_PLAN_WEEKS, strictMode)]),
    reportQuery<{ overdue: string }>(db, OVERDUE_SQL, [authorityId, period.from, period.to, today]),
  ]);
  const [finalised, within8, afterReview, within12] = [row.finalised, row.within_8, row.after_review, row.within_12].map(Number);
  return {
    finalised,
    within8Weeks: within8,
    percentWithin8Weeks: percent(within8, finalised),
    afterReview,
    afterReviewWithin12WeeksOfMeeting: within12,
    percentAfterReviewWithin12WeeksOfMeeting: percent(within12, afterReview),
    dueNotFinalisedOverdue: Number(open.overdue),
  };
}
