/**
 * Why an event may not be applied to a plan's facts: chronology, required reasons, the
 * family's 15 days on proposed amendments, the appeal window before a plan ceases, notices and
 * exceptions. Pure, so every refusal carries its reason; the machine's guards call the same
 * function, so they can never disagree. A step done late is recorded (the law was broken, not
 * the data) and shows on its limit.
 */
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../calendar/dates.js';
import { absenceDaysWithin, exceptionChangeRefusal } from '../limits/exception-claims.js';
import { SERVICE_METHODS } from '../limits/served-dates.js';
import { closureWindow } from '../ehc-needs-assessment/clock/closures.js';
import { currentAmendment, currentReview, noticedStepOn } from './facts.js';
import { NEXT_PHASES } from './phases.js';
import { ceaseAppealBuffer, ceaseTakesEffectAfter, openReassessmentPlan } from './plan-limits.js';
import {
  CEASE_REASONS,
  EDUCATION_PHASES,
  PLAN_EXCEPTION_KINDS,
  PLAN_NOTICES,
  REVIEW_DECISIONS,
  type NoticeInput,
  type PlanEvent,
  type PlanFacts,
} from './types.js';

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const REASSESSMENT_REQUESTERS = ['parent', 'young_person', 'school', 'icb', 'authority'];
/** Reg 27(3)(d): a continuous absence of at least 4 weeks within the period. */
const MIN_ABSENCE_DAYS = 28;

function notBefore(event: PlanEvent, earliest: IsoDate | undefined, what: string): string | null {
  if (earliest === undefined || event.occurredOn >= earliest) return null;
  return `${event.type} cannot be dated ${event.occurredOn}: ${what} on ${earliest}. Check the date.`;
}

function methodRefusal(method: unknown, field = 'method'): string | null {
  return method === undefined || SERVICE_METHODS.includes(method as never) ? null : `${field} must be one of ${SERVICE_METHODS.join(', ')}, not "${String(method)}".`;
}

function noticeRefusal(notice: NoticeInput | undefined, stepOn: IsoDate, what: string): string | null {
  if (notice === undefined) return null;
  if (!isIsoDate(notice.sentOn)) return `notice.sentOn must be a calendar date YYYY-MM-DD, not "${String(notice.sentOn)}".`;
  if (notice.method === undefined) return 'notice.method is required.';
  const method = methodRefusal(notice.method, 'notice.method');
  if (method) return method;
  return notice.sentOn < stepOn ? `The notice of ${what} cannot be sent (${notice.sentOn}) before ${what} was made on ${stepOn}.` : null;
}

function scheduleRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REVIEW_MEETING_SCHEDULED' }>): string | null {
  if (!isIsoDate(event.meetingOn)) return `meetingOn must be a calendar date YYYY-MM-DD, not "${String(event.meetingOn)}".`;
  if (event.meetingOn < event.occurredOn) return `The meeting (${event.meetingOn}) cannot be before the day it was arranged (${event.occurredOn}).`;
  const last = facts.reviews.at(-1)?.heldOn;
  return notBefore(event, last, 'the last review meeting was held');
}

function preMeetingRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REVIEW_INVITATIONS_SENT' | 'REVIEW_ADVICE_CIRCULATED' }>): string | null {
  const review = currentReview(facts)!;
  const what = event.type === 'REVIEW_INVITATIONS_SENT' ? 'Invitations' : 'Advice';
  if (event.occurredOn > review.meetingOn) return `${what} cannot be sent (${event.occurredOn}) after the meeting date (${review.meetingOn}); reschedule the meeting first.`;
  return methodRefusal(event.method) ?? notBefore(event, review.scheduledOn, 'the meeting was arranged');
}

function reviewDecisionRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REVIEW_DECISION' }>): string | null {
  const review = currentReview(facts)!;
  if (!REVIEW_DECISIONS.includes(event.decision)) return `decision must be one of ${REVIEW_DECISIONS.join(', ')}, not "${String(event.decision)}".`;
  // An imported review's report is the previous system's: the decision is all that is known of it.
  if (review.reportReceivedOn === undefined && !review.beforeEngine) {
    return 'Record the review report (REVIEW_REPORT_RECEIVED) first: the authority decides having considered it (SEND Regs 2014 reg 20(7)-(10)).';
  }
  if (event.decision === 'cease') {
    const cease = ceaseRefusal(event.reasons, event.ceaseReason);
    if (cease) return cease;
  }
  return notBefore(event, review.reportReceivedOn ?? review.heldOn, review.reportReceivedOn ? 'the review report was received' : 'the review meeting was held') ?? noticeRefusal(event.notice, event.occurredOn, 'the review decision');
}

function ceaseRefusal(reasons: string | undefined, ceaseReason: unknown): string | null {
  if (blank(reasons)) return 'A decision to cease needs reasons: the notice to the family must give them, with their right of appeal (SEND Regs 2014 reg 31).';
  if (!CEASE_REASONS.includes(ceaseReason as never)) return `ceaseReason must be an SEN2 cease reason code, 1 to 9, not "${String(ceaseReason)}".`;
  return null;
}

/** Reg 22(2)(c): the family has at least 15 days beginning with the day the notice is served. */
function amendedPlanRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'AMENDED_PLAN_ISSUED' }>): string | null {
  const amendment = currentAmendment(facts)!;
  const early = notBefore(event, amendment.sentOn, 'the amendment notice was sent');
  if (early) return early;
  const servedOn = amendment.notices.map((n) => n.servedOn).sort().at(-1) ?? amendment.sentOn;
  const lastDay = addDays(servedOn, 14);
  const waived = event.representationsWaivedOn;
  if (waived !== undefined && (!isIsoDate(waived) || waived < servedOn || waived > event.occurredOn)) {
    return `representationsWaivedOn must be a date from the notice's service (${servedOn}) to the amended plan's date (${event.occurredOn}).`;
  }
  if (waived === undefined && event.occurredOn <= lastDay) {
    return `The amended plan cannot be issued before ${addDays(lastDay, 1)}: the family has at least 15 days on the proposed amendments served ${servedOn}, up to ${lastDay} (SEND Regs 2014 reg 22(2)(c)). Record representationsWaivedOn if they confirmed in writing that they have nothing more to add.`;
  }
  if (event.nextPhase !== undefined && !NEXT_PHASES[facts.phase].includes(event.nextPhase)) {
    return `nextPhase must be a phase a child can move to from ${facts.phase}: ${NEXT_PHASES[facts.phase].join(', ')}; record the child's phase first (PHASE_DETAILS_RECORDED) if it is wrong.`;
  }
  if (event.nextPhase === 'post16' && facts.phase === 'post16' && facts.post16MoveOn === undefined) {
    return 'A move between post-16 institutions needs its date: record post16MoveOn (PHASE_DETAILS_RECORDED) first (SEND Regs 2014 reg 18(2)).';
  }
  return noticeRefusal(event.notice, event.occurredOn, 'the amended plan');
}

/** The notice of an amendment under way follows the decision that proposed it; a new one follows a decision to re-assess. */
function amendmentNoticeRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'AMENDMENT_NOTICE_SENT' }>): string | null {
  const underWay = currentAmendment(facts);
  if (underWay === undefined) return notBefore(event, facts.reassessments.at(-1)?.decision?.on, 'the decision to re-assess was made');
  const decidedOn = underWay.review === undefined ? underWay.sentOn : facts.reviews.find((r) => r.n === underWay.review)?.decision?.on;
  return notBefore(event, decidedOn, 'the amendment was proposed');
}

function notAmendRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'DECISION_NOT_TO_AMEND' }>): string | null {
  if (blank(event.reasons)) return 'A decision not to amend needs reasons: the family must be told them (SEND Regs 2014 reg 22(4)).';
  const since = currentAmendment(facts)?.sentOn ?? facts.reassessments.at(-1)?.decision?.on;
  return notBefore(event, since, 'the amendment or re-assessment it ends began') ?? noticeRefusal(event.notice, event.occurredOn, 'the decision');
}

function phaseDetailsRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'PHASE_DETAILS_RECORDED' }>): string | null {
  const { phase, nextPhase, yearGroupOffset, post16MoveOn } = event;
  if (phase === undefined && nextPhase === undefined && yearGroupOffset === undefined && post16MoveOn === undefined) {
    return 'PHASE_DETAILS_RECORDED needs at least one of phase, nextPhase, yearGroupOffset, post16MoveOn.';
  }
  for (const [field, value] of [['phase', phase], ['nextPhase', nextPhase]] as const) {
    if (value !== undefined && !EDUCATION_PHASES.includes(value)) return `${field} must be one of ${EDUCATION_PHASES.join(', ')}, not "${String(value)}".`;
  }
  const current = phase ?? facts.phase;
  if (nextPhase !== undefined && !NEXT_PHASES[current].includes(nextPhase)) return `nextPhase must be one of ${NEXT_PHASES[current].join(', ')} for a child in ${current}.`;
  if (yearGroupOffset !== undefined && (!Number.isInteger(yearGroupOffset) || Math.abs(yearGroupOffset) > 3)) {
    return 'yearGroupOffset must be a whole number of school years from −3 to 3 (+1: taught a year behind the year group of their date of birth).';
  }
  if (post16MoveOn !== undefined && !isIsoDate(post16MoveOn)) return `post16MoveOn must be a calendar date YYYY-MM-DD, not "${String(post16MoveOn)}".`;
  if (post16MoveOn !== undefined && current !== 'post16') return 'post16MoveOn applies only to a young person in a post-16 institution (SEND Regs 2014 reg 18(2)).';
  return null;
}

function reassessmentDecisionRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'REASSESSMENT_DECISION' }>): string | null {
  if (event.decision !== 'reassess' && event.decision !== 'refuse') return `decision must be "reassess" or "refuse", not "${String(event.decision)}".`;
  if (event.decision === 'refuse' && blank(event.reasons)) return 'A refusal to re-assess needs reasons: it carries a right of appeal (CFA 2014 s.51).';
  return notBefore(event, facts.reassessments.at(-1)!.requestedOn, 'the re-assessment was requested') ?? noticeRefusal(event.notice, event.occurredOn, 'the decision');
}

function ceasedRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'CEASED' }>): string | null {
  const cease = facts.ceases.at(-1)!;
  if (event.appeal?.keptOn !== undefined) {
    return `The appeal ${event.appeal.reference} against ceasing succeeded on ${event.appeal.keptOn}: the plan is maintained; record CEASE_DECISION_WITHDRAWN.`;
  }
  if (event.appeal?.dismissedOn !== undefined) return notBefore(event, event.appeal.dismissedOn, `the Tribunal dismissed the appeal ${event.appeal.reference}`);
  if (event.appeal !== undefined) {
    return `The decision to cease is disputed (${event.appeal.reference}): the plan is maintained until the Tribunal decides or the family withdraws (CFA 2014 s.45; domain 5.6).`;
  }
  const after = ceaseTakesEffectAfter(cease);
  if (event.occurredOn > after) return null;
  return `The plan must be maintained until the time to appeal the decision to cease has passed: the last day to appeal plus the ${ceaseAppealBuffer(cease)} working days for an appeal to reach it ends on ${after}, so it can cease from ${addDays(after, 1)} (CFA 2014 s.45; domain 5.6).`;
}

/** An absence recorded open must still have lasted 4 weeks within the re-assessment plan's period when it ends (reg 27(3)(d)). */
function exceptionEndedRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'EXCEPTION_ENDED' }>): string | null {
  const refusal = exceptionChangeRefusal(facts.exceptions, event);
  if (refusal !== null) return refusal;
  const exception = facts.exceptions.find((e) => e.seq === event.exceptionSeq)!;
  const limit = openReassessmentPlan(facts, { strictMode: false });
  if (exception.exception !== 'absence_from_area' || limit === null || exception.reassessment !== facts.reassessments.at(-1)?.n) return null;
  const days = absenceDaysWithin({ from: exception.from, to: event.to }, { start: limit.periodStart, dueOn: limit.dueOn });
  if (days >= MIN_ABSENCE_DAYS) return null;
  return `absence_from_area needs a continuous absence of at least 4 weeks within the period of ${limit.name} (${limit.periodStart} to ${limit.dueOn}); ${exception.from} to ${event.to} has ${days} days in it (SEND Regs 2014 reg 27(3)(d)).`;
}

function exceptionRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'EXCEPTION_RECORDED' }>): string | null {
  if (!PLAN_EXCEPTION_KINDS.includes(event.exception)) return `exception must be one of ${PLAN_EXCEPTION_KINDS.join(', ')}, not "${String(event.exception)}".`;
  for (const field of ['from', 'to', 'familyToldOn', 'adviceRequestedOn'] as const) {
    const value = event[field];
    if (value !== undefined && !isIsoDate(value)) return `The exception's "${field}" must be a calendar date YYYY-MM-DD, not "${value}".`;
  }
  if (event.to !== undefined && event.to < event.from) return `The exception ends (${event.to}) before it starts (${event.from}).`;
  const limit = openReassessmentPlan(facts, { strictMode: false });
  if (limit === null) {
    return 'A plan has one limit an exception can relax: the plan after a re-assessment (SEND Regs 2014 reg 27(3)); there is no re-assessment plan awaited. Reviews, amendments and phase transfers have no exceptions.';
  }
  if (event.from > limit.dueOn || (event.to !== undefined && event.to < limit.periodStart)) {
    return `The exception (${event.from} to ${event.to ?? 'open'}) does not overlap the period of ${limit.name} (${limit.periodStart} to ${limit.dueOn}).`;
  }
  if (event.exception === 'absence_from_area' && event.to !== undefined) {
    if (absenceDaysWithin({ from: event.from, to: event.to }, { start: limit.periodStart, dueOn: limit.dueOn }) < MIN_ABSENCE_DAYS) return `absence_from_area needs a continuous absence of at least 4 weeks within the period of ${limit.name} (SEND Regs 2014 reg 27(3)(d)).`;
  }
  return closureRefusal(event);
}

/** Reg 27(3)(a)-(b): a closure of at least 4 weeks, and the head teacher's advice asked for within its window. */
function closureRefusal(event: Extract<PlanEvent, { type: 'EXCEPTION_RECORDED' }>): string | null {
  if (event.exception !== 'school_closure' && event.exception !== 'early_years_closure') return null;
  const paragraph = event.exception === 'school_closure' ? 'reg 27(3)(a)' : 'reg 27(3)(b)';
  if (event.to === undefined || event.adviceRequestedOn === undefined) {
    return `${event.exception} needs "to" (the last day closed) and "adviceRequestedOn" (when the head teacher's or early years lead's advice was requested) (SEND Regs 2014 ${paragraph}).`;
  }
  const window = closureWindow(event.from, event.to);
  if (window === null) return `${event.exception} applies only to a closure of at least 4 continuous weeks (SEND Regs 2014 ${paragraph}).`;
  if (event.adviceRequestedOn < window.from || event.adviceRequestedOn > window.to) {
    return `The advice was requested on ${event.adviceRequestedOn}, outside the window ${window.from} to ${window.to} that begins a week before the closure and ends a week before it reopens (SEND Regs 2014 ${paragraph}).`;
  }
  return null;
}

function noticeSentRefusal(facts: PlanFacts, event: Extract<PlanEvent, { type: 'NOTICE_SENT' }>): string | null {
  if (!PLAN_NOTICES.includes(event.notice)) return `notice must be one of ${PLAN_NOTICES.join(', ')}, not "${String(event.notice)}".`;
  const stepOn = noticedStepOn(facts, event.notice);
  if (stepOn === undefined) return `There is no ${event.notice.replaceAll('_', ' ')} on this plan to send a notice of.`;
  return noticeRefusal(event, stepOn, `the ${event.notice.replaceAll('_', ' ')}`);
}

function typeRefusal(facts: PlanFacts, event: PlanEvent): string | null {
  switch (event.type) {
    case 'REVIEW_MEETING_SCHEDULED': return scheduleRefusal(facts, event);
    case 'REVIEW_INVITATIONS_SENT':
    case 'REVIEW_ADVICE_CIRCULATED': return preMeetingRefusal(facts, event);
    case 'REVIEW_MEETING_HELD': return notBefore(event, currentReview(facts)?.scheduledOn ?? facts.reviews.at(-1)?.heldOn, currentReview(facts) ? 'the meeting was arranged' : 'the last review meeting was held');
    case 'REVIEW_REPORT_RECEIVED': return notBefore(event, currentReview(facts)!.heldOn, 'the review meeting was held');
    case 'REVIEW_DECISION': return reviewDecisionRefusal(facts, event);
    case 'AMENDMENT_NOTICE_SENT': return methodRefusal(event.method) ?? amendmentNoticeRefusal(facts, event);
    case 'AMENDED_PLAN_ISSUED': return amendedPlanRefusal(facts, event);
    case 'DECISION_NOT_TO_AMEND': return notAmendRefusal(facts, event);
    case 'PHASE_DETAILS_RECORDED': return phaseDetailsRefusal(facts, event);
    case 'REASSESSMENT_REQUESTED': return REASSESSMENT_REQUESTERS.includes(event.requestedBy) ? null : `requestedBy must be one of ${REASSESSMENT_REQUESTERS.join(', ')}, not "${String(event.requestedBy)}".`;
    case 'REASSESSMENT_DECISION': return reassessmentDecisionRefusal(facts, event);
    case 'CEASE_DECISION': return ceaseRefusal(event.reasons, event.ceaseReason) ?? noticeRefusal(event.notice, event.occurredOn, 'the decision to cease');
    case 'CEASE_DECISION_WITHDRAWN': return blank(event.reason) ? 'Withdrawing a decision to cease needs a reason.' : notBefore(event, facts.ceases.at(-1)!.on, 'the decision to cease was made');
    case 'CEASED': return ceasedRefusal(facts, event);
    case 'TRANSFERRED_OUT': return blank(event.toAuthority) ? 'TRANSFERRED_OUT needs toAuthority: the authority the plan was transferred to (SEND Regs 2014 reg 15).' : null;
    case 'EXCEPTION_RECORDED': return exceptionRefusal(facts, event);
    case 'EXCEPTION_APPROVED': return exceptionChangeRefusal(facts.exceptions, event);
    case 'EXCEPTION_ENDED': return exceptionEndedRefusal(facts, event);
    case 'NOTICE_SENT': return noticeSentRefusal(facts, event);
    case 'ASSIGNED': return blank(event.assigneeId) ? 'ASSIGNED needs the assigneeId of the caseworker taking the plan.' : null;
  }
}

/** Null when `event` may be applied to `facts`; otherwise a sentence saying why not. */
export function planEventRefusal(facts: PlanFacts, event: PlanEvent): string | null {
  if (!isIsoDate(event.occurredOn)) return `occurredOn must be a calendar date YYYY-MM-DD, not "${String(event.occurredOn)}".`;
  const earliest = facts.transferredInOn ?? (facts.issuedOn !== undefined && facts.issuedOn < facts.startedOn ? facts.issuedOn : facts.startedOn);
  return notBefore(event, earliest, 'the plan started') ?? typeRefusal(facts, event);
}
