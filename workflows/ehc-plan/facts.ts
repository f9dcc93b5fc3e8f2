/**
 * How each accepted event changes a plan's dated facts (the machine's context). Pure; the
 * machine applies it only after rules.ts has accepted the event.
 */
import { isIsoDate } from '../calendar/dates.js';
import { defined } from '../process/defined.js';
import { claimedException, withExceptionChange } from '../limits/exception-claims.js';
import { servedOn } from '../limits/served-dates.js';
import { phaseTransfer, usualPhaseOn } from './phases.js';
import {
  EDUCATION_PHASES,
  type AmendmentRecord,
  type NoticeInput,
  type PlanEvent,
  type PlanFacts,
  type PlanInput,
  type PlanNoticeName,
  type ReassessmentRecord,
  type ReviewRecord,
  type ServedNotice,
} from './types.js';

/** Throws on input no plan can start from: the caller validates requests before this. */
export function initialPlanFacts(input: PlanInput): PlanFacts {
  for (const field of ['startedOn', 'childDateOfBirth', 'issuedOn', 'importedReviewOn'] as const) {
    if ((field === 'issuedOn' || field === 'importedReviewOn') && input[field] === undefined) continue;
    if (!isIsoDate(input[field])) throw new Error(`${field} must be a calendar date YYYY-MM-DD, not "${String(input[field])}"`);
  }
  if (input.phase !== undefined && !EDUCATION_PHASES.includes(input.phase)) {
    throw new Error(`phase must be one of ${EDUCATION_PHASES.join(', ')}, not "${String(input.phase)}"`);
  }
  return defined({
    startedOn: input.startedOn,
    issuedOn: input.issuedOn,
    childDateOfBirth: input.childDateOfBirth,
    lastReviewMeetingOn: input.lastReviewMeetingOn,
    importedReviewOn: input.importedReviewOn,
    namedSetting: input.namedSetting,
    phase: input.phase ?? usualPhaseOn(input.childDateOfBirth, input.transferredInOn ?? input.startedOn),
    yearGroupOffset: 0,
    transferredInOn: input.transferredInOn,
    assigneeId: input.assigneeId,
    transferNotices: [],
    reviews: [],
    amendments: [],
    reassessments: [],
    phaseTransfers: [],
    ceases: [],
    exceptions: [],
  });
}

export function served(notice: NoticeInput, recipient = 'family'): ServedNotice {
  return { sentOn: notice.sentOn, method: notice.method, recipient, servedOn: servedOn(notice.sentOn, notice.method) };
}

/** A notice to a recipient replaces the one recorded for them before. */
function withNotice(notices: ServedNotice[], notice: ServedNotice): ServedNotice[] {
  return [...notices.filter((n) => n.recipient !== notice.recipient), notice];
}

export function currentReview(facts: PlanFacts): ReviewRecord | undefined {
  const last = facts.reviews.at(-1);
  return last && last.decision === undefined ? last : undefined;
}

export function currentAmendment(facts: PlanFacts): AmendmentRecord | undefined {
  const last = facts.amendments.at(-1);
  return last && last.issuedOn === undefined && last.notAmendedOn === undefined ? last : undefined;
}

export function currentReassessment(facts: PlanFacts): ReassessmentRecord | undefined {
  return facts.reassessments.at(-1);
}

function replaceLast<T>(list: T[], change: (item: T) => T): T[] {
  return list.map((item, i) => (i === list.length - 1 ? change(item) : item));
}

function updateReview(facts: PlanFacts, change: (r: ReviewRecord) => ReviewRecord): PlanFacts {
  return { ...facts, reviews: replaceLast(facts.reviews, (r) => defined(change(r))) };
}

function scheduleReview(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REVIEW_MEETING_SCHEDULED' }>): PlanFacts {
  if (currentReview(facts) !== undefined) return updateReview(facts, (r) => ({ ...r, meetingOn: event.meetingOn }));
  const beforeEngine = facts.reviews.length === 0 && facts.importedReviewOn === event.meetingOn;
  const review: ReviewRecord = defined({ n: facts.reviews.length + 1, beforeEngine: beforeEngine || undefined, meetingOn: event.meetingOn, scheduledOn: event.occurredOn, decisionNotices: [] });
  return { ...facts, reviews: [...facts.reviews, review] };
}

function newAmendment(facts: PlanFacts, from: Pick<AmendmentRecord, 'source' | 'sentOn' | 'noticeAssumed' | 'notices' | 'review' | 'reassessment'>): PlanFacts {
  const amendment: AmendmentRecord = defined({ n: facts.amendments.length + 1, ...from, outcomeNotices: [] });
  return { ...facts, amendments: [...facts.amendments, amendment] };
}

function decideReview(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REVIEW_DECISION' }>): PlanFacts {
  const notices = event.notice ? [served(event.notice)] : [];
  const review = currentReview(facts)!;
  const decided = updateReview(facts, (r) => ({ ...r, decision: defined({ decision: event.decision, on: event.occurredOn, reasons: event.reasons }), decisionNotices: notices }));
  if (event.decision === 'amend') {
    // Devon [2022]: the decision notice carries the proposed amendments, so it is the reg 22(2) notice.
    const sentOn = event.notice?.sentOn ?? event.occurredOn;
    return newAmendment(decided, { source: 'review', review: review.n, sentOn, noticeAssumed: event.notice === undefined, notices });
  }
  if (event.decision === 'cease') {
    return cease(decided, defined({ on: event.occurredOn, reasons: event.reasons ?? '', ceaseReason: event.ceaseReason!, fromReview: true, notices, appealBufferWorkingDays: event.appealBufferWorkingDays }));
  }
  return decided;
}

function cease(facts: PlanFacts, record: PlanFacts['ceases'][number]): PlanFacts {
  return { ...facts, ceases: [...facts.ceases, record] };
}

function issueAmendedPlan(facts: PlanFacts, event: Extract<PlanEvent, { type: 'AMENDED_PLAN_ISSUED' }>): PlanFacts {
  const amendment = currentAmendment(facts)!;
  const issued: PlanFacts = {
    ...facts,
    namedSetting: event.namedSetting ?? facts.namedSetting,
    amendments: replaceLast(facts.amendments, (a) =>
      defined({ ...a, issuedOn: event.occurredOn, namedSetting: event.namedSetting, nextPhase: event.nextPhase, representationsWaivedOn: event.representationsWaivedOn, outcomeNotices: event.notice ? [served(event.notice)] : [] }),
    ),
  };
  return event.nextPhase === undefined ? issued : transferPhase(issued, amendment.n, event.nextPhase);
}

/** Reg 18: the amended plan names the next setting; the next transfer is then the one after it. */
function transferPhase(facts: PlanFacts, amendment: number, to: PlanFacts['phase']): PlanFacts {
  const transfer = phaseTransfer(facts, facts.phase, to);
  const record = transfer && { n: facts.phaseTransfers.length + 1, from: facts.phase, to, transferOn: transfer.transferOn, dueOn: transfer.dueOn, amendment };
  return defined({
    ...facts,
    phase: to,
    nextPhase: undefined,
    post16MoveOn: undefined,
    phaseTransfers: record ? [...facts.phaseTransfers, record] : facts.phaseTransfers,
  });
}

function notAmend(facts: PlanFacts, event: Extract<PlanEvent, { type: 'DECISION_NOT_TO_AMEND' }>): PlanFacts {
  const notices = event.notice ? [served(event.notice)] : [];
  if (currentAmendment(facts) !== undefined) {
    return { ...facts, amendments: replaceLast(facts.amendments, (a) => ({ ...a, notAmendedOn: event.occurredOn, reasons: event.reasons, outcomeNotices: notices })) };
  }
  return { ...facts, reassessments: replaceLast(facts.reassessments, (r) => ({ ...r, notAmended: { on: event.occurredOn, reasons: event.reasons, notices } })) };
}

export function recordPlanEvent(facts: PlanFacts, event: PlanEvent): PlanFacts {
  const on = event.occurredOn;
  switch (event.type) {
    case 'REVIEW_MEETING_SCHEDULED':
      return scheduleReview(facts, event);
    case 'REVIEW_INVITATIONS_SENT':
      return updateReview(facts, (r) => ({ ...r, invitations: served({ sentOn: on, method: event.method ?? 'email' }, 'invitees') }));
    case 'REVIEW_ADVICE_CIRCULATED':
      return updateReview(facts, (r) => ({ ...r, advice: served({ sentOn: on, method: event.method ?? 'email' }, 'invitees') }));
    case 'REVIEW_MEETING_HELD': {
      const arranged = currentReview(facts) !== undefined ? facts : scheduleReview(facts, { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: on, meetingOn: on });
      return updateReview(arranged, (r) => ({ ...r, heldOn: on }));
    }
    case 'REVIEW_REPORT_RECEIVED':
      return updateReview(facts, (r) => ({ ...r, reportReceivedOn: on }));
    case 'REVIEW_DECISION':
      return decideReview(facts, event);
    case 'AMENDMENT_NOTICE_SENT': {
      if (currentAmendment(facts) !== undefined) return recordDecisionNotice(facts, 'amendment_notice', served({ sentOn: on, method: event.method }));
      const reassessing = facts.reassessments.at(-1);
      const source = reassessing?.decision?.decision === 'reassess' && reassessing.notAmended === undefined && !concluded(facts, reassessing.n) ? 'reassessment' : 'other';
      return newAmendment(facts, { source, reassessment: source === 'reassessment' ? reassessing!.n : undefined, sentOn: on, noticeAssumed: false, notices: [served({ sentOn: on, method: event.method })] });
    }
    case 'AMENDED_PLAN_ISSUED':
      return issueAmendedPlan(facts, event);
    case 'DECISION_NOT_TO_AMEND':
      return notAmend(facts, event);
    case 'PHASE_DETAILS_RECORDED':
      return defined({ ...facts, phase: event.phase ?? facts.phase, nextPhase: event.nextPhase ?? facts.nextPhase, yearGroupOffset: event.yearGroupOffset ?? facts.yearGroupOffset, post16MoveOn: event.post16MoveOn ?? facts.post16MoveOn });
    case 'REASSESSMENT_REQUESTED': {
      const record: ReassessmentRecord = { n: facts.reassessments.length + 1, requestedOn: on, requestedBy: event.requestedBy, decisionNotices: [] };
      return { ...facts, reassessments: [...facts.reassessments, record] };
    }
    case 'REASSESSMENT_DECISION':
      return { ...facts, reassessments: replaceLast(facts.reassessments, (r) => ({ ...r, decision: defined({ decision: event.decision, on, reasons: event.reasons }), decisionNotices: event.notice ? [served(event.notice)] : [] })) };
    case 'CEASE_DECISION':
      return cease(facts, defined({ on, reasons: event.reasons, ceaseReason: event.ceaseReason, fromReview: false, notices: event.notice ? [served(event.notice)] : [], appealBufferWorkingDays: event.appealBufferWorkingDays }));
    case 'CEASE_DECISION_WITHDRAWN':
      return { ...facts, ceases: replaceLast(facts.ceases, (c) => ({ ...c, withdrawnOn: on, withdrawalReason: event.reason })) };
    case 'CEASED':
      return { ...facts, ceasedOn: on };
    case 'TRANSFERRED_OUT':
      return { ...facts, transferredOut: { on, toAuthority: event.toAuthority } };
    case 'EXCEPTION_RECORDED':
      return { ...facts, exceptions: [...facts.exceptions, { ...claimedException(facts.exceptions, event, on), exception: event.exception, reassessment: facts.reassessments.at(-1)!.n }] };
    case 'EXCEPTION_APPROVED':
    case 'EXCEPTION_ENDED':
      return { ...facts, exceptions: withExceptionChange(facts.exceptions, event) };
    case 'NOTICE_SENT':
      return recordNotice(facts, event.notice, served(event, event.recipient));
    case 'ASSIGNED':
      return { ...facts, assigneeId: event.assigneeId };
  }
}

/** A re-assessment is concluded by an amendment that issued its plan, or by a decision not to amend. */
export function concluded(facts: PlanFacts, reassessment: number): boolean {
  return facts.amendments.some((a) => a.reassessment === reassessment);
}

/** NOTICE_SENT records a (later, or another recipient's) notice of the latest step of its kind. */
function recordNotice(facts: PlanFacts, notice: PlanNoticeName, sent: ServedNotice): PlanFacts {
  switch (notice) {
    case 'review_decision':
    case 'amendment_notice':
      return recordDecisionNotice(facts, notice, sent);
    case 'amended_plan':
    case 'decision_not_to_amend':
      return recordOutcomeNotice(facts, notice, sent);
    case 'reassessment_decision':
      return { ...facts, reassessments: replaceLast(facts.reassessments, (r) => ({ ...r, decisionNotices: withNotice(r.decisionNotices, sent) })) };
    case 'cease_decision':
      return { ...facts, ceases: replaceLast(facts.ceases, (c) => ({ ...c, notices: withNotice(c.notices, sent) })) };
    case 'transfer_notice':
      return { ...facts, transferNotices: withNotice(facts.transferNotices, sent) };
  }
}

/** A review's decision to amend and its amendment notice are one letter (Devon [2022]): both records take it. */
function recordDecisionNotice(facts: PlanFacts, notice: 'review_decision' | 'amendment_notice', sent: ServedNotice): PlanFacts {
  const lastReview = facts.reviews.filter((r) => r.decision !== undefined).at(-1);
  const lastAmendment = facts.amendments.at(-1);
  const sameLetter = lastReview && lastAmendment?.review === lastReview.n;
  let next = facts;
  if (notice === 'review_decision' || sameLetter) {
    next = { ...next, reviews: next.reviews.map((r) => (r.n === lastReview!.n ? { ...r, decisionNotices: withNotice(r.decisionNotices, sent) } : r)) };
  }
  if (notice === 'amendment_notice' || sameLetter) {
    next = { ...next, amendments: replaceLast(next.amendments, (a) => amendmentWithNotice(a, sent)) };
  }
  return next;
}

/** The 8 weeks of reg 22(3) run from sending the notice to the family. */
function amendmentWithNotice(amendment: AmendmentRecord, sent: ServedNotice): AmendmentRecord {
  const notices = withNotice(amendment.notices, sent);
  const toFamily = notices.find((n) => n.recipient === 'family') ?? notices[0];
  return { ...amendment, notices, sentOn: toFamily.sentOn, noticeAssumed: false };
}

function recordOutcomeNotice(facts: PlanFacts, notice: 'amended_plan' | 'decision_not_to_amend', sent: ServedNotice): PlanFacts {
  const amendment = facts.amendments.filter((a) => (notice === 'amended_plan' ? a.issuedOn : a.notAmendedOn) !== undefined).at(-1);
  const reassessment = facts.reassessments.filter((r) => r.notAmended !== undefined).at(-1);
  const amendmentOn = amendment ? (amendment.issuedOn ?? amendment.notAmendedOn)! : '';
  if (notice === 'decision_not_to_amend' && reassessment && reassessment.notAmended!.on > amendmentOn) {
    return { ...facts, reassessments: facts.reassessments.map((r) => (r.n === reassessment.n ? { ...r, notAmended: { ...r.notAmended!, notices: withNotice(r.notAmended!.notices, sent) } } : r)) };
  }
  return { ...facts, amendments: facts.amendments.map((a) => (a.n === amendment!.n ? { ...a, outcomeNotices: withNotice(a.outcomeNotices, sent) } : a)) };
}

/** The step a notice tells the family about, and its date: NOTICE_SENT needs one. */
export function noticedStepOn(facts: PlanFacts, notice: PlanNoticeName): string | undefined {
  switch (notice) {
    case 'review_decision': return facts.reviews.filter((r) => r.decision !== undefined).at(-1)?.decision?.on;
    case 'amendment_notice': return facts.amendments.at(-1)?.sentOn;
    case 'amended_plan': return facts.amendments.filter((a) => a.issuedOn !== undefined).at(-1)?.issuedOn;
    case 'decision_not_to_amend': {
      const dates = [...facts.amendments.map((a) => a.notAmendedOn), ...facts.reassessments.map((r) => r.notAmended?.on)].filter((d): d is string => d !== undefined);
      return dates.sort().at(-1);
    }
    case 'reassessment_decision': return facts.reassessments.at(-1)?.decision?.on;
    case 'cease_decision': return facts.ceases.at(-1)?.on;
    case 'transfer_notice': return facts.transferredInOn;
  }
}
