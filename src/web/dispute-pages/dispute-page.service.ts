import { Injectable } from '@nestjs/common';
import { ACTIONS_FOR_DECISION, DISPUTE_EXCEPTION_KINDS, type DisputeEventType, type IsoDate } from '../../../workflows/ehc-dispute/index.js';
import { SERVICE_METHODS } from '../../../workflows/limits/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import { CasesService } from '../../cases/cases.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import type { DisputeView } from '../../disputes/dispute-view.js';
import { type DisputeEventView, DisputesService } from '../../disputes/disputes.service.js';
import { PlansService } from '../../plans/plans.service.js';
import { deadlineRows } from '../case-page/case-page-view.js';
import { casePath, planPath } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import { DISPUTE_EVENT_LABELS, DISPUTE_STATUS_LABELS, disputeDeadlineLabel, DISPUTED_DECISION_LABELS, ORDER_ACTION_LABELS } from '../format/dispute-labels.js';
import type { FormErrors } from '../format/form-errors.js';
import { EXCEPTION_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';
import { claimedExceptions, disputeTrailRows, openOrderSteps, outcomeText } from './dispute-page-view.js';

/** A form of the dispute page sent back with what was typed and what was wrong. */
export interface FailedDisputeForm {
  type: DisputeEventType;
  values: Record<string, unknown>;
  errors: FormErrors;
}

/** The case or plan a dispute is about, as the dispute page names it. */
interface Subject {
  childName: string;
  href: string;
  text: string;
}

/**
 * Everything the dispute page shows: the decision disputed and the case or plan it is of, the
 * status and outcome, every deadline, the trail, and one form per event the machine allows now
 * (for roles that may record events). It shows the child's name, so it is a read of the dispute
 * in the access log, as its trail is.
 */
@Injectable()
export class DisputePage {
  constructor(
    private readonly disputes: DisputesService,
    private readonly cases: CasesService,
    private readonly plans: PlansService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
  ) {}

  async view(context: RequestContext, route: string, disputeId: string, failed?: FailedDisputeForm) {
    const view = await this.disputes.get(context.authority, disputeId);
    const events = await this.disputes.trail(context.authority, disputeId);
    const subject = await this.subjectOf(context, view);
    await this.accessLog.record(context, 'dispute_read', route, [disputeId]);
    await this.accessLog.record(context, 'dispute_trail_read', route, [disputeId]);
    const today = this.clock.today();
    const options = formOptions(view, events);
    const roles = context.user?.roles ?? [];
    const offered = rolesGrant(roles, 'cases:write') ? offeredEvents(view, options, rolesGrant(roles, 'exceptions:approve')) : [];
    return {
      id: view.id,
      reference: view.reference,
      version: view.version,
      childName: subject.childName,
      subject,
      decision: DISPUTED_DECISION_LABELS[view.decision],
      decidedOn: formatDate(view.decidedOn),
      noticeSentOn: formatDate(view.noticeSentOn),
      lastAppealDate: view.status === 'closed' ? undefined : formatDate(view.lastAppealDate),
      status: DISPUTE_STATUS_LABELS[view.status],
      outcome: outcomeText(view.outcome),
      assignee: view.assignee,
      assignedToMe: view.assignee !== null && [context.user?.id, context.actor].includes(view.assignee),
      machineVersion: view.machineVersion,
      deadlines: deadlineRows(view, today, disputeDeadlineLabel),
      trail: disputeTrailRows(events),
      forms: offered.map((type) => eventForm(type, context, today, failed)),
      options,
      errors: failed?.errors,
    };
  }

  private async subjectOf(context: RequestContext, view: DisputeView): Promise<Subject> {
    if (view.caseId) {
      const found = await this.cases.get(context.authority, view.caseId);
      return { childName: `${found.child.givenName} ${found.child.familyName}`, href: casePath(found.id), text: `Assessment ${found.reference}` };
    }
    const found = await this.plans.get(context.authority, view.planId!);
    return { childName: `${found.child.givenName} ${found.child.familyName}`, href: planPath(found.id), text: `EHC plan ${found.reference}` };
  }
}

type FormOptions = ReturnType<typeof formOptions>;

const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

/** What an order or concession can require follows the decision disputed (reg 44(2)): only those are offered. */
function formOptions(view: DisputeView, events: DisputeEventView[]) {
  const exceptions = claimedExceptions(events);
  const choice = (exception: (typeof exceptions)[number]) => ({ value: String(exception.seq), text: exception.text });
  return {
    proposedExceptions: exceptions.filter((exception) => !exception.approved).map(choice),
    runningExceptions: exceptions.filter((exception) => !exception.ended).map(choice),
    actions: choices(ACTIONS_FOR_DECISION[view.decision], ORDER_ACTION_LABELS),
    agreementActions: [...choices(ACTIONS_FOR_DECISION[view.decision], ORDER_ACTION_LABELS), { value: 'other', text: 'Other matters (not appealable)' }],
    steps: openOrderSteps(view),
    exceptions: choices(DISPUTE_EXCEPTION_KINDS, EXCEPTION_LABELS),
    methods: choices(SERVICE_METHODS, SERVICE_METHOD_LABELS),
  };
}

/**
 * The allowed events, less those whose form would offer nothing to choose: a step met (or an
 * exception claimed) with no order step open, an approval with nothing proposed (or for an
 * account without delegated authority, which the service would refuse), an ending with nothing running.
 */
function offeredEvents(view: DisputeView, options: FormOptions, mayApprove: boolean): DisputeEventType[] {
  const empty: Partial<Record<DisputeEventType, boolean>> = {
    ORDER_STEP_MET: options.steps.length === 0,
    EXCEPTION_RECORDED: options.steps.length === 0,
    EXCEPTION_APPROVED: !mayApprove || options.proposedExceptions.length === 0,
    EXCEPTION_ENDED: options.runningExceptions.length === 0,
  };
  return view.allowedEvents.filter((type) => !empty[type]);
}

/** One event form: open with the user's input and errors when it was just refused, otherwise dated today. */
function eventForm(type: DisputeEventType, context: RequestContext, today: IsoDate, failed?: FailedDisputeForm) {
  const refused = failed?.type === type;
  const [year, month, day] = today.split('-').map(Number);
  const defaults = { 'occurredOn-day': String(day), 'occurredOn-month': String(month), 'occurredOn-year': String(year), assigneeId: context.actor };
  const values = refused ? { ...failed.values, actions: [failed.values.actions ?? []].flat() } : defaults;
  return { type, title: DISPUTE_EVENT_LABELS[type], open: refused, values, errors: refused ? failed.errors : undefined };
}
