import { liveTrailValue } from './live-trail.js';
import type { Breakdown } from './report-query.dto.js';

/**
 * The SQL of a breakdown key for a step of case `caseId` dated `on`. The caseworker is the one
 * who held the case on that date: the latest ASSIGNED in the trail dated on or before it. A later
 * re-assignment never moves a past step to someone else.
 */
export function groupKeySql(by: Breakdown | undefined, caseId: string, on: string): string {
  if (by === 'month') return `to_char(${on}, 'YYYY-MM')`;
  if (by === 'caseworker') {
    return liveTrailValue(caseId, `a.payload->>'assigneeId'`, `a.type = 'ASSIGNED' AND a.occurred_on <= ${on}`, 'ORDER BY a.seq DESC LIMIT 1');
  }
  return `NULL::text`;
}

export interface GroupedRow {
  grp: string | null;
  is_total: number;
}

/** Rows of `GROUP BY GROUPING SETS ((), (grp))`: the total, and one row per key when broken down. */
export function splitTotal<T extends GroupedRow>(rows: T[]): { total: T | undefined; groups: T[] } {
  return { total: rows.find((r) => Number(r.is_total) === 1), groups: rows.filter((r) => Number(r.is_total) === 0) };
}
