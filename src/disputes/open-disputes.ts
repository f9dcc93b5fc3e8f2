import type { EntityManager } from 'typeorm';
import type { DisputedDecision, DisputeOutcome, DisputeStatus, IsoDate } from '../../workflows/ehc-dispute/index.js';
import type { CeasedEvent } from '../../workflows/ehc-plan/index.js';
import { preparedQuery } from '../database/prepared-query.js';

/** A case's or plan's open dispute, as `GET /api/cases/:id` and `GET /api/plans/:id` list it. */
export interface OpenDispute {
  id: string;
  reference: string;
  decision: DisputedDecision;
  status: DisputeStatus;
  nextDueOn: IsoDate | null;
}

/**
 * The open disputes of each case (or plan) in `ids`, oldest first; one query for a page of them.
 * Prepared, since every transition's answer runs it: unnamed, PostgreSQL planned it on each call.
 */
export async function openDisputesOf(db: EntityManager, column: 'case_id' | 'plan_id', ids: string[]): Promise<Map<string, OpenDispute[]>> {
  const found = new Map<string, OpenDispute[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return found;
  const rows = await preparedQuery<Record<string, any>>(
    db,
    `SELECT ${column} AS subject, id, reference, decision, status, next_due_on FROM dispute
     WHERE ${column} = ANY($1::uuid[]) AND status <> 'closed' ORDER BY created_at, id`,
    [ids],
  );
  for (const row of rows) found.get(row.subject)?.push({ id: row.id, reference: row.reference, decision: row.decision, status: row.status, nextDueOn: row.next_due_on });
  return found;
}

/**
 * The same open disputes of the row `subject` names (`c.id`), as one JSON array in the shape of
 * OpenDispute, for a statement that reads them with the case or plan.
 */
export function openDisputesJson(column: 'case_id' | 'plan_id', subject: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('id', od.id, 'reference', od.reference, 'decision', od.decision, 'status', od.status, 'nextDueOn', od.next_due_on)
    ORDER BY od.created_at, od.id) FROM dispute od WHERE od.${column} = ${subject} AND od.status <> 'closed'), '[]')`;
}

/** The open disputes of one case or plan. */
export async function openDisputesOfOne(db: EntityManager, column: 'case_id' | 'plan_id', id: string): Promise<OpenDispute[]> {
  return (await openDisputesOf(db, column, [id])).get(id) ?? [];
}

/** Outcomes that leave a plan maintained: the Tribunal allowed the appeal, or the authority conceded it. */
const KEEPS_THE_PLAN: readonly DisputeOutcome[] = ['appeal_allowed', 'conceded'];

/**
 * What the disputes of a decision to cease (made on `ceaseOn`) say about ceasing now, for the
 * plan's CEASED rule: undecided holds the plan (CFA 2014 s.45), dismissed lets it cease at once,
 * allowed or conceded keeps it. None, or one withdrawn, settled or not appealed: the window decides.
 */
export async function ceaseAppealOf(db: EntityManager, planId: string, ceaseOn: IsoDate): Promise<CeasedEvent['appeal']> {
  const [row]: { reference: string; outcome: DisputeOutcome | null; outcome_on: IsoDate | null }[] = await db.query(
    `SELECT reference, snapshot->'context'->>'outcome' AS outcome, snapshot->'context'->>'outcomeOn' AS outcome_on FROM dispute
     WHERE plan_id = $1 AND decision = 'decision_to_cease' AND snapshot->'context'->>'decidedOn' >= $2
     ORDER BY created_at DESC LIMIT 1`,
    [planId, ceaseOn],
  );
  if (row === undefined) return undefined;
  if (row.outcome === null) return { reference: row.reference };
  if (row.outcome === 'appeal_dismissed') return { reference: row.reference, dismissedOn: row.outcome_on! };
  if (KEEPS_THE_PLAN.includes(row.outcome)) return { reference: row.reference, keptOn: row.outcome_on! };
  return undefined;
}

/**
 * Why event `eventSeq` of a case or plan cannot be superseded, when it carried out a step of an
 * order on a dispute and that step still stands: the dispute would keep a step met by an event
 * that no longer happened. Null when it carried none out.
 */
export async function carriedOutStepsRefusal(db: EntityManager, localAuthorityId: string, process: 'case' | 'plan', reference: string, eventSeq: number): Promise<string | null> {
  const rows: { reference: string; step: string }[] = await db.query(
    `SELECT d.reference, e.payload->>'step' AS step FROM dispute_event e
       JOIN dispute d ON d.id = e.dispute_id
       LEFT JOIN dispute_event_supersession s ON s.dispute_id = e.dispute_id AND s.seq = e.seq
     WHERE e.local_authority_id = $1 AND e.type = 'ORDER_STEP_MET' AND s.seq IS NULL
       AND e.payload->'carriedOutBy'->>'process' = $2 AND e.payload->'carriedOutBy'->>'reference' = $3 AND e.payload->'carriedOutBy'->>'eventSeq' = $4
     ORDER BY d.reference, e.seq`,
    [localAuthorityId, process, reference, String(eventSeq)],
  );
  if (rows.length === 0) return null;
  const steps = rows.map((r) => `${r.step} of dispute ${r.reference}`).join(', ');
  return `Event ${eventSeq} carried out ${steps}: correct that step on the dispute first (POST /api/disputes/:id/corrections), then this event.`;
}
