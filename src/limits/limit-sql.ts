/**
 * The rules of workflows/limits/limit-record.ts in SQL, for queries over case_deadline and
 * plan_deadline rows (they have one shape): the one definition of overdue, due soon and a limit's
 * status that every list, report, digest and sweep uses. `test/integration/limit-sql.test.ts` checks them against the TypeScript on
 * generated rows. `d` is the table alias; the dates are SQL expressions (usually parameters).
 */

/** Past its target without the step; the partial indexes case_deadline_open_target_idx and plan_deadline_open_target_idx serve it. */
export function overdueSql(d: string, today: string): string {
  return `(${d}.open AND ${d}.target_on IS NOT NULL AND ${d}.role = 'limit' AND ${d}.target_on < ${today})`;
}

/** Open, with its target between the two dates, both included; windows are never due. */
export function dueBetweenSql(d: string, from: string, until: string): string {
  return `(${d}.open AND ${d}.target_on IS NOT NULL AND ${d}.role <> 'window' AND ${d}.target_on BETWEEN ${from} AND ${until})`;
}

/** Open, with a target on or before `until`, overdue or not (the digest, the sweep). */
export function dueByOrOverdueSql(d: string, until: string): string {
  return `(${d}.open AND ${d}.target_on IS NOT NULL AND ${d}.role <> 'window' AND ${d}.target_on <= ${until})`;
}

export function limitStatusSql(d: string, today: string): string {
  return `CASE
    WHEN ${d}.role = 'window' THEN CASE
      WHEN ${d}.met_on IS NOT NULL THEN 'met'
      WHEN ${d}.closed_on IS NOT NULL THEN CASE WHEN ${d}.closed_on <= ${d}.due_on THEN 'not_applicable' ELSE 'met' END
      WHEN ${today} > ${d}.due_on THEN 'met' ELSE 'pending' END
    WHEN ${d}.met_on IS NOT NULL THEN CASE
      WHEN ${d}.met_on <= ${d}.due_on THEN 'met'
      WHEN ${d}.excepted AND (${d}.held OR ${d}.met_on <= ${d}.revised_target) THEN 'exception'
      ELSE 'met_late' END
    WHEN NOT ${d}.open THEN CASE
      WHEN ${d}.closed_on IS NOT NULL AND ${d}.role = 'limit' AND ${d}.target_on IS NOT NULL AND ${d}.closed_on > ${d}.target_on THEN 'breached'
      ELSE 'not_applicable' END
    WHEN ${d}.held THEN 'exception'
    WHEN ${overdueSql(d, today)} THEN 'breached'
    WHEN ${d}.excepted THEN 'exception'
    ELSE 'pending' END`;
}
