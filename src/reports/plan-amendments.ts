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
 * The amendedPlan rows met in the period; an amendment a review proposed carries that review's
 * meeting in `measured_from` (workflows/ehc-plan/plan-limits.ts), so every figure is one
 * index-only scan of plan_deadline_kind_met_idx.
 */
const FINALISED_SQL = `
  SELECT count(*) AS finalised, count(*) FILTER (WHERE d.met_on <= d.due_on) AS within_8,
    count(*) FILTER (WHERE d.measured_from IS NOT NULL) AS after_review,
    count(*) FILTER (WHERE d.met_on <= d.measured_from + $4::int) AS within_12
  FROM plan_deadline d
  WHERE d.local_authority_id = $1 AND split_part(d.name, '.', 1) = 'amendedPlan' AND d.met_on IS NOT NULL AND d.met_on BETWEEN $2 AND $3`;

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
