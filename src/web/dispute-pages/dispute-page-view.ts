import { ORDER_STEPS, type DisputeOutcome, type IsoDate, type OrderAction, type ServiceMethod } from '../../../workflows/ehc-dispute/index.js';
import type { DisputeView } from '../../disputes/dispute-view.js';
import type { DisputeEventView } from '../../disputes/disputes.service.js';
import type { OpenDispute } from '../../disputes/open-disputes.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { DISPUTE_OUTCOME_LABELS, DISPUTE_STATUS_LABELS, disputeDeadlineLabel, disputeEventLabel, DISPUTED_DECISION_LABELS, ORDER_ACTION_LABELS } from '../format/dispute-labels.js';
import { EXCEPTION_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';
import { limitUrgency, type Urgency } from '../format/urgency.js';

/** The dispute page's address: `/disputes/:id` is the API's (page-routes.ts keeps the two apart). */
export const disputePath = (id: string): string => `/dispute/${id}`;

export interface NextLimit {
  label: string;
  dueOn: string;
  urgency?: Urgency;
}

/**
 * The open limit with the earliest target: what the worklist is ordered by (nextDueOn). The
 * family's windows (mediation advice, appeal) are theirs to use, never the authority's task.
 */
export function nextLimit(view: Pick<DisputeView, 'deadlines'>, today: IsoDate): NextLimit | undefined {
  const open = Object.entries(view.deadlines).filter(([, deadline]) => deadline.open && deadline.role !== 'window' && deadline.targetOn !== null);
  if (open.length === 0) return undefined;
  const [name, deadline] = open.reduce((next, entry) => (entry[1].targetOn! < next[1].targetOn! ? entry : next));
  return { label: disputeDeadlineLabel(name), dueOn: formatDate(deadline.targetOn), urgency: limitUrgency(deadline, today) };
}

/** The Disputes section of the case and plan pages: each open dispute of the subject. */
export function openDisputeRows(disputes: OpenDispute[]) {
  return disputes.map((dispute) => ({
    href: disputePath(dispute.id),
    reference: dispute.reference,
    decision: DISPUTED_DECISION_LABELS[dispute.decision],
    status: DISPUTE_STATUS_LABELS[dispute.status],
    nextDueOn: dispute.nextDueOn ? formatDate(dispute.nextDueOn) : 'No limit running',
  }));
}

/** The order steps still open, for "Order step met" and an exception against one of them. */
export function openOrderSteps(view: Pick<DisputeView, 'deadlines'>) {
  return ORDER_STEPS.filter((step) => view.deadlines[step]?.open).map((step) => ({ value: step, text: disputeDeadlineLabel(step) }));
}

/** An exception claimed on the dispute, as the trail recorded it, approved and ended since or not. */
interface ClaimedException {
  seq: number;
  text: string;
  approved: boolean;
  ended: boolean;
}

/**
 * The exceptions of the dispute's trail (EXCEPTION_RECORDED carries its own seq; approvals and
 * endings name it), to offer them to the forms that approve or end one.
 */
export function claimedExceptions(events: DisputeEventView[]): ClaimedException[] {
  const changed = (type: string, seq: number) => events.some((event) => event.type === type && event.payload.exceptionSeq === seq);
  return events
    .filter((event) => event.type === 'EXCEPTION_RECORDED')
    .map((event) => {
      const payload = event.payload as { seq?: number; exception: string; from: IsoDate; to?: IsoDate; approvedBy?: string; step: string };
      const seq = payload.seq ?? event.seq;
      const dates = payload.to ? `${formatDate(payload.from)} to ${formatDate(payload.to)}` : `From ${formatDate(payload.from)}, not ended`;
      const kind = EXCEPTION_LABELS[payload.exception as keyof typeof EXCEPTION_LABELS] ?? payload.exception;
      return {
        seq,
        text: `${kind}, ${dates} (${disputeDeadlineLabel(payload.step)})`,
        approved: payload.approvedBy !== undefined || changed('EXCEPTION_APPROVED', seq),
        ended: payload.to !== undefined || changed('EXCEPTION_ENDED', seq),
      };
    });
}

export const outcomeText = (outcome: DisputeOutcome | null): string | undefined => (outcome ? DISPUTE_OUTCOME_LABELS[outcome] : undefined);

const PAYLOAD_LABELS: Record<string, string> = {
  decision: 'Decision',
  decidedOn: 'Decided on',
  noticeSentOn: 'Notice sent on',
  healthMatters: 'Health matters',
  tribunalReference: 'Tribunal reference',
  registeredOn: 'Registered on',
  outcome: 'Outcome',
  actions: 'The authority must',
  step: 'Step',
  method: 'Sent by',
  terms: 'Terms',
  reason: 'Reason',
  assigneeId: 'Assigned to',
  exception: 'Exception',
  from: 'From',
  to: 'To',
  note: 'Note',
  approvedBy: 'Approved by',
};

const DATES = ['decidedOn', 'noticeSentOn', 'registeredOn', 'from', 'to'];

function describeValue(key: string, value: unknown): string {
  if (DATES.includes(key)) return formatDate(String(value));
  if (key === 'decision') return DISPUTED_DECISION_LABELS[value as keyof typeof DISPUTED_DECISION_LABELS] ?? (value === 'not_issue' ? 'Not to issue a plan' : value === 'issue' ? 'Issue a plan' : String(value));
  if (key === 'outcome') return DISPUTE_OUTCOME_LABELS[value as DisputeOutcome] ?? String(value);
  if (key === 'actions') return (value as OrderAction[]).map((action) => ORDER_ACTION_LABELS[action] ?? action).join('; ');
  if (key === 'step') return disputeDeadlineLabel(String(value));
  if (key === 'method') return SERVICE_METHOD_LABELS[value as ServiceMethod] ?? String(value);
  if (key === 'healthMatters') return value ? 'Yes' : 'No';
  if (key === 'exception') return EXCEPTION_LABELS[value as keyof typeof EXCEPTION_LABELS] ?? String(value);
  return String(value);
}

/** A mediation agreement, and the case or plan event that carried out an order's step. */
function extraDetails(payload: Record<string, unknown>): string[] {
  const agreement = payload.agreement as { action: OrderAction | 'other'; terms: string } | undefined;
  const carried = payload.carriedOutBy as { process: string; reference: string } | undefined;
  return [
    ...(agreement ? [`Agreement: ${agreement.action === 'other' ? 'Other matters' : ORDER_ACTION_LABELS[agreement.action]}: ${agreement.terms}`] : []),
    ...(carried ? [`Carried out by the ${carried.process} ${carried.reference}`] : []),
  ];
}

/** One line of the dispute's trail: when, what, the details a caseworker reads, and who recorded it when. */
export function disputeTrailRows(events: DisputeEventView[]) {
  return events.map((event) => {
    // In the labels' order: the stored payload's keys come back in jsonb's order, not the form's.
    const details = Object.keys(PAYLOAD_LABELS)
      .map((key) => [key, event.payload[key]] as const)
      .filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => `${PAYLOAD_LABELS[key]}: ${describeValue(key, value)}`);
    return {
      occurredOn: formatDate(event.occurredOn),
      what: disputeEventLabel(event.type),
      details: [...details, ...extraDetails(event.payload)],
      recordedAt: formatDateTime(event.recordedAt),
      actor: event.actor,
    };
  });
}
