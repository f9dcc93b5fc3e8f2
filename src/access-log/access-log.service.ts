import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';

export const ACCESS_ACTIONS = [
  'case_read', 'case_trail_read', 'case_list_read', 'case_export', 'panel_meeting_read', 'decision_letter_read', 'sen2_extract',
  'plan_read', 'plan_trail_read', 'plan_list_read',
  'dispute_read', 'dispute_trail_read', 'dispute_list_read',
  'child_read', 'sen2_return', 'sen2_validation', 'notice_read', 'plan_notice_read', 'plan_export', 'family_case_read',
  'advice_link_read', 'advice_upload', 'advice_document_read', 'family_message_read', 'family_document_read',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** The reads of a maintained plan: their lines name the plan, the others the case. */
const PLAN_ACTIONS: readonly AccessAction[] = ['plan_read', 'plan_trail_read', 'plan_list_read', 'plan_notice_read', 'plan_export'];

/** The reads of a dispute: their lines name the dispute. */
const DISPUTE_ACTIONS: readonly AccessAction[] = ['dispute_read', 'dispute_trail_read', 'dispute_list_read'];

export function readsPlan(action: AccessAction): boolean {
  return PLAN_ACTIONS.includes(action);
}

export function readsDispute(action: AccessAction): boolean {
  return DISPUTE_ACTIONS.includes(action);
}

/** The reads of a child record (its identity items) and of the SEN2 return, person by person: their lines name the child. */
const CHILD_ACTIONS: readonly AccessAction[] = ['child_read', 'sen2_return', 'sen2_validation'];

export function readsChild(action: AccessAction): boolean {
  return CHILD_ACTIONS.includes(action);
}

/** The access_log column the ids of an action's line go in. */
function loggedColumn(action: AccessAction): 'case_id' | 'plan_id' | 'dispute_id' | 'child_id' {
  return readsChild(action) ? 'child_id' : readsDispute(action) ? 'dispute_id' : readsPlan(action) ? 'plan_id' : 'case_id';
}

export interface AccessLogEntry {
  id: string;
  userId: string | null;
  actor: string;
  accessedAt: string;
  action: AccessAction;
  route: string;
  caseId: string | null;
  planId: string | null;
  disputeId: string | null;
  childId: string | null;
}

export interface AccessLogFilter {
  caseId?: string;
  planId?: string;
  childId?: string;
  userId?: string;
  from?: string;
  to?: string;
}

const MAX_ENTRIES = 1000;

/** Who read which child's case, and when (UK GDPR Art. 5(2)): append-only, enforced by a trigger. */
@Injectable()
export class AccessLogService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * `ids` are cases, or plans for a plan action, or disputes for a dispute action. `db` is the
   * caller's transaction when the line must commit with what the read did (an upload, say).
   */
  async record(context: RequestContext, action: AccessAction, route: string, ids: (string | null)[], db: EntityManager = this.db.manager): Promise<void> {
    if (ids.length === 0) return;
    await preparedQuery(
      db,
      `INSERT INTO access_log (local_authority_id, user_id, actor, action, route, ${loggedColumn(action)})
       SELECT $1, $2, $3, $4, $5, unnest($6::uuid[])`,
      [context.authority.id, context.user?.id ?? null, context.actor, action, route, ids],
    );
  }

  /** Newest first; `from` and `to` are calendar dates (Europe/London), both inclusive. */
  async find(authorityId: string, filter: AccessLogFilter): Promise<AccessLogEntry[]> {
    const rows = await this.db.query(
      `SELECT id::text, user_id, actor, accessed_at, action, route, case_id, plan_id, dispute_id, child_id FROM access_log
       WHERE local_authority_id = $1
         AND ($2::uuid IS NULL OR case_id = $2) AND ($3::uuid IS NULL OR user_id = $3) AND ($6::uuid IS NULL OR plan_id = $6) AND ($7::uuid IS NULL OR child_id = $7)
         AND ($4::date IS NULL OR accessed_at >= ($4::date::timestamp AT TIME ZONE 'Europe/London'))
         AND ($5::date IS NULL OR accessed_at < (($5::date + 1)::timestamp AT TIME ZONE 'Europe/London'))
       ORDER BY accessed_at DESC, id DESC LIMIT ${MAX_ENTRIES}`,
      [authorityId, filter.caseId ?? null, filter.userId ?? null, filter.from ?? null, filter.to ?? null, filter.planId ?? null, filter.childId ?? null],
    );
    return rows.map((row: Record<string, unknown>) => ({
      id: row.id,
      userId: row.user_id,
      actor: row.actor,
      accessedAt: (row.accessed_at as Date).toISOString(),
      action: row.action,
      route: row.route,
      caseId: row.case_id,
      planId: row.plan_id,
      disputeId: row.dispute_id,
      childId: row.child_id,
    }));
  }
}
