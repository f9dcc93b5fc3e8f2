import { openDisputesOf } from '../disputes/open-disputes.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { OPEN_STATUSES } from '../reports/open-cases.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { clockOptions } from './cases.service.js';
import { toCaseView, type CaseView } from './case-view.js';
import { overdueSql } from '../limits/limit-sql.js';
import { EhcCase } from './ehc-case.entity.js';
import type { ListCasesQuery } from './list-cases.query.js';

/** The API's filters, and what the caseload page adds to them (not part of the API contract). */
export interface CaseListFilter extends ListCasesQuery {
  /** Cases assigned to any of these (the pages record an account's email; API clients may have used its id). */
  assigneeAnyOf?: string[];
  /** Only cases still awaiting a step of the authority, unless `status` asks for one. */
  openOnly?: boolean;
  /** Part of the reference or of the child's name, in any case. */
  search?: string;
}

export interface CasePage {
  items: CaseView[];
  page: number;
  pageSize: number;
  total: number;
}

const DEFAULT_PAGE_SIZE = 25;

/** The caseload, ordered by what is due next. Filters read indexed columns, never snapshots. */
@Injectable()
export class CaseListService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(authority: LocalAuthority, query: CaseListFilter): Promise<CasePage> {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const builder = this.db
      .getRepository(EhcCase)
      .createQueryBuilder('c')
      .where('c.local_authority_id = :authorityId', { authorityId: authority.id });
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.assignee) builder.andWhere('c.assignee_id = :assignee', { assignee: query.assignee });
    if (query.dueBefore) builder.andWhere('c.next_due_on < :dueBefore', { dueBefore: query.dueBefore });
    if (query.assigneeAnyOf) builder.andWhere('c.assignee_id = ANY(:assignees)', { assignees: query.assigneeAnyOf });
    if (query.openOnly && !query.status) builder.andWhere('c.status = ANY(:open)', { open: [...OPEN_STATUSES] });
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(`(c.reference ILIKE :pattern OR (c.child_given_name || ' ' || c.child_family_name) ILIKE :pattern)`, { pattern });
    }
    if (query.overdue !== undefined) {
      const overdueCases = `SELECT d.case_id FROM case_deadline d
        WHERE d.local_authority_id = :authorityId AND ${overdueSql('d', ':today')}`;
      builder.andWhere(`c.id ${query.overdue ? 'IN' : 'NOT IN'} (${overdueCases})`, { today });
    }
    const [records, total] = await builder
      .orderBy('c.next_due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('c.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const disputes = await openDisputesOf(this.db.manager, 'case_id', records.map((record) => record.id));
    return { items: records.map((record) => toCaseView(record, today, clockOptions(authority), disputes.get(record.id))), page, pageSize, total };
  }
}
