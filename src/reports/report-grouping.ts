import type { Breakdown } from './report-query.dto.js';

/**
 * The SQL of a breakdown key for a step dated `on` whose caseworker (who held the case that day,
 * kept with the step) is `caseworker`: the month of the step, the caseworker, or no key.
 */
export function groupKeySql(by: Breakdown | undefined, on: string, caseworker: string): string {
  if (by === 'month') return `to_char(${on}, 'YYYY-MM')`;
  if (by === 'caseworker') return caseworker;
  return 'NULL::text';
}

export interface GroupedRow {
  grp: string | null;
  is_total: number;
}

/** Rows of `GROUP BY GROUPING SETS ((), (grp))`: the total, and one row per key when broken down. */
export function splitTotal<T extends GroupedRow>(rows: T[]): { total: T | undefined; groups: T[] } {
  return { total: rows.find((r) => Number(r.is_total) === 1), groups: rows.filter((r) => Number(r.is_total) === 0) };
}
