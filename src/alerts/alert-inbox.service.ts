import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AlertKind } from '../../workflows/ehc-needs-assessment/index.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { deliveriesJsonSql, NOTIFICATION_DELIVERIES } from './deliveries.js';
import type { ListAlertsQuery } from './list-alerts.query.js';

export const DEFAULT_ALERTS_PAGE_SIZE = 50;

export interface AlertDelivery {
  channel: 'email' | 'webhook';
  target: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** An alert about a case, a plan or a dispute: exactly one of `caseId`, `planId` and `disputeId` is set, and `reference` is its reference. */
export interface InboxAlert {
  id: string;
  caseId: string | null;
  planId: string | null;
  disputeId: string | null;
  reference: string;
  kind: AlertKind;
  deadline: string;
  dueOn: string;
  message: string;
  createdAt: Date;
  deliveries: AlertDelivery[];
}

export interface AlertInboxPage {
  items: InboxAlert[];
  page: number;
  pageSize: number;
  total: number;
}

/** The in-app notifications of an authority, newest first, each with the state of its deliveries. */
@Injectable()
export class AlertInboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(authority: LocalAuthority, query: ListAlertsQuery): Promise<AlertInboxPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_ALERTS_PAGE_SIZE;
    const rows = await this.db.query(
      `SELECT n.id, n.case_id AS "caseId", n.plan_id AS "planId", n.dispute_id AS "disputeId", COALESCE(c.reference, p.reference, ds.reference) AS reference,
              n.kind, n.deadline, n.due_on AS "dueOn", n.message, n.created_at AS "createdAt",
              ${deliveriesJsonSql(NOTIFICATION_DELIVERIES, 'n.id')} AS deliveries,
              count(*) OVER () AS total
       FROM notification n LEFT JOIN ehc_case c ON c.id = n.case_id LEFT JOIN ehc_plan p ON p.id = n.plan_id LEFT JOIN dispute ds ON ds.id = n.dispute_id
       WHERE n.local_authority_id = $1 AND ($2::uuid IS NULL OR n.case_id = $2) AND ($3::uuid IS NULL OR n.plan_id = $3)
         AND ($4::text IS NULL OR n.kind = $4) AND ($5::text IS NULL OR n.deadline = $5) AND ($8::uuid IS NULL OR n.dispute_id = $8)
       ORDER BY n.created_at DESC, n.id LIMIT $6 OFFSET $7`,
      [authority.id, query.caseId ?? null, query.planId ?? null, query.kind ?? null, query.deadline ?? null, pageSize, (page - 1) * pageSize, query.disputeId ?? null],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : 0;
    return { items: rows.map(({ total: _, ...alert }: Record<string, unknown>) => alert as unknown as InboxAlert), page, pageSize, total };
  }
}
