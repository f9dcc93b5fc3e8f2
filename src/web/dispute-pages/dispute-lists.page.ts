import { Injectable } from '@nestjs/common';
import { CASE_DISPUTED_DECISIONS, PLAN_DISPUTED_DECISIONS } from '../../../workflows/ehc-dispute/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { CasesService } from '../../cases/cases.service.js';
import { Clock } from '../../common/clock.js';
import { ValidationFailedError } from '../../common/domain-error.js';
import type { RequestContext } from '../../common/request-context.js';
import { PlansService } from '../../plans/plans.service.js';
import { casePath, planPath } from '../format/case-summary.js';
import { DISPUTE_STATUS_LABELS, DISPUTED_DECISION_LABELS } from '../format/dispute-labels.js';
import type { FormErrors } from '../format/form-errors.js';
import { pagination } from '../format/pagination.js';
import { disputePath, nextLimit } from './dispute-page-view.js';
import { type DisputeWorklistQuery, type NewDisputeQuery, OPEN_DISPUTE_STATUSES } from './dispute-lists.query.js';
import { DisputeWorklist } from './dispute-worklist.service.js';

const PAGE_SIZE = 25;
export const WORKLIST_PATH = '/disputes/worklist';
export const NEW_DISPUTE_PATH = '/disputes/new';

/** The worklist's address with its filters, for the scope links and the pagination. */
function filterParams(scope: 'mine' | 'all', query: DisputeWorklistQuery): URLSearchParams {
  return new URLSearchParams({ scope, ...(query.status ? { status: query.status } : {}) });
}

/** The new dispute form shown again with what was typed and what was wrong. */
export interface FailedNewDispute {
  values: Record<string, unknown>;
  errors: FormErrors;
}

/**
 * The disputes worklist (open disputes, soonest next limit first, 25 a page; every dispute shown
 * goes to the access log, as it names the child) and the form that records a new dispute.
 */
@Injectable()
export class DisputeListsPage {
  constructor(
    private readonly worklist: DisputeWorklist,
    private readonly cases: CasesService,
    private readonly plans: PlansService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  async worklistView(context: RequestContext, route: string, query: DisputeWorklistQuery) {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const scope = query.scope ?? 'all';
    const assigneeAnyOf = scope === 'mine' ? [context.user?.id, context.actor].filter((id): id is string => Boolean(id)) : undefined;
    const listed = await this.worklist.openDisputes(context.authority, today, { status: query.status, assigneeAnyOf, page, pageSize: PAGE_SIZE });
    await this.accessLog.record(context, 'dispute_list_read', route, listed.items.map((item) => item.view.id));
    const filters = filterParams(scope, query);
    return {
      total: listed.total,
      scope,
      status: query.status ?? '',
      scopeLinks: (['all', 'mine'] as const).map((s) => ({ href: `${WORKLIST_PATH}?${filterParams(s, query).toString()}`, text: s === 'mine' ? 'Assigned to me' : 'All open disputes', current: s === scope })),
      statuses: [{ value: '', text: 'Any open status' }, ...OPEN_DISPUTE_STATUSES.map((value) => ({ value, text: DISPUTE_STATUS_LABELS[value].text }))],
      rows: listed.items.map(({ view, child, subjectReference }) => ({
        href: disputePath(view.id),
        reference: view.reference,
        childName: `${child.givenName} ${child.familyName}`,
        decision: DISPUTED_DECISION_LABELS[view.decision],
        status: DISPUTE_STATUS_LABELS[view.status],
        next: nextLimit(view, today),
        subject: { href: view.caseId ? casePath(view.caseId) : planPath(view.planId!), text: subjectReference },
      })),
      pagination: pagination(filters, WORKLIST_PATH, page, Math.ceil(listed.total / PAGE_SIZE)),
    };
  }

  /** The form for a dispute of a decision of this case or plan: only that subject's decisions are offered. */
  async newDisputeView(context: RequestContext, query: NewDisputeQuery, failed?: FailedNewDispute) {
    if ((query.caseId === undefined) === (query.planId === undefined)) throw new ValidationFailedError('The address must name one case (caseId) or one plan (planId).');
    const subject = query.caseId
      ? { field: 'caseId', id: query.caseId, href: casePath(query.caseId), text: `Assessment ${(await this.cases.get(context.authority, query.caseId)).reference}`, decisions: CASE_DISPUTED_DECISIONS }
      : { field: 'planId', id: query.planId!, href: planPath(query.planId!), text: `EHC plan ${(await this.plans.get(context.authority, query.planId!)).reference}`, decisions: PLAN_DISPUTED_DECISIONS };
    return {
      subject,
      decisions: subject.decisions.map((value) => ({ value, text: DISPUTED_DECISION_LABELS[value] })),
      values: failed?.values ?? {},
      errors: failed?.errors,
    };
  }
}
