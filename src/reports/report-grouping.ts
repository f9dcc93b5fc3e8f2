export interface GroupedRow {
  grp: string | null;
  is_total: number;
}

/** Rows of `GROUP BY GROUPING SETS ((), (grp))`: the total, and one row per key when broken down. */
export function splitTotal<T extends GroupedRow>(rows: T[]): { total: T | undefined; groups: T[] } {
  return { total: rows.find((r) => Number(r.is_total) === 1), groups: rows.filter((r) => Number(r.is_total) === 0) };
}
