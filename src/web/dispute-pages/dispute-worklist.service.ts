import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DisputeStatus, IsoDate } from '../../../workflows/ehc-dispute/index.js';
import { DISPUTE_COLUMNS, disputeFromRow } from '../../disputes/dispute-store.js';
import { toDisputeView, type DisputeView } from '../../disputes/dispute-view.js';
import { disputeClockOptions } from '../../disputes/disputes.service.js';
import type { LocalAuthority } from '../../local-authorities/local-authority.entity.js';

export interface WorklistDispute {
  view: DisputeView;
  child: { givenName: string; familyName: string };
  /** The case's or plan's reference. */
  subjectReference: string;
}

export interface WorklistFilter {
  status?: DisputeStatus;
  /** The account's id and email: a dispute may be assigned by either. */
  assigneeAnyOf?: string[];
  page: number;
  pageSize: number;
}

/**
 * The open disputes of an authority, soonest next limit first and those with none last (the
 * order of GET /api/disputes), each with the child's name from the case or plan it is of.
 */
@Injectable()
export class DisputeWorklist {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async openDisputes(authority: LocalAuthority, today: IsoDate, filter: WorklistFilter): Promise<{ items: WorklistDispute[]; total: number }> {
    const params: unknown[] = [authority.id];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`p.local_authority_id = $1`, `p.status <> 'closed'`];
    if (filter.status) where.push(`p.status = ${param(filter.status)}`);
    if (filter.assigneeAnyOf) where.push(`p.assignee_id = ANY(${param(filter.assigneeAnyOf)}::text[])`);
    const condition = where.join(' AND ');
    // The count takes the filters alone; the page's query adds its limit and offset after them.
    const counted = this.db.query(`SELECT count(*)::int AS total FROM dispute p WHERE ${condition}`, [...params]);
    const page = `LIMIT ${param(filter.pageSize)} OFFSET ${param((filter.page - 1) * filter.pageSize)}`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${DISPUTE_COLUMNS},
           coalesce(c.child_given_name, pl.child_given_name) AS child_given_name, coalesce(c.child_family_name, pl.child_family_name) AS child_family_name,
           coalesce(c.reference, pl.reference) AS subject_reference
         FROM dispute p LEFT JOIN ehc_case c ON c.id = p.case_id LEFT JOIN ehc_plan pl ON pl.id = p.plan_id
         WHERE ${condition} ORDER BY p.next_due_on ASC NULLS LAST, p.id ASC ${page}`,
        params,
      ),
      counted,
    ]);
    const options = disputeClockOptions(authority);
    const items = rows.map((row: Record<string, any>) => ({
      view: toDisputeView(disputeFromRow(row), today, options),
      child: { givenName: row.child_given_name, familyName: row.child_family_name },
      subjectReference: row.subject_reference,
    }));
    return { items, total };
  }
}
