import type { DataSource } from 'typeorm';
import { CEASE_REASONS, type CeaseReason } from '../../workflows/ehc-plan/index.js';
import type { Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/** SEN2 CeaseReason (item 4.6; ../shared/sen2.md section 1.3), the labels as the DfE guide words them. */
export const CEASE_REASON_LABELS: Record<CeaseReason, string> = {
  1: 'Reached maximum age (end of the academic year in which the young person turned 25, or 19 if entering the adult estate)',
  2: 'Ongoing educational or training needs being met without an EHC plan',
  3: 'Moved on to higher education',
  4: 'Moved on to paid employment, excluding apprenticeships',
  5: 'Transferred to another LA in England',
  6: 'Young person no longer wishes to engage in education or training',
  7: 'Moved outside England',
  8: 'Deceased',
  9: 'Other',
};

export interface CeasedByReason {
  ceaseReason: CeaseReason;
  label: string;
  plans: number;
}

export interface CeasedFigures {
  /** Plans that stopped being maintained in the period (CEASED dated in it). */
  ceased: number;
  /** Every code, in order, those with none included, so a month's return can be checked line by line. */
  byReason: CeasedByReason[];
}

/**
 * A plan's CEASED ends the cease decision in force: the last decision to cease before it in the
 * trail, on its own (CEASE_DECISION) or a review's; a withdrawn decision is followed by a new
 * one before the plan can cease (workflows/ehc-plan/machine.v1.ts), so the last is always the one.
 */
const CEASED_SQL = `
  SELECT (r.payload->>'ceaseReason')::int AS cease_reason, count(*) AS plans
  FROM live_plan_event c
  LEFT JOIN LATERAL (
    SELECT e.payload FROM live_plan_event e
    WHERE e.plan_id = c.plan_id AND e.seq < c.seq AND (e.type = 'CEASE_DECISION' OR (e.type = 'REVIEW_DECISION' AND e.payload->>'decision' = 'cease'))
    ORDER BY e.seq DESC LIMIT 1) r ON true
  WHERE c.local_authority_id = $1 AND c.type = 'CEASED' AND c.occurred_on BETWEEN $2 AND $3
  GROUP BY 1`;

export async function ceasedFigures(db: DataSource, authorityId: string, period: Period): Promise<CeasedFigures> {
  const rows = await reportQuery<{ cease_reason: number; plans: string }>(db, CEASED_SQL, [authorityId, period.from, period.to]);
  const counted = new Map(rows.map((r) => [r.cease_reason, Number(r.plans)]));
  return {
    ceased: rows.reduce((sum, r) => sum + Number(r.plans), 0),
    byReason: CEASE_REASONS.map((code) => ({ ceaseReason: code, label: CEASE_REASON_LABELS[code], plans: counted.get(code) ?? 0 })),
  };
}
