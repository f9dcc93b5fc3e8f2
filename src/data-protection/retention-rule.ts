import type { EntityManager } from 'typeorm';
import { ENDED_PLAN_STATUSES } from '../../workflows/ehc-plan/index.js';

/** The statuses a case ends in: no statutory step is left to take. */
export const CLOSED_STATUSES = ['declined_to_assess', 'declined_to_issue', 'plan_issued', 'withdrawn'] as const;

export interface RetentionPeriod {
  id: string;
  reference: string;
  status: string;
  closed: boolean;
  /** The date of the case's latest event: its closing, once it is closed. */
  closedOn: string;
  retainUntil: string;
}

/**
 * UK GDPR Art. 5(1)(e): a closed case is kept RETENTION_YEARS after its closing event. A case whose
 * final plan made a plan still maintained is part of the child's live record, and is not closed here. The review
 * list and the deletion both read a case's period through these fragments, so what the list offers
 * is exactly what the deletion accepts. `$1` is the authority, `$2` the closed statuses, `$3` the years, `$5` the statuses of a plan no longer maintained.
 */
const PERIOD_SELECT = `
  SELECT c.id, c.reference, c.status,
         c.status = ANY($2) AND NOT EXISTS (SELECT 1 FROM ehc_plan p WHERE p.case_id = c.id AND p.status <> ALL($5)) AS closed,
         closed.on AS closed_on,
         (closed.on + make_interval(years => $3))::date AS retain_until
  FROM ehc_case c
  CROSS JOIN LATERAL (SELECT max(e.occurred_on) AS on FROM case_event e WHERE e.case_id = c.id) closed
  WHERE c.local_authority_id = $1`;

/** Closed cases whose retention period ended before `today`, soonest-ended first. */
export async function periodsEndedBefore(db: EntityManager, authorityId: string, years: number, today: string): Promise<RetentionPeriod[]> {
  const rows = await db.query(`SELECT * FROM (${PERIOD_SELECT}) p WHERE p.closed AND p.retain_until < $4::date ORDER BY p.retain_until, p.reference`, [
    authorityId,
    CLOSED_STATUSES,
    years,
    today,
    ENDED_PLAN_STATUSES,
  ]);
  return rows.map(toPeriod);
}

/** One case's period, or undefined when the authority has no such case. */
export async function periodOf(db: EntityManager, authorityId: string, years: number, caseId: string): Promise<RetentionPeriod | undefined> {
  const [row] = await db.query(`${PERIOD_SELECT} AND c.id = $4`, [authorityId, CLOSED_STATUSES, years, caseId, ENDED_PLAN_STATUSES]);
  return row ? toPeriod(row) : undefined;
}

/** Whether the case may be deleted today: closed, and kept its full period (deletable from the day after retainUntil). */
export const isPastRetention = (period: RetentionPeriod, today: string): boolean => period.closed && period.retainUntil < today;

function toPeriod(row: Record<string, unknown>): RetentionPeriod {
  return {
    id: row.id as string,
    reference: row.reference as string,
    status: row.status as string,
    closed: row.closed as boolean,
    closedOn: row.closed_on as string,
    retainUntil: row.retain_until as string,
  };
}
