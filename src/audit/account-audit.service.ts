import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';

export const ACCOUNT_AUDIT_ACTIONS = ['account_created', 'account_changed', 'alert_settings_changed', 'password_reset', 'password_changed', 'sen2_settings_changed', 'notice_settings_changed'] as const;
export type AccountAuditAction = (typeof ACCOUNT_AUDIT_ACTIONS)[number];

/** Each changed field, before and after; a created account has `from: null`. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** Who made a change: the signed-in account, or the application itself (the first administrator, from ADMIN_EMAIL). */
export type AuditActor = Pick<RequestContext, 'actor' | 'user'> & { authorityId: string };

export const auditActorOf = (context: RequestContext): AuditActor => ({ authorityId: context.authority.id, actor: context.actor, user: context.user });

export interface AccountAuditEntry {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actor: string;
  action: AccountAuditAction;
  accountId: string | null;
  changes: FieldChanges;
}

export interface AccountAuditFilter {
  accountId?: string;
  actorId?: string;
  action?: AccountAuditAction;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface AccountAuditPage {
  items: AccountAuditEntry[];
  page: number;
  pageSize: number;
  total: number;
}

/** The fields whose values differ between `before` and `after` (compared as JSON). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [from, to] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/**
 * The audit of account and settings changes. `record` runs inside the change's own
 * transaction, so a change is never committed without its entry, nor an entry without its change.
 */
@Injectable()
export class AccountAuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager, by: AuditActor, action: AccountAuditAction, accountId: string | null, changes: FieldChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await tx.query(
      `INSERT INTO account_audit (local_authority_id, actor_user_id, actor, action, account_id, changes) VALUES ($1, $2, $3, $4, $5, $6)`,
      [by.authorityId, by.user?.id ?? null, by.actor, action, accountId, JSON.stringify(changes)],
    );
  }

  /** Newest first; `from` and `to` are calendar dates (Europe/London), both inclusive. */
  async find(authorityId: string, filter: AccountAuditFilter): Promise<AccountAuditPage> {
    const where = `local_authority_id = $1
      AND ($2::uuid IS NULL OR account_id = $2) AND ($3::uuid IS NULL OR actor_user_id = $3) AND ($4::text IS NULL OR action = $4)
      AND ($5::date IS NULL OR occurred_at >= ($5::date::timestamp AT TIME ZONE 'Europe/London'))
      AND ($6::date IS NULL OR occurred_at < (($6::date + 1)::timestamp AT TIME ZONE 'Europe/London'))`;
    const params = [authorityId, filter.accountId ?? null, filter.actorId ?? null, filter.action ?? null, filter.from ?? null, filter.to ?? null];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM account_audit WHERE ${where}`, params);
    const rows = await this.db.query(
      `SELECT id::text, occurred_at, actor_user_id, actor, action, account_id, changes FROM account_audit WHERE ${where}
       ORDER BY occurred_at DESC, id DESC LIMIT $7 OFFSET $8`,
      [...params, filter.pageSize, (filter.page - 1) * filter.pageSize],
    );
    return { items: rows.map(toEntry), page: filter.page, pageSize: filter.pageSize, total };
  }
}

function toEntry(row: Record<string, unknown>): AccountAuditEntry {
  return {
    id: row.id as string,
    occurredAt: (row.occurred_at as Date).toISOString(),
    actorId: row.actor_user_id as string | null,
    actor: row.actor as string,
    action: row.action as AccountAuditAction,
    accountId: row.account_id as string | null,
    changes: row.changes as FieldChanges,
  };
}
