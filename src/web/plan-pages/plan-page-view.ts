import type { AmendmentRecord, CeaseReason, EducationPhase, IsoDate, ServedNotice, ServiceMethod } from '../../../workflows/ehc-plan/index.js';
import type { PlanView } from '../../plans/plan-view.js';
import type { PlanEventView } from '../../plans/plans.service.js';
import { formatDate, formatDateTime } from '../format/dates.js';
import { EXCEPTION_LABELS, SERVICE_METHOD_LABELS } from '../format/labels.js';
import {
  CEASE_REASON_LABELS,
  PHASE_LABELS,
  PLAN_NOTICE_LABELS,
  planEventLabel,
  REASSESSMENT_REQUESTER_LABELS,
  REVIEW_DECISION_LABELS,
} from '../format/plan-labels.js';

/** "2 February 2026 by post to family, served 4 February 2026": a limit is met on the served date (domain 5.2). */
function noticeLine(notice: ServedNotice): string {
  const served = notice.servedOn === notice.sentOn ? '' : `, served ${formatDate(notice.servedOn)}`;
  return `${formatDate(notice.sentOn)} by ${SERVICE_METHOD_LABELS[notice.method].toLowerCase()} to ${notice.recipient}${served}`;
}

const noticeLines = (notices: ServedNotice[]): string[] => notices.map((notice) => `Notice sent ${noticeLine(notice)}`);

/** Each review: the meeting, the invitations and advice before it, the report and the decision with its notices. */
export function reviewRows(view: PlanView) {
  return view.reviews.map((review) => ({
    n: review.n,
    meeting: [
      review.heldOn ? `Held on ${formatDate(review.heldOn)}` : `Arranged for ${formatDate(review.meetingOn)}`,
      `Arranged on ${formatDate(review.scheduledOn)}`,
    ],
    invitations: review.invitations ? `Sent ${noticeLine(review.invitations)}` : 'Not sent',
    advice: review.advice ? `Circulated ${noticeLine(review.advice)}` : 'Not circulated',
    report: review.reportReceivedOn ? `Received on ${formatDate(review.reportReceivedOn)}` : 'Not received',
    decision: review.decision
      ? [`${REVIEW_DECISION_LABELS[review.decision.decision]}, decided on ${formatDate(review.decision.on)}`, ...noticeLines(review.decisionNotices), ...(review.decision.reasons ? [`Reasons: ${review.decision.reasons}`] : [])]
      : ['Not decided'],
  }));
}

function amendmentSource(amendment: AmendmentRecord): string {
  if (amendment.source === 'review') return `Review ${amendment.review}`;
  if (amendment.source === 'reassessment') return `Re-assessment ${amendment.reassessment}`;
  return 'Outside a review';
}

function amendmentOutcome(amendment: AmendmentRecord): string[] {
  if (amendment.issuedOn) {
    const named = amendment.namedSetting ? [`Names ${amendment.namedSetting}`] : [];
    const phase = amendment.nextPhase ? [`For the move to: ${PHASE_LABELS[amendment.nextPhase]}`] : [];
    return [`Amended plan issued on ${formatDate(amendment.issuedOn)}`, ...named, ...phase, ...noticeLines(amendment.outcomeNotices)];
  }
  if (amendment.notAmendedOn) return [`Decided not to amend on ${formatDate(amendment.notAmendedOn)}`, `Reasons: ${amendment.reasons ?? ''}`, ...noticeLines(amendment.outcomeNotices)];
  return ['Awaited'];
}

/** Each amendment: what led to it, its notice of the proposed amendments, and the amended plan or decision not to amend. */
export function amendmentRows(view: PlanView) {
  return view.amendments.map((amendment) => ({
    n: amendment.n,
    source: amendmentSource(amendment),
    notice: amendment.noticeAssumed
      ? [`Proposed with the review decision on ${formatDate(amendment.sentOn)}`, 'No notice recorded']
      : [`Proposed on ${formatDate(amendment.sentOn)}`, ...noticeLines(amendment.notices)],
    outcome: amendmentOutcome(amendment),
  }));
}

export function reassessmentRows(view: PlanView) {
  return view.reassessments.map((reassessment) => ({
    n: reassessment.n,
    requested: `On ${formatDate(reassessment.requestedOn)} by ${(REASSESSMENT_REQUESTER_LABELS[reassessment.requestedBy] ?? reassessment.requestedBy).toLowerCase()}`,
    decision: reassessment.decision
      ? [`${reassessment.decision.decision === 'reassess' ? 'Re-assess' : 'Refused'} on ${formatDate(reassessment.decision.on)}`, ...noticeLines(reassessment.decisionNotices)]
      : ['Not decided'],
    outcome: reassessment.notAmended ? `Decided not to amend on ${formatDate(reassessment.notAmended.on)}` : '',
  }));
}

const phaseName = (phase: EducationPhase): string => PHASE_LABELS[phase];

/** Transfers whose next setting an amended plan named, with the reg 18 date it was due by. */
export function phaseTransferRows(view: PlanView) {
  return view.phaseTransfers.map((transfer) => ({
    transfer: `${phaseName(transfer.from)} to ${phaseName(transfer.to)}`,
    transferOn: formatDate(transfer.transferOn),
    dueOn: formatDate(transfer.dueOn),
    amendment: `Amendment ${transfer.amendment}`,
  }));
}

export function ceaseRows(view: PlanView) {
  return view.ceases.map((cease) => ({
    on: formatDate(cease.on),
    reason: `${cease.ceaseReason}: ${CEASE_REASON_LABELS[cease.ceaseReason]}`,
    details: [`Reasons: ${cease.reasons}`, ...(cease.fromReview ? ['Decided at a review'] : []), ...noticeLines(cease.notices)],
    withdrawn: cease.withdrawnOn ? `Withdrawn on ${formatDate(cease.withdrawnOn)}: ${cease.withdrawalReason ?? ''}` : '',
  }));
}

const PAYLOAD_LABELS: Record<string, string> = {
  meetingOn: 'Meeting on',
  method: 'Sent by',
  decision: 'Decision',
  reasons: 'Reasons',
  reason: 'Reason',
  ceaseReason: 'SEN2 reason',
  namedSetting: 'Names',
  nextPhase: 'Next phase',
  phase: 'Phase',
  yearGroupOffset: 'Years out of year group',
  post16MoveOn: 'Post-16 move on',
  representationsWaivedOn: 'Family had nothing to add on',
  requestedBy: 'Requested by',
  toAuthority: 'To',
  exception: 'Exception',
  exceptionSeq: 'Exception',
  from: 'From',
  to: 'To',
  revisedTarget: 'Revised target',
  note: 'Note',
  evidence: 'Evidence',
  approvedBy: 'Approved by',
  sentOn: 'Sent on',
  recipient: 'To',
  assigneeId: 'Assigned to',
  startedOn: 'Made on',
  lastReviewMeetingOn: 'Last review meeting',
  fromAuthority: 'Transferred from',
};

const DATES = ['meetingOn', 'post16MoveOn', 'representationsWaivedOn', 'from', 'to', 'revisedTarget', 'sentOn', 'startedOn', 'lastReviewMeetingOn'];

function describeValue(key: string, value: unknown): string {
  if (DATES.includes(key)) return formatDate(String(value));
  if (key === 'method') return SERVICE_METHOD_LABELS[value as ServiceMethod] ?? String(value);
  if (key === 'decision') return REVIEW_DECISION_LABELS[value as keyof typeof REVIEW_DECISION_LABELS] ?? String(value);
  if (key === 'ceaseReason') return `${String(value)}: ${CEASE_REASON_LABELS[value as CeaseReason] ?? ''}`;
  if (key === 'nextPhase' || key === 'phase') return PHASE_LABELS[value as EducationPhase] ?? String(value);
  if (key === 'exception') return EXCEPTION_LABELS[value as keyof typeof EXCEPTION_LABELS] ?? String(value);
  if (key === 'requestedBy') return REASSESSMENT_REQUESTER_LABELS[String(value)] ?? String(value);
  return String(value);
}

/** A notice given with its step, or on its own: "Notice: sent 4 January 2027 by email". */
function noticeDetail(payload: Record<string, unknown>): string[] {
  const notice = payload.notice;
  if (typeof notice === 'string') return [`Notice: ${PLAN_NOTICE_LABELS[notice as keyof typeof PLAN_NOTICE_LABELS] ?? notice}`];
  if (notice && typeof notice === 'object') {
    const { sentOn, method } = notice as { sentOn: IsoDate; method: ServiceMethod };
    return [`Notice sent ${formatDate(sentOn)} by ${SERVICE_METHOD_LABELS[method].toLowerCase()}`];
  }
  return [];
}

/** One line of the plan's trail: when, what, the details a caseworker reads, and who recorded it when. */
export function planTrailRows(events: PlanEventView[]) {
  return events.map((event) => {
    const details = Object.entries(event.payload)
      .filter(([key, value]) => PAYLOAD_LABELS[key] && value !== null && value !== undefined && value !== '')
      .map(([key, value]) => `${PAYLOAD_LABELS[key]}: ${describeValue(key, value)}`);
    return {
      occurredOn: formatDate(event.occurredOn),
      what: planEventLabel(event.type),
      details: [...details, ...noticeDetail(event.payload)],
      recordedAt: formatDateTime(event.recordedAt),
      actor: event.actor,
    };
  });
}
