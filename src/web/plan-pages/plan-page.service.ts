import { Injectable } from '@nestjs/common';
import {
  CEASE_REASONS,
  EDUCATION_PHASES,
  NEXT_PHASES,
  PLAN_EXCEPTION_KINDS,
  REVIEW_DECISIONS,
  type IsoDate,
  type PlanEventType,
  type PlanNoticeName,
} from '../../../workflows/ehc-plan/index.js';
import { SERVICE_METHODS } from '../../../workflows/limits/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import type { PlanView } from '../../plans/plan-view.js';
import { PlansService } from '../../plans/plans.service.js';
import { deadlineRows } from '../case-page/case-page-view.js';
import { openDisputeRows } from '../dispute-pages/dispute-page-view.js';
import { casePath, childPath, planPath } from '../format/case-summary.js';
import { type FailedNoticeForm, noticesSection } from '../format/notice-forms.js';
import { NoticeSettingsService } from '../../notices/notice-settings.service.js';
import { PlanNoticesService } from '../../notices/plan-notices.service.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { EXCEPTION_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';
import {
  CEASE_REASON_LABELS,
  PHASE_LABELS,
  PLAN_EVENT_LABELS,
  PLAN_NOTICE_LABELS,
  PLAN_STATUS_LABELS,
  planDeadlineLabel,
  REASSESSMENT_REQUESTER_LABELS,
  REVIEW_DECISION_LABELS,
} from '../format/plan-labels.js';
import { amendmentRows, ceaseRows, phaseTransferRows, planTrailRows, reassessmentRows, reviewRows } from './plan-page-view.js';

/** A form of the plan page sent back with what was typed and what was wrong. */
export interface FailedPlanForm {
  type: PlanEventType;
  values: Record<string, unknown>;
  errors: FormErrors;
}

/**
 * Everything the plan page shows: the child, the plan's status, setting and phase, every
 * deadline, the history of its reviews, amendments, re-assessments, phase transfers and
 * decisions to cease, the trail, and one form per event the machine allows now (for roles that
 * may record events). A read of the child's record, logged as GET /api/plans/:id and its trail are.
 */
@Injectable()
export class PlanPage {
  constructor(
    private readonly plans: PlansService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly planNotices: PlanNoticesService,
    private readonly noticeSettings: NoticeSettingsService,
  ) {}

  async view(context: RequestContext, route: string, planId: string, failed?: FailedPlanForm, failedNotice?: FailedNoticeForm) {
    const view = await this.plans.get(context.authority, planId);
    const events = await this.plans.trail(context.authority, planId);
    const sent = await this.planNotices.sentNotices(context, planId);
    const noticeDetails = await this.noticeSettings.read(context.authority);
    await this.accessLog.record(context, 'plan_read', route, [planId]);
    await this.accessLog.record(context, 'plan_trail_read', route, [planId]);
    const today = this.clock.today();
    const roles = context.user?.roles ?? [];
    const options = formOptions(view);
    const offered = rolesGrant(roles, 'cases:write') ? offeredEvents(view, options, rolesGrant(roles, 'exceptions:approve')) : [];
    return {
      id: view.id,
      reference: view.reference,
      version: view.version,
      childName: `${view.child.givenName} ${view.child.familyName}`,
      dateOfBirth: formatDate(view.child.dateOfBirth),
      status: PLAN_STATUS_LABELS[view.status],
      startedOn: formatDate(view.startedOn),
      namedSetting: view.namedSetting,
      phase: PHASE_LABELS[view.phase],
      nextPhase: view.nextPhase ? PHASE_LABELS[view.nextPhase] : undefined,
      transferredInOn: formatDate(view.transferredInOn),
      assignee: view.assignee,
      assignedToMe: view.assignee !== null && [context.user?.id, context.actor].includes(view.assignee),
      machineVersion: view.machineVersion,
      caseHref: view.caseId ? casePath(view.caseId) : undefined,
      childHref: childPath(view.childId),
      sen2Href: `${planPath(view.id)}/sen2`,
      deadlines: deadlineRows(view, today, planDeadlineLabel),
      reviews: reviewRows(view),
      amendments: amendmentRows(view),
      reassessments: reassessmentRows(view),
      phaseTransfers: phaseTransferRows(view),
      ceases: ceaseRows(view),
      disputes: openDisputeRows(view.disputes),
      newDisputeHref: rolesGrant(roles, 'cases:write') ? `/disputes/new?planId=${view.id}` : undefined,
      trail: planTrailRows(events),
      forms: offered.map((type) => eventForm(type, context, today, failed)),
      notices: noticesSection({
        basePath: planPath(view.id),
        noun: 'plan',
        recipientHint: 'The family if left empty; a decision also goes to the school or college named, and an amended plan to the health body',
        detailsSet: noticeDetails !== null,
        roles,
        available: noticesOfSteps(view),
        labels: PLAN_NOTICE_LABELS,
        sent,
        failed: failedNotice,
      }),
      options,
      errors: failed?.errors ?? failedNotice?.errors,
    };
  }
}

type FormOptions = ReturnType<typeof formOptions>;

const choices = <T extends string | number>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value: String(value), text: labels[value] }));

/** The notices a NOTICE_SENT may be of: those of a step the plan has (workflows/ehc-plan rules.ts refuses the others). */
function noticesOfSteps(view: PlanView): PlanNoticeName[] {
  const has: Record<PlanNoticeName, boolean> = {
    review_decision: view.reviews.some((review) => review.decision !== undefined),
    amendment_notice: view.amendments.length > 0,
    amended_plan: view.amendments.some((amendment) => amendment.issuedOn !== undefined),
    decision_not_to_amend: view.amendments.some((amendment) => amendment.notAmendedOn !== undefined) || view.reassessments.some((r) => r.notAmended !== undefined),
    reassessment_decision: view.reassessments.some((r) => r.decision !== undefined),
    cease_decision: view.ceases.length > 0,
    transfer_notice: view.transferredInOn !== null,
  };
  return (Object.keys(has) as PlanNoticeName[]).filter((notice) => has[notice]);
}

function exceptionChoice(exception: PlanView['exceptions'][number]) {
  const dates = exception.to ? `${formatDate(exception.from)} to ${formatDate(exception.to)}` : `From ${formatDate(exception.from)}, not ended`;
  return { value: String(exception.seq), text: `${EXCEPTION_LABELS[exception.exception]}, ${dates}` };
}

function formOptions(view: PlanView) {
  return {
    decisions: choices(REVIEW_DECISIONS, REVIEW_DECISION_LABELS),
    ceaseReasons: CEASE_REASONS.map((code) => ({ value: String(code), text: `${code}: ${CEASE_REASON_LABELS[code]}` })),
    phases: choices(EDUCATION_PHASES, PHASE_LABELS),
    nextPhases: choices(NEXT_PHASES[view.phase], PHASE_LABELS),
    requesters: Object.entries(REASSESSMENT_REQUESTER_LABELS).map(([value, text]) => ({ value, text })),
    exceptions: choices(PLAN_EXCEPTION_KINDS, EXCEPTION_LABELS),
    proposedExceptions: view.exceptions.filter((exception) => !exception.approvedBy).map(exceptionChoice),
    runningExceptions: view.exceptions.filter((exception) => !exception.to).map(exceptionChoice),
    notices: noticesOfSteps(view).map((value) => ({ value, text: PLAN_NOTICE_LABELS[value] })),
    methods: choices(SERVICE_METHODS, SERVICE_METHOD_LABELS),
  };
}

/** The allowed events, less those whose form would offer nothing to choose (or an approval the account may not give). */
function offeredEvents(view: PlanView, options: FormOptions, mayApprove: boolean): PlanEventType[] {
  const empty: Partial<Record<PlanEventType, boolean>> = {
    EXCEPTION_APPROVED: !mayApprove || options.proposedExceptions.length === 0,
    EXCEPTION_ENDED: options.runningExceptions.length === 0,
    NOTICE_SENT: options.notices.length === 0,
  };
  return view.allowedEvents.filter((type) => !empty[type]);
}

/** One event form: open with the user's input and errors when it was just refused, otherwise dated today. */
function eventForm(type: PlanEventType, context: RequestContext, today: IsoDate, failed?: FailedPlanForm) {
  const refused = failed?.type === type;
  const [year, month, day] = today.split('-').map(Number);
  const defaults = { 'occurredOn-day': String(day), 'occurredOn-month': String(month), 'occurredOn-year': String(year), assigneeId: context.actor };
  return { type, title: PLAN_EVENT_LABELS[type], open: refused, values: refused ? failed.values : defaults, errors: refused ? failed.errors : undefined };
}
