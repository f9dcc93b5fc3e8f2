import type { EntityManager } from 'typeorm';
import type { TrailEvent } from '../../workflows/process/corrections.js';
import type { CaseEventView } from '../cases/case-view.js';
import type { ProcessTables } from './process-tables.js';

/**
 * A process's audit trail as the API shows it, oldest first, each line with the correction that
 * superseded it; one query for plans and disputes alike (their tables come from `tables`).
 */
export async function trailView(db: EntityManager, tables: ProcessTables, id: string, localAuthorityId: string): Promise<CaseEventView[]> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT e.seq, e.type, e.occurred_on, e.recorded_at, e.actor, e.machine_version, e.payload,
            CASE WHEN s.seq IS NULL THEN NULL ELSE json_build_object('seq', s.superseded_by_seq, 'reason', s.reason, 'actor', s.actor,
              'recordedAt', to_char(s.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS superseded_by
     FROM ${tables.eventTable} e LEFT JOIN ${tables.supersessionTable} s ON s.${tables.idColumn} = e.${tables.idColumn} AND s.seq = e.seq
     WHERE e.${tables.idColumn} = $1 AND e.local_authority_id = $2 ORDER BY e.seq`,
    [id, localAuthorityId],
  );
  return rows.map((row) => ({
    seq: row.seq,
    type: row.type,
    occurredOn: row.occurred_on,
    recordedAt: (row.recorded_at as Date).toISOString(),
    actor: row.actor,
    machineVersion: row.machine_version,
    payload: row.payload,
    supersededBy: row.superseded_by,
  }));
}

/** The trail's lines as a correction replays them. */
export async function trailLines(db: EntityManager, tables: ProcessTables, id: string, localAuthorityId: string): Promise<TrailEvent[]> {
  const rows: Record<string, any>[] = await db.query(
    `SELECT seq, type, occurred_on, payload FROM ${tables.eventTable} WHERE ${tables.idColumn} = $1 AND local_authority_id = $2 ORDER BY seq`,
    [id, localAuthorityId],
  );
  return rows.map((row) => ({ seq: row.seq, type: row.type, occurredOn: row.occurred_on, payload: row.payload }));
}
