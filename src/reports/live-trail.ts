/**
 * One value from one case's live trail (live_case_event: superseded events left out,
 * replacements in their place), as a scalar subquery over rows aliased `a`: `select` from the
 * rows where `where`, then `tail` (ORDER BY … LIMIT 1). A case with no correction has its live
 * trail equal to its stored trail, so it is read straight from case_event (one index probe, about
 * 3 µs); only a corrected case goes through the view, whose union, anti-join and sort cost about
 * 10 µs a probe, which the breakdowns and the advice pairing pay once per step.
 */
export function liveTrailValue(caseId: string, select: string, where: string, tail: string): string {
  const over = (trail: string) => `(SELECT ${select} FROM ${trail} a WHERE a.case_id = ${caseId} AND ${where} ${tail})`;
  return `CASE WHEN EXISTS (SELECT 1 FROM case_event_supersession s WHERE s.case_id = ${caseId})
    THEN ${over('live_case_event')} ELSE ${over('case_event')} END`;
}
