import { openDisputesOf } from '../disputes/open-disputes.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { overdueSql } from '../limits/limit-sql.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { ListPlansQuery } from './list-plans.query.js';
import { PLAN_COLUMNS, planFromRow } from './plan-store.js';
import { toPlanView, type PlanView } from './plan-view.js';
import { planClockOptions } from './plans.service.js';

export interface PlanPage {
  items: PlanView[];
  page: number;
  pageSize: number;
  total: number;
}

const DEFAULT_PAGE_SIZE = 25;

/** The authority's plans, ordered by what is due next, with the filters of the caseload. Filters read indexed columns, never snapshots. */
@Injectable()
export class PlanListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(authority: LocalAuthority, query: ListPlansQuery): Promise<PlanPage> {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const params: unknown[] = [authority.id];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['p.local_authority_id = $1'];
    if (query.status) where.push(`p.status = ${param(query.status)}`);
    if (query.assignee) where.push(`p.assignee_id = ${param(query.assignee)}`);
    if (query.dueBefore) where.push(`p.next_due_on < ${param(query.dueBefore)}`);
    if (query.overdue !== undefined) {
      const overdue = `SELECT d.plan_id FROM plan_deadline d WHERE d.local_authority_id = $1 AND ${overdueSql('d', param(today))}`;
      where.push(`p.id ${query.overdue ? 'IN' : 'NOT IN'} (${overdue})`);
    }
    const filter = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT ${PLAN_COLUMNS} FROM ehc_plan p WHERE ${filter} ORDER BY p.next_due_on ASC NULLS LAST, p.id ASC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS total FROM ehc_plan p WHERE ${filter}`, params),
    ]);
    const options = planClockOptions(authority);
    const disputes = await openDisputesOf(this.db.manager, 'plan_id', rows.map((row: { id: string }) => row.id));
    return { items: rows.map((row: Record<string, unknown>) => toPlanView(planFromRow(row), today, options, disputes.get(row.id as string))), page, pageSize, total };
  }
}
