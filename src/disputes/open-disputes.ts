import type { EntityManager } from 'typeorm';
import type { DisputedDecision, DisputeStatus, IsoDate } from '../../workflows/ehc-dispute/index.js';

/** A case's or plan's open dispute, as `GET /api/cases/:id` and `GET /api/plans/:id` list it. */
export interface OpenDispute {
  id: string;
  reference: string;
  decision: DisputedDecision;
  status: DisputeStatus;
  nextDueOn: IsoDate | null;
}

/** The open disputes of each case (or plan) in `ids`, oldest first; one query for a page of them. */
export async function openDisputesOf(db: EntityManager, column: 'case_id' | 'plan_id', ids: string[]): Promise<Map<string, OpenDispute[]>> {
  const found = new Map<string, OpenDispute[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return found;
  const rows: Record<string, any>[] = await db.query(
    `SELECT ${column} AS subject, id, reference, decision, status, next_due_on FROM dispute
     WHERE ${column} = ANY($1::uuid[]) AND status <> 'closed' ORDER BY created_at, id`,
    [ids],
  );
  for (const row of rows) found.get(row.subject)?.push({ id: row.id, reference: row.reference, decision: row.decision, status: row.status, nextDueOn: row.next_due_on });
  return found;
}

/** The open disputes of one case or plan. */
export async function openDisputesOfOne(db: EntityManager, column: 'case_id' | 'plan_id', id: string): Promise<OpenDispute[]> {
  return (await openDisputesOf(db, column, [id])).get(id) ?? [];
}
