import type { DataSource } from 'typeorm';
import type { Breakdown } from './report-query.dto.js';
import { groupKeySql, splitTotal, type GroupedRow } from './report-grouping.js';
import { percent, weeks, type Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/**
 * A statutory time limit measured over the steps dated in a period (SEN2, domain 7.3): how
 * many, how many on or before the deadline's due date, and the same without the cases where
 * an accepted exception relaxes that limit (case_deadline.excepted), which SEN2 removes from
 * both the numerator and the denominator.
 */
export interface LimitMeasure {
  total: number;
  withinLimit: number;
  percentWithinLimit: number | null;
  withException: number;
  totalExcludingExceptions: number;
  withinLimitExcludingExceptions: number;
  percentWithinLimitExcludingExceptions: number | null;
}

export interface PlanMeasure extends LimitMeasure {
  /** SEN2 bands, excluding exceptions: late but within 52 weeks of the request; after 52 weeks. */
  lateWithin52WeeksExcludingExceptions: number;
  after52WeeksExcludingExceptions: number;
  averageWeeksToPlan: number | null;
  medianWeeksToPlan: number | null;
}

export interface LimitSpec {
  /** The deadline row; its `met_on` is the step's date (issueDecision is met only by a notice of no plan). */
  deadline: string;
  /** Also the days from request to the step (average, median, 52-week bands). */
  withDays: boolean;
}

interface MeasureRow extends GroupedRow {
  total: string;
  within: string;
  excepted: string;
  within_excl: string;
  late_52: string;
  after_52: string;
  avg_days: string | null;
  median_days: number | null;
}

/**
 * Driven by the deadline rows: a limit's `met_on` is the date of the step that met it (the
 * decision, the notice of no plan, the final plan), and the row keeps what the report needs of
 * the step (who held the case then, the days from the request: migration DeadlineMeasures), so
 * "steps dated in the period" is one index-only range scan of case_deadline_met_measures_idx.
 */
function measureSql(withDays: boolean, by: Breakdown | undefined): string {
  const days = withDays ? 'd.days_from_request' : 'NULL::int';
  return `WITH steps AS (
      SELECT ${groupKeySql(by, 'd.met_on', 'd.met_assignee_id')} AS grp, d.met_on AS done_on, d.due_on, d.excepted, ${days} AS days
      FROM case_deadline d
      WHERE d.local_authority_id = $1 AND d.name = $4 AND d.met_on BETWEEN $2 AND $3)
    SELECT grp, GROUPING(grp) AS is_total, count(*) AS total,
      count(*) FILTER (WHERE done_on <= due_on) AS within,
      count(*) FILTER (WHERE excepted) AS excepted,
      count(*) FILTER (WHERE NOT excepted AND done_on <= due_on) AS within_excl,
      count(*) FILTER (WHERE NOT excepted AND done_on > due_on AND days <= 364) AS late_52,
      count(*) FILTER (WHERE NOT excepted AND days > 364) AS after_52,
      avg(days) AS avg_days, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days
    FROM steps GROUP BY GROUPING SETS ((), (grp)) ORDER BY grp NULLS FIRST`;
}

function toLimitMeasure(row: MeasureRow | undefined): LimitMeasure {
  const [total, within, excepted, withinExcl] = [row?.total, row?.within, row?.excepted, row?.within_excl].map((v) => Number(v ?? 0));
  return {
    total,
    withinLimit: within,
    percentWithinLimit: percent(within, total),
    withException: excepted,
    totalExcludingExceptions: total - excepted,
    withinLimitExcludingExceptions: withinExcl,
    percentWithinLimitExcludingExceptions: percent(withinExcl, total - excepted),
  };
}

export function toPlanMeasure(row: MeasureRow | undefined): PlanMeasure {
  return {
    ...toLimitMeasure(row),
    lateWithin52WeeksExcludingExceptions: Number(row?.late_52 ?? 0),
    after52WeeksExcludingExceptions: Number(row?.after_52 ?? 0),
    averageWeeksToPlan: weeks(row?.avg_days ?? null),
    medianWeeksToPlan: weeks(row?.median_days ?? null),
  };
}

export interface MeasuredGroups<T> {
  total: T;
  groups: Map<string | null, T>;
}

export async function measureLimit<T>(
  db: DataSource,
  authorityId: string,
  period: Period,
  spec: LimitSpec,
  by: Breakdown | undefined,
  shape: (row: MeasureRow | undefined) => T,
): Promise<MeasuredGroups<T>> {
  const rows = await reportQuery<MeasureRow>(db, measureSql(spec.withDays, by), [authorityId, period.from, period.to, spec.deadline]);
  const { total, groups } = splitTotal(rows);
  return { total: shape(total), groups: new Map(groups.map((g) => [g.grp, shape(g)])) };
}

export const asLimitMeasure = toLimitMeasure;
