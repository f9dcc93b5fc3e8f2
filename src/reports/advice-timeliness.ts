import type { DataSource } from 'typeorm';
import { percent, type Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

export interface AdviceFigures {
  returned: number;
  within6Weeks: number;
  percentWithin6Weeks: number | null;
}
export type AdviceByContributor = AdviceFigures & { contributor: string };
export type AdviceByOrganisation = AdviceFigures & { organisation: string | null };

/**
 * Advice returned in the period: each advice limit (`advice.<contributor>`, `advice.<contributor>.<n>`)
 * met in it, on time when met by its due date (reg 8(1): 6 weeks from the day the body received
 * the request). The organisation is the one named in the request's contact (the n-th request to
 * that contributor), null when none was recorded: kept on the deadline row when the advice
 * arrives (migration DeadlineMeasures), so the report is an index-only scan.
 */
const ADVICE_SQL = `
  WITH returned AS (
    SELECT split_part(d.name, '.', 2) AS contributor, d.advice_organisation AS organisation, d.met_on <= d.due_on AS on_time
    FROM case_deadline d
    WHERE d.local_authority_id = $1 AND d.name LIKE 'advice.%' AND d.met_on BETWEEN $2 AND $3)
  SELECT contributor, organisation, GROUPING(contributor) AS by_organisation,
    count(*) AS returned, count(*) FILTER (WHERE on_time) AS within
  FROM returned GROUP BY GROUPING SETS ((contributor), (organisation))
  ORDER BY contributor, organisation NULLS LAST`;

interface AdviceRow {
  contributor: string | null;
  organisation: string | null;
  by_organisation: number;
  returned: string;
  within: string;
}

function figures(row: AdviceRow): AdviceFigures {
  const [returned, within] = [Number(row.returned), Number(row.within)];
  return { returned, within6Weeks: within, percentWithin6Weeks: percent(within, returned) };
}

export async function adviceTimeliness(db: DataSource, authorityId: string, period: Period) {
  const rows = await reportQuery<AdviceRow>(db, ADVICE_SQL, [authorityId, period.from, period.to]);
  return {
    byContributor: rows.filter((r) => Number(r.by_organisation) === 0).map((r): AdviceByContributor => ({ contributor: r.contributor!, ...figures(r) })),
    byOrganisation: rows.filter((r) => Number(r.by_organisation) === 1).map((r): AdviceByOrganisation => ({ organisation: r.organisation, ...figures(r) })),
  };
}

export interface ExceptionCount {
  exception: string;
  recorded: number;
  cases: number;
}

/** Exceptions recorded in the period (EXCEPTION_RECORDED dated in it), by type. */
export async function exceptionsByType(db: DataSource, authorityId: string, period: Period): Promise<ExceptionCount[]> {
  const rows = await reportQuery<{ exception: string; recorded: string; cases: string }>(
    db,
    `SELECT e.payload->>'exception' AS exception, count(*) AS recorded, count(DISTINCT e.case_id) AS cases
     FROM live_case_event e
     WHERE e.local_authority_id = $1 AND e.type = 'EXCEPTION_RECORDED' AND e.occurred_on BETWEEN $2 AND $3
     GROUP BY 1 ORDER BY 1`,
    [authorityId, period.from, period.to],
  );
  return rows.map((r) => ({ exception: r.exception, recorded: Number(r.recorded), cases: Number(r.cases) }));
}
