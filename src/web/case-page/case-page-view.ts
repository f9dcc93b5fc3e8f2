import { CONTRIBUTORS, EVENT_CORRECTED, type Contributor, type IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import type { CaseEventView, CaseView } from '../../cases/case-view.js';
import { isOpenDeadline, workingDueOn } from '../format/case-summary.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { CONTRIBUTOR_LABELS, DEADLINE_STATUS_LABELS, deadlineLabel, eventLabel, EXCEPTION_LABELS, REQUEST_SOURCE_LABELS } from '../format/labels.js';
import { urgency } from '../format/urgency.js';

/** Every deadline of the case: due date, days left and red/amber/green while open, and its status. */
export function deadlineRows(view: CaseView, today: IsoDate) {
  return Object.entries(view.deadlines).map(([name, deadline]) => ({
    label: deadlineLabel(name),
    regulation: deadline.regulation,
    dueOn: formatDate(deadline.dueOn),
    revisedTarget: formatDate(deadline.revisedTarget),
    metOn: formatDate(deadline.metOn),
    status: DEADLINE_STATUS_LABELS[deadline.status],
    urgency: isOpenDeadline(deadline) ? urgency(workingDueOn(deadline), today) : undefined,
  }));
}

/** Reminders and escalations sent so far, by deadline name and due date (the notification table). */
export type RemindersSent = (deadline: string, dueOn: IsoDate) => number;

/** The advice tracker: each contributor asked, when, by when, when it came and how often they were chased. */
export function adviceRows(view: CaseView, reminders: RemindersSent) {
  return CONTRIBUTORS.filter((contributor) => view.advice[contributor]).map((contributor) => {
    const advice = view.advice[contributor]!;
    const deadline = view.deadlines[`advice.${contributor}`];
    const contact = [advice.contact?.name, advice.contact?.organisation, advice.contact?.email].filter(Boolean).join(', ');
    return {
      contributor: CONTRIBUTOR_LABELS[contributor],
      contact,
      requestedOn: formatDate(advice.requestedOn),
      dueOn: formatDate(deadline?.dueOn),
      receivedOn: formatDate(advice.receivedOn),
      remindersSent: deadline ? reminders(`advice.${contributor}`, deadline.dueOn) : 0,
    };
  });
}

/** Contributors asked for advice that has not come yet: what ADVICE_RECEIVED may name. */
export function outstandingContributors(view: CaseView): Contributor[] {
  return CONTRIBUTORS.filter((contributor) => view.advice[contributor] && !view.advice[contributor]!.receivedOn);
}

const PAYLOAD_LABELS: Record<string, string> = {
  decision: 'Decision',
  reasons: 'Reasons',
  contributor: 'From',
  exception: 'Exception',
  from: 'From',
  to: 'To',
  note: 'Note',
  reason: 'Reason',
  assigneeId: 'Assigned to',
  placement: 'Placement',
  representationsWaivedOn: 'Family had nothing to add on',
  requestSource: 'Requested by',
  fromVersion: 'From version',
  toVersion: 'To version',
};

const DECISIONS: Record<string, string> = { assess: 'Assess', decline: 'Decline to assess', issue: 'Issue a plan', not_issue: 'Do not issue a plan' };

function describeValue(key: string, value: unknown): string {
  if (key === 'contributor') return CONTRIBUTOR_LABELS[value as Contributor] ?? String(value);
  if (key === 'exception') return EXCEPTION_LABELS[value as keyof typeof EXCEPTION_LABELS] ?? String(value);
  if (key === 'decision') return DECISIONS[String(value)] ?? String(value);
  if (key === 'requestSource') return REQUEST_SOURCE_LABELS[value as keyof typeof REQUEST_SOURCE_LABELS] ?? String(value);
  if (['from', 'to', 'representationsWaivedOn'].includes(key)) return formatDate(String(value));
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
