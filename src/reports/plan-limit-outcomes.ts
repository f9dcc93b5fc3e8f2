import type { DataSource } from 'typeorm';
import type { PlanLimitKind } from '../../workflows/ehc-plan/index.js';
import { limitStatusSql } from '../limits/limit-sql.js';
import { splitTotal, type GroupedRow } from './report-grouping.js';
import { percent, type Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/**
 * What became of a plan limit due in a period, by its status today (the one definition,
 * src/limits/limit-sql.ts). The categories add up to `total`: none of these limits can be
 * excepted (plan-limits.ts), so no status is left over.
 */
export interface LimitOutcomes {
  total: number;
  /** Met on or before the due date. */
  onTime: number;
  /** Met after it. */
  late: number;
  /** Not met, the due date passed, the plan still maintained. */
  openOverdue: number;
  /** Not met and not yet due. */
  openNotYetDue: number;
  /** The plan ceased or transferred out before the step, on or before the due date. */
  closedBeforeDueDate: number;
  /** The plan ceased or transferred out before the step, after the due date (a breach). */
  closedAfterDueDate: number;
  /** onTime ÷ the limits that fell due while the plan was maintained: onTime + late + openOverdue + closedAfterDueDate. */
  percentOnTime: number | null;
}

export interface DueLimitSpec {
  kind: PlanLimitKind;
  /** Days from the event that defines the cohort to the due date: a review decision is due 28 days after its meeting. */
  daysAfterPeriodDate: number;
  /** Also one group per due date (the cohorts of a phase transfer: 14 February, 30 March, a post-16 move). */
  byDueDate: boolean;
}

export interface OutcomesByDueDate {
  total: LimitOutcomes;
  byDueDate: (LimitOutcomes & { dueOn: string })[];
}

interface OutcomeRow extends GroupedRow {
  total: string;
  on_time: string;
  late: string;
  open_overdue: string;
  open_not_yet_due: string;
  closed_before_due: string;
  closed_after_due: string;
}

/** An index-only range scan of plan_deadline_kind_due_idx: the limits of one kind due between the shifted dates. */
function outcomesSql(byDueDate: boolean): string {
  return `WITH due AS (
      SELECT ${byDueDate ? `to_char(d.due_on, 'YYYY-MM-DD')` : 'NULL::text'} AS grp, d.open, ${limitStatusSql('d', '$4::date')} AS status
      FROM plan_deadline d
      WHERE d.local_authority_id = $1 AND split_part(d.name, '.', 1) = $5
        AND d.due_on BETWEEN $2::date + $6::int AND $3::date + $6::int)
    SELECT ${byDueDate ? 'grp, GROUPING(grp)' : 'NULL AS grp, 1'} AS is_total, count(*) AS total,
      count(*) FILTER (WHERE status = 'met') AS on_time,
      count(*) FILTER (WHERE status = 'met_late') AS late,
      count(*) FILTER (WHERE open AND status = 'breached') AS open_overdue,
      count(*) FILTER (WHERE open AND status = 'pending') AS open_not_yet_due,
      count(*) FILTER (WHERE NOT open AND status = 'not_applicable') AS closed_before_due,
      count(*) FILTER (WHERE NOT open AND status = 'breached') AS closed_after_due
    FROM due ${byDueDate ? 'GROUP BY GROUPING SETS ((), (grp)) ORDER BY grp NULLS FIRST' : ''}`;
}

function toOutcomes(row: OutcomeRow | undefined): LimitOutcomes {
  const [total, onTime, late, openOverdue, openNotYetDue, closedBeforeDueDate, closedAfterDueDate] = [
    row?.total, row?.on_time, row?.late, row?.open_overdue, row?.open_not_yet_due, row?.closed_before_due, row?.closed_after_due,
  ].map((v) => Number(v ?? 0));
  return {
    total, onTime, late, openOverdue, openNotYetDue, closedBeforeDueDate, closedAfterDueDate,
    percentOnTime: percent(onTime, onTime + late + openOverdue + closedAfterDueDate),
  };
}

export async function dueLimitOutcomes(db: DataSource, authorityId: string, period: Period, today: string, spec: DueLimitSpec): Promise<OutcomesByDueDate> {
  const params = [authorityId, period.from, period.to, today, spec.kind, spec.daysAfterPeriodDate];
  const { total, groups } = splitTotal(await reportQuery<OutcomeRow>(db, outcomesSql(spec.byDueDate), params));
  return { total: toOutcomes(total), byDueDate: groups.map((g) => ({ dueOn: g.grp!, ...toOutcomes(g) })) };
}
