import { Injectable } from '@nestjs/common';
import { CASE_STATUSES } from '../../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { type CaseListFilter, CaseListService } from '../../cases/case-list.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { childName, nextDeadline, statusTag } from '../format/case-summary.js';
import { STATUS_LABELS } from '../format/labels.js';
import { pagination } from '../format/pagination.js';
import type { CaseloadQuery } from './caseload.query.js';

const PAGE_SIZE = 25;
export const CASELOAD_PATH = '/caseload';

/**
 * The caseload as a page: the open cases of the signed-in caseworker (or, with scope=all, of the
 * authority), soonest deadline first, each with its days left and red/amber/green tag. Like the
 * API's list, every case shown is written to the access log.
 */
@Injectable()
export class CaseloadPage {
  constructor(
    private readonly cases: CaseListService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  async view(context: RequestContext, query: CaseloadQuery) {
    const scope = query.scope ?? defaultScope(context);
    const page = query.page ?? 1;
    const listed = await this.cases.list(context.authority, this.filter(context, query, scope, page));
    await this.accessLog.record(context, 'case_list_read', `GET ${CASELOAD_PATH}`, listed.items.map((item) => item.id));
    const today = this.clock.today();
    const filters = filterParams(query, scope);
    return {
      scope,
      query,
      total: listed.total,
      statusItems: [{ value: '', text: 'Any open status' }, ...CASE_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status].text, selected: status === query.status }))],
      rows: listed.items.map((item) => ({
        href: `/case/${item.id}`,
        reference: item.reference,
        childName: childName(item),
        status: statusTag(item),
        next: nextDeadline(item, today),
      })),
      scopeLinks: (['mine', 'all'] as const).map((s) => ({ href: `${CASELOAD_PATH}?${filterParams(query, s).toString()}`, text: s === 'mine' ? 'Assigned to me' : 'All open cases', current: s === scope })),
      pagination: pagination(filters, CASELOAD_PATH, page, Math.ceil(listed.total / PAGE_SIZE)),
    };
  }

  private filter(context: RequestContext, query: CaseloadQuery, scope: 'mine' | 'all', page: number): CaseListFilter {
    return {
      openOnly: true,
      status: query.status,
      overdue: query.overdue === 'true' ? true : undefined,
      search: query.search,
      // The case page assigns by email; through the API a case may have been assigned by account id.
      assigneeAnyOf: scope === 'mine' ? [context.user!.id, context.actor] : undefined,
      page,
      pageSize: PAGE_SIZE,
    };
  }
}

/** Caseworkers start with their own cases; managers and auditors, who hold none, with the authority's. */
function defaultScope(context: RequestContext): 'mine' | 'all' {
  return context.user?.roles.includes('caseworker') ? 'mine' : 'all';
}

function filterParams(query: CaseloadQuery, scope: 'mine' | 'all'): URLSearchParams {
  const params = new URLSearchParams({ scope });
  if (query.status) params.set('status', query.status);
  if (query.overdue) params.set('overdue', 'true');
  if (query.search) params.set('search', query.search);
  return params;
}
