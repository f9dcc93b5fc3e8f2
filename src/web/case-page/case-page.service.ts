import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CaseEventType, CONTRIBUTORS, EXCEPTION_KINDS, type IsoDate, SERVICE_METHODS } from '../../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import type { CaseEventView, CaseView } from '../../cases/case-view.js';
import { CasesService } from '../../cases/cases.service.js';
import { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../common/request-context.js';
import { NoticeSettingsService } from '../../notices/notice-settings.service.js';
import { FamilyContactsService } from '../../family/family-contacts.service.js';
import { type FailedAnswerForm, type FailedContactForm, familyContactRow, familyMessageRow } from './case-family-view.js';
import { FamilyMessagesService } from '../../family/family-messages.service.js';
import { casePath } from '../format/case-summary.js';
import { CASE_NOTICE_STORE, sentNoticesOf } from '../../notices/sent-notices.js';
import { type FailedNoticeForm, noticesSection } from '../format/notice-forms.js';
import { documentsOf } from '../../advice/advice-documents.js';
import { linksOf } from '../../advice/advice-links.js';
import { adviceLinkRows } from '../advice-portal/advice-case-page-view.js';
import { openDisputeRows } from '../dispute-pages/dispute-page-view.js';
import { childName, childPath, planPath, statusTag } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { CONTRIBUTOR_LABELS, deadlineLabel, EVENT_LABELS, EXCEPTION_LABELS, NOTICE_LABELS, REQUEST_SOURCE_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';
import {
  adviceRows,
  awaitedContributors,
  awaitedRequests,
  deadlineRows,
  exceptionChoice,
  exceptionRows,
  noticesOfSteps,
  type RemindersSent,
  requestName,
  trailRows,
} from './case-page-view.js';

/** A form of the case page sent back with what was typed and what was wrong. */
export interface FailedForm {
  type: CaseEventType;
  values: Record<string, unknown>;
  errors: FormErrors;
}


/**
 * Everything the case page shows: the child's summary, each deadline, the advice tracker, the
 * trail and one form per event the machine allows now (for roles that may record events). It is
 * a read of the child's record, so it goes to the access log like GET /api/cases/:id and its trail.
 */
@Injectable()
export class CasePage {
  constructor(
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly noticeSettings: NoticeSettingsService,
    private readonly familyContacts: FamilyContactsService,
    private readonly familyMessages: FamilyMessagesService,
  ) {}

  /** `route`: the page route that shows it (the case page, or the case page again after a refused form), as the access log records it. */
  async view(context: RequestContext, route: string, caseId: string, failed?: FailedForm, failedNotice?: FailedNoticeForm, failedContact?: FailedContactForm, failedAnswer?: FailedAnswerForm) {
    const view = await this.cases.get(context.authority, caseId);
    const events = await this.cases.trail(context.authority, caseId);
    const reminders = await this.remindersSent(context, caseId);
    const sent = await sentNoticesOf(this.db.manager, CASE_NOTICE_STORE, context.authority.id, caseId);
    const noticeDetails = await this.noticeSettings.read(context.authority);
    const contacts = await this.familyContacts.list(context, caseId);
    const messages = await this.familyMessages.list(context, caseId, route);
    const adviceLinks = await linksOf(this.db.manager, context.authority.id, caseId, this.clock.today());
    const adviceDocuments = await documentsOf(this.db.manager, context.authority.id, caseId);
    await this.accessLog.record(context, 'case_read', route, [caseId]);
    await this.accessLog.record(context, 'case_trail_read', route, [caseId]);
    const today = this.clock.today();
    const roles = context.user?.roles ?? [];
    const options = formOptions(view, events);
    const offered = rolesGrant(roles, 'cases:write') ? offeredEvents(view, options, rolesGrant(roles, 'exceptions:approve')) : [];
    return {
      id: view.id,
      reference: view.reference,
      version: view.version,
      childName: childName(view),
      dateOfBirth: formatDate(view.child.dateOfBirth),
      requestReceivedOn: formatDate(view.requestReceivedOn),
      requestSource: REQUEST_SOURCE_LABELS[view.requestSource],
      assignee: view.assignee,
      assignedToMe: view.assignee !== null && [context.user?.id, context.actor].includes(view.assignee),
      machineVersion: view.machineVersion,
      planHref: view.planId ? planPath(view.planId) : undefined,
      childHref: childPath(view.childId),
      status: statusTag(view),
      deadlines: deadlineRows(view, today),
      advice: adviceRows(view, reminders),
      adviceLinks: adviceLinkRows(view, adviceLinks, adviceDocuments, rolesGrant(roles, 'cases:write')),
      exceptions: exceptionRows(view),
      disputes: openDisputeRows(view.disputes),
      newDisputeHref: rolesGrant(roles, 'cases:write') ? `/disputes/new?caseId=${view.id}` : undefined,
      trail: trailRows(events),
      forms: offered.map((type) => eventForm(type, context, today, failed)),
      notices: noticesSection({
        basePath: casePath(view.id),
        noun: 'case',
        recipientHint: 'The family if left empty; the final plan also goes to the school and the health body',
        detailsSet: noticeDetails !== null,
        roles,
        available: noticesOfSteps(events),
        labels: NOTICE_LABELS,
        sent,
        failed: failedNotice,
      }),
      family: {
        mayChange: rolesGrant(roles, 'cases:write'),
        contacts: contacts.map((contact) => familyContactRow(view.id, contact)),
        values: failedContact?.values ?? {},
        errors: failedContact?.errors,
      },
      familyMessages: messages.map((message) => familyMessageRow(view.id, message, rolesGrant(roles, 'cases:write'), today, failedAnswer)),
      options,
      errors: failed?.errors ?? failedNotice?.errors ?? failedContact?.errors ?? failedAnswer?.errors,
    };
  }

  /** Advice reminders and escalations the alerts raised, per deadline and due date. */
  private async remindersSent(context: RequestContext, caseId: string): Promise<RemindersSent> {
    const rows: { deadline: string; due_on: IsoDate; sent: number }[] = await this.db.query(
      `SELECT deadline, due_on, count(*)::int AS sent FROM notification
       WHERE local_authority_id = $1 AND case_id = $2 AND kind IN ('advice_reminder', 'advice_escalation')
       GROUP BY deadline, due_on`,
      [context.authority.id, caseId],
    );
    return (deadline, dueOn) => rows.find((row) => row.deadline === deadline && row.due_on === dueOn)?.sent ?? 0;
  }
}

type FormOptions = ReturnType<typeof formOptions>;

/**
 * The choices of the forms. Advice received names the request (its deadline) when a contributor
 * has several awaited, since the API must then be told which (reg 8(1): each has its own limit).
 */
function formOptions(view: CaseView, events: CaseEventView[]) {
  const awaited = awaitedRequests(view);
  const severalFromOne = awaitedContributors(view).length < awaited.length;
  return {
    contributors: CONTRIBUTORS.map((value) => ({ value, text: CONTRIBUTOR_LABELS[value] })),
    adviceReceived: severalFromOne
      ? { name: 'request', items: awaited.map((request) => ({ value: request.name, text: requestName(request), hint: { text: `${deadlineLabel(request.name)}, due ${formatDate(view.deadlines[request.name]?.dueOn)}` } })) }
      : { name: 'contributor', items: awaitedContributors(view).map((value) => ({ value, text: CONTRIBUTOR_LABELS[value] })) },
    exceptions: EXCEPTION_KINDS.map((value) => ({ value, text: EXCEPTION_LABELS[value] })),
    openLimits: Object.entries(view.deadlines)
      .filter(([, deadline]) => deadline.open && deadline.role !== 'window')
      .map(([value]) => ({ value, text: deadlineLabel(value) })),
    proposedExceptions: view.exceptions.filter((exception) => !exception.approvedBy).map(withLimits),
    runningExceptions: view.exceptions.filter((exception) => !exception.to).map(withLimits),
    notices: noticesOfSteps(events).map((value) => ({ value, text: NOTICE_LABELS[value] })),
    methods: SERVICE_METHODS.map((value) => ({ value, text: SERVICE_METHOD_LABELS[value] })),
  };
}

const withLimits = (exception: CaseView['exceptions'][number]) => ({ ...exceptionChoice(exception), hint: { text: `Against: ${exception.limits.map(deadlineLabel).join('; ')}` } });

/**
 * The events the machine allows now, less those whose form would offer nothing to choose: advice
 * received with none awaited, an approval with nothing proposed (or for an account without
 * delegated authority, which the service would refuse), an ending with nothing running, a notice
 * of no step yet.
 */
function offeredEvents(view: CaseView, options: FormOptions, mayApprove: boolean): CaseEventType[] {
  const empty: Partial<Record<CaseEventType, boolean>> = {
    ADVICE_RECEIVED: options.adviceReceived.items.length === 0,
    EXCEPTION_APPROVED: !mayApprove || options.proposedExceptions.length === 0,
    EXCEPTION_ENDED: options.runningExceptions.length === 0,
    NOTICE_SENT: options.notices.length === 0,
  };
  return view.allowedEvents.filter((type) => !empty[type]);
}

/** One event form: open with the user's input and errors when it was just refused, otherwise dated today. */
function eventForm(type: CaseEventType, context: RequestContext, today: IsoDate, failed?: FailedForm) {
  const refused = failed?.type === type;
  const [year, month, day] = today.split('-').map(Number);
  const defaults = { 'occurredOn-day': String(day), 'occurredOn-month': String(month), 'occurredOn-year': String(year), assigneeId: context.actor };
  return { type, title: EVENT_LABELS[type], open: refused, values: refused ? { ...failed.values, limits: [failed.values.limits ?? []].flat() } : defaults, errors: refused ? failed.errors : undefined };
}
