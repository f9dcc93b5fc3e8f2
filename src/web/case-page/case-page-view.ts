import {
  EVENT_CORRECTED,
  type AdviceRequest,
  type Contributor,
  type ExceptionRecord,
  type IsoDate,
  type NoticeName,
  type ServiceMethod,
} from '../../../workflows/ehc-needs-assessment/index.js';
import type { CaseEventView, CaseView, DeadlineView } from '../../cases/case-view.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import {
  CONTRIBUTOR_LABELS,
  DEADLINE_STATUS_LABELS,
  deadlineLabel,
  eventLabel,
  EXCEPTION_LABELS,
  NOTICE_LABELS,
  REQUEST_SOURCE_LABELS,
  SERVICE_METHOD_LABELS,
} from '../format/labels.js';
import { limitUrgency } from '../format/urgency.js';

/** What a met date stands for when no notice to the family was recorded (domain 5.2: met when served). */
const ASSUMED_DATE: Record<string, string> = {
  decisionToAssess: 'Date of the decision: no notice recorded',
  issueDecision: 'Date of the decision: no notice recorded',
  finalPlan: 'Date of the plan: no notice recorded',
};

/** Missed, not "overdue": a limit the case closed off after its target passed is history, not a task. */
function statusLabel(deadline: DeadlineView) {
  return deadline.status === 'breached' && !deadline.open ? { text: 'Missed', tagClass: 'govuk-tag--red' } : DEADLINE_STATUS_LABELS[deadline.status];
}

/**
 * Every deadline of a case (or, with the plan's labels, of a plan): due date, revised target,
 * days left and red/amber/green while open, and its status.
 */
export function deadlineRows(view: Pick<CaseView, 'deadlines'>, today: IsoDate, label: (name: string) => string = deadlineLabel) {
  return Object.entries(view.deadlines).map(([name, deadline]) => ({
    label: label(name),
    regulation: deadline.regulation,
    dueOn: formatDate(deadline.dueOn),
    revisedTarget: formatDate(deadline.revisedTarget),
    metOn: formatDate(deadline.metOn),
    noticeAssumed: deadline.noticeAssumed ? (ASSUMED_DATE[name] ?? 'Date of the step: no notice recorded') : undefined,
    // Held: an approved exception still running leaves the limit without a target (workflows/limits).
    held: deadline.open && deadline.targetOn === null,
    closedOn: deadline.metOn === null ? formatDate(deadline.closedOn) : '',
    status: statusLabel(deadline),
    urgency: limitUrgency(deadline, today),
  }));
}

/** Reminders and escalations sent so far, by deadline name and due date (the notification table). */
export type RemindersSent = (deadline: string, dueOn: IsoDate) => number;

/** A request by the body asked when it was named, else by its contributor. */
export const requestName = (request: AdviceRequest): string =>
  request.body ? `${request.body} (${CONTRIBUTOR_LABELS[request.contributor]})` : CONTRIBUTOR_LABELS[request.contributor];

/**
 * The advice tracker: each request, when it was asked, by when, when it came and how often the
 * body was chased — for its due date, and for its revised target when an exception moved it.
 */
export function adviceRows(view: CaseView, reminders: RemindersSent) {
  return view.adviceRequests.map((request) => {
    const deadline = view.deadlines[request.name];
    const dueDates = [...new Set([deadline?.dueOn, deadline?.targetOn].filter((date): date is IsoDate => Boolean(date)))];
    const contact = [request.contact?.name, request.contact?.organisation, request.contact?.email].filter(Boolean).join(', ');
    return {
      name: requestName(request),
      contact,
      requestedOn: formatDate(request.requestedOn),
      dueOn: formatDate(deadline?.dueOn),
      revisedTarget: formatDate(deadline?.revisedTarget),
      receivedOn: formatDate(request.receivedOn),
      remindersSent: dueDates.reduce((sent, dueOn) => sent + reminders(request.name, dueOn), 0),
    };
  });
}

/** Requests whose advice has not come yet: what ADVICE_RECEIVED may name. */
export const awaitedRequests = (view: CaseView): AdviceRequest[] => view.adviceRequests.filter((request) => !request.receivedOn);

/** Contributors with advice awaited, each once, in the tracker's order. */
export const awaitedContributors = (view: CaseView): Contributor[] => [...new Set(awaitedRequests(view).map((request) => request.contributor))];

const exceptionDates = (exception: ExceptionRecord): string =>
  exception.to ? `${formatDate(exception.from)} to ${formatDate(exception.to)}` : `From ${formatDate(exception.from)}, not ended`;

/** An exception as the forms offer it: its kind and dates (the API names it by its trail seq). */
export const exceptionChoice = (exception: ExceptionRecord) => ({ value: String(exception.seq), text: `${EXCEPTION_LABELS[exception.exception]}, ${exceptionDates(exception)}` });

/** Domain 4: proposed until a manager approves it; then running until it ends; an absence under 4 weeks lapses. */
function exceptionStatus(exception: ExceptionRecord): string[] {
  if (!exception.approvedBy) return ['Proposed: relaxes nothing until a manager approves it'];
  const approved = `Approved by ${exception.approvedBy} on ${formatDate(exception.approvedOn)}`;
  const running = exception.to ? `Ended on ${formatDate(exception.to)}` : 'Running';
  const lapsed = (exception.lapsed ?? []).map(({ limit, reason }) => `Lapsed for ${deadlineLabel(limit)}: ${reason}`);
  return [approved, running, ...lapsed];
}

/** Every exception recorded on the case, with what it relaxes and when the family was told (CoP 9.43). */
export function exceptionRows(view: CaseView) {
  return view.exceptions.map((exception) => ({
    kind: EXCEPTION_LABELS[exception.exception],
    dates: exceptionDates(exception),
    status: exceptionStatus(exception),
    limits: exception.limits.map(deadlineLabel),
    revisedTarget: formatDate(exception.revisedTarget),
    familyToldOn: formatDate(exception.familyToldOn) || 'Not recorded',
  }));
}

/** The trail's step behind each notice: a notice can be sent only of a step the case has. */
const NOTICE_STEPS: Record<NoticeName, string> = {
  decision_to_assess: 'DECISION_TO_ASSESS',
  decision_to_issue: 'DECISION_TO_ISSUE',
  draft_plan: 'DRAFT_PLAN_ISSUED',
  final_plan: 'FINAL_PLAN_ISSUED',
};

export function noticesOfSteps(events: CaseEventView[]): NoticeName[] {
  return (Object.keys(NOTICE_STEPS) as NoticeName[]).filter((notice) => events.some((event) => event.type === NOTICE_STEPS[notice]));
}

const PAYLOAD_LABELS: Record<string, string> = {
  decision: 'Decision',
  reasons: 'Reasons',
  contributor: 'From',
  body: 'Body asked',
  method: 'Sent by',
  request: 'Request',
  exception: 'Exception',
  exceptionSeq: 'Exception',
  limits: 'Against',
  from: 'From',
  to: 'To',
  revisedTarget: 'Revised target',
  evidence: 'Evidence',
  impracticalBecause: 'Why it made the limit impractical',
  familyToldOn: 'Family told on',
  approvedBy: 'Approved by',
  note: 'Note',
  reason: 'Reason',
  assigneeId: 'Assigned to',
  placement: 'Placement',
  representationsWaivedOn: 'Family had nothing to add on',
  notice: 'Notice',
  sentOn: 'Sent on',
  recipient: 'To',
  requestSource: 'Requested by',
  fromVersion: 'From version',
  toVersion: 'To version',
};

const DECISIONS: Record<string, string> = { assess: 'Assess', decline: 'Decline to assess', issue: 'Issue a plan', not_issue: 'Do not issue a plan' };
const DATES = ['from', 'to', 'representationsWaivedOn', 'revisedTarget', 'familyToldOn', 'sentOn'];

/** A decision's notice is `{ sentOn, method }`; NOTICE_SENT names the notice. */
function describeNotice(value: unknown): string {
  if (typeof value === 'string') return NOTICE_LABELS[value as NoticeName] ?? value;
  const notice = value as { sentOn: IsoDate; method: ServiceMethod };
  return `sent on ${formatDate(notice.sentOn)} by ${SERVICE_METHOD_LABELS[notice.method]?.toLowerCase() ?? notice.method}`;
}

function describeValue(key: string, value: unknown): string {
  if (key === 'contributor') return CONTRIBUTOR_LABELS[value as Contributor] ?? String(value);
  if (key === 'exception') return EXCEPTION_LABELS[value as keyof typeof EXCEPTION_LABELS] ?? String(value);
  if (key === 'exceptionSeq') return `recorded as event ${String(value)}`;
  if (key === 'decision') return DECISIONS[String(value)] ?? String(value);
  if (key === 'request') return deadlineLabel(String(value));
  if (key === 'limits' && Array.isArray(value)) return value.map((name) => deadlineLabel(String(name))).join('; ');
  if (key === 'method') return SERVICE_METHOD_LABELS[value as ServiceMethod] ?? String(value);
  if (key === 'notice') return describeNotice(value);
  if (key === 'requestSource') return REQUEST_SOURCE_LABELS[value as keyof typeof REQUEST_SOURCE_LABELS] ?? String(value);
  if (DATES.includes(key)) return formatDate(String(value));
  return String(value);
}

/** One line of the trail: when, what, the details a caseworker reads, who recorded it and when, and whether a correction superseded it. */
export function trailRows(events: CaseEventView[]) {
  const bySeq = new Map(events.map((event) => [event.seq, event]));
  return events.map((event) => {
    const details = Object.entries(event.payload)
      .filter(([key, value]) => PAYLOAD_LABELS[key] && value !== null && value !== undefined && value !== '')
      .map(([key, value]) => `${PAYLOAD_LABELS[key]}: ${describeValue(key, value)}`);
    const contact = event.payload.contact as Record<string, string> | undefined;
    if (contact) details.push(`Contact: ${[contact.name, contact.organisation, contact.email].filter(Boolean).join(', ')}`);
    if (event.type === EVENT_CORRECTED) details.push(...correctionDetails(event, bySeq));
    const superseded = event.supersededBy && { reason: event.supersededBy.reason, actor: event.supersededBy.actor, recordedAt: formatDateTime(event.supersededBy.recordedAt) };
    return { occurredOn: formatDate(event.occurredOn), what: eventLabel(event.type), details, recordedAt: formatDateTime(event.recordedAt), actor: event.actor, superseded };
  });
}

/** What a correction superseded, and what it put in its place. */
function correctionDetails(event: CaseEventView, bySeq: Map<number, CaseEventView>): string[] {
  const stepOn = (step: { type: string; occurredOn: IsoDate }) => `${eventLabel(step.type)} of ${formatDate(step.occurredOn)}`;
  const target = bySeq.get(Number(event.payload.eventSeq));
  const replacement = event.payload.replacement as { type: string; occurredOn: IsoDate } | undefined;
  return [`Supersedes: ${target ? stepOn(target) : `entry ${String(event.payload.eventSeq)}`}`, ...(replacement ? [`Replaced by: ${stepOn(replacement)}`] : [])];
}
