import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { overdueSql } from '../limits/limit-sql.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { ListDisputesQuery } from './list-disputes.query.js';
import { DISPUTE_COLUMNS, disputeFromRow } from './dispute-store.js';
import { toDisputeView, type DisputeView } from './dispute-view.js';
import { disputeClockOptions } from './disputes.service.js';

export interface DisputePage {
  items: DisputeView[];
  page: number;
  pageSize: number;
  total: number;
}

const DEFAULT_PAGE_SIZE = 25;

/** The authority's disputes, ordered by what is due next, with the filters of the plan list. Filters read indexed columns, never snapshots. */
@Injectable()
export class DisputeListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(authority: LocalAuthority, query: ListDisputesQuery): Promise<DisputePage> {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [authority.id];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['p.local_authority_id = $1'];
    if (query.status) where.push(`p.status = ${param(query.status)}`);
    if (query.assignee) where.push(`p.assignee_id = ${param(query.assignee)}`);
    if (query.dueBefore) where.push(`p.next_due_on < ${param(query.dueBefore)}`);
    if (query.caseId) where.push(`p.case_id = ${param(query.caseId)}`);
    if (query.planId) where.push(`p.plan_id = ${param(query.planId)}`);
    if (query.decision) where.push(`p.decision = ${param(query.decision)}`);
    if (query.overdue !== undefined) {
      const overdue = `SELECT d.dispute_id FROM dispute_deadline d WHERE d.local_authority_id = $1 AND ${overdueSql('d', param(today))}`;
      where.push(`p.id ${query.overdue ? 'IN' : 'NOT IN'} (${overdue})`);
    }
    const filter = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${DISPUTE_COLUMNS} FROM dispute p WHERE ${filter} ORDER BY p.next_due_on ASC NULLS LAST, p.id ASC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM dispute p WHERE ${filter}`, params),
    ]);
    const options = disputeClockOptions(authority);
    return { items: rows.map((row: Record<string, unknown>) => toDisputeView(disputeFromRow(row), today, options)), page, pageSize, total };
  }
}
