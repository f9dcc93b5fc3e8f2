import { Injectable } from '@nestjs/common';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { formatDate } from '../format/dates.js';
import { pagination } from '../format/pagination.js';
import { PHASE_LABELS, PLAN_STATUS_LABELS } from '../format/plan-labels.js';
import { urgency } from '../format/urgency.js';
import type { PhaseTransferQuery, ReviewsWorklistQuery } from './plan-lists.query.js';
import { planPath } from '../format/case-summary.js';
import { type CohortTransfer, nextCohortYear, PlanWorklists, REVIEW_HORIZON_MONTHS, type ReviewStep, type TransferStatus } from './plan-worklists.service.js';

const PAGE_SIZE = 25;
export const REVIEWS_PATH = '/plans/reviews';
export const PHASE_TRANSFERS_PATH = '/plans/phase-transfers';

const STEP_LABELS: Record<ReviewStep, string> = {
  schedule_meeting: 'Schedule the meeting',
  send_invitations: 'Send the invitations',
  circulate_advice: 'Circulate the advice',
  hold_meeting: 'Hold the meeting',
  receive_report: 'Receive the review report',
  decide_and_notify: 'Decide and notify the family',
  issue_amended_plan: 'Issue the amended plan',
  finish_reassessment: 'Finish the re-assessment',
  cease_decision_pending: 'Decision to cease: appeal window open',
};

const TRANSFER_LABELS: Record<TransferStatus, { text: string; tagClass: string }> = {
  named_on_time: { text: 'Named on time', tagClass: 'govuk-tag--green' },
  named_late: { text: 'Named late', tagClass: 'govuk-tag--orange' },
  not_yet_named: { text: 'Not yet named', tagClass: 'govuk-tag--blue' },
  overdue: { text: 'Overdue', tagClass: 'govuk-tag--red' },
};

/** "Primary school to Secondary school"; a post-16 move between institutions says so. */
function transferText(transfer: CohortTransfer): string {
  if (!transfer.from || !transfer.to) return 'Not known';
  if (transfer.from === 'post16') return 'Move between post-16 institutions';
  return `${PHASE_LABELS[transfer.from]} to ${PHASE_LABELS[transfer.to]}`;
}

/**
 * The plan worklists as pages: reviews due within 3 months or overdue, soonest first, each with
 * the step it waits for; and a cohort's phase transfers with where each amended plan stands
 * against its reg 18 date. Every plan shown is written to the access log, as for the API's list.
 */
@Injectable()
export class PlanListsPage {
  constructor(
    private readonly worklists: PlanWorklists,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  async reviews(context: RequestContext, route: string, query: ReviewsWorklistQuery) {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const listed = await this.worklists.reviewsDue(context.authority, today, { page, pageSize: PAGE_SIZE });
    await this.accessLog.record(context, 'plan_list_read', route, listed.items.map((item) => item.planId));
    return {
      horizonMonths: REVIEW_HORIZON_MONTHS,
      total: listed.total,
      rows: listed.items.map((item) => ({
        href: planPath(item.planId),
        reference: item.reference,
        childName: `${item.child.givenName} ${item.child.familyName}`,
        status: PLAN_STATUS_LABELS[item.status],
        dueOn: formatDate(item.dueOn),
        urgency: urgency(item.dueOn, today),
        step: STEP_LABELS[item.step],
        assignee: item.assignee,
      })),
      pagination: pagination(new URLSearchParams(), REVIEWS_PATH, page, Math.ceil(listed.total / PAGE_SIZE)),
    };
  }

  async phaseTransfers(context: RequestContext, route: string, query: PhaseTransferQuery) {
    const today = this.clock.today();
    const year = query.year ?? nextCohortYear(today);
    const page = query.page ?? 1;
    const listed = await this.worklists.phaseTransferCohort(context.authority, today, { year, page, pageSize: PAGE_SIZE });
    await this.accessLog.record(context, 'plan_list_read', route, listed.items.map((item) => item.planId));
    const yearLink = (y: number) => `${PHASE_TRANSFERS_PATH}?year=${y}`;
    return {
      year,
      total: listed.total,
      counts: (Object.keys(TRANSFER_LABELS) as TransferStatus[]).map((status) => ({ ...TRANSFER_LABELS[status], count: listed.counts[status] })),
      rows: listed.items.map((item) => ({
        href: planPath(item.planId),
        reference: item.reference,
        childName: `${item.child.givenName} ${item.child.familyName}`,
        transfer: transferText(item),
        transferOn: formatDate(item.transferOn),
        dueOn: formatDate(item.dueOn),
        metOn: formatDate(item.metOn),
        status: TRANSFER_LABELS[item.status],
        urgency: item.metOn === null ? urgency(item.dueOn, today) : undefined,
      })),
      previousYear: { href: yearLink(year - 1), text: `${year - 1} cohort` },
      nextYear: { href: yearLink(year + 1), text: `${year + 1} cohort` },
      pagination: pagination(new URLSearchParams({ year: String(year) }), PHASE_TRANSFERS_PATH, page, Math.ceil(listed.total / PAGE_SIZE)),
    };
  }
}
