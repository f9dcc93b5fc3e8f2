/**
 * Why an event may not be applied to a dispute's facts: chronology (nothing before the decision
 * disputed, each step after the one it follows), the appeal window before closing as not
 * appealed, what an order may require of this decision, and the reg 44(3) exceptions. Pure; the
 * machine's guards call the same function, so they can never disagree.
 */
import { isIsoDate, type IsoDate } from '../calendar/dates.js';
import { absenceDaysWithin, exceptionChangeRefusal } from '../limits/exception-claims.js';
import { SERVICE_METHODS } from '../limits/served-dates.js';
import { closureWindow } from '../ehc-needs-assessment/clock/closures.js';
import { appealDates, DISPUTE_LIMIT_RULES, orderStepDueOn, stepFellAway } from './dispute-limits.js';
import { DISPUTE_EXCEPTION_KINDS, ORDER_ACTIONS, type DisputedDecision, type DisputeEvent, type DisputeFacts, type OrderAction, type OrderRecord, type OrderStep } from './types.js';

const blank = (s: string | undefined): boolean => s === undefined || typeof s !== 'string' || s.trim() === '';
/** Reg 44(3): an absence from the area of at least 2 weeks (not the 4 weeks of the assessment). */
const MIN_ABSENCE_DAYS = 14;

/** What an order, a concession or an agreement can require after each kind of decision (CFA 2014 s.51; reg 44(2)). */
export const ACTIONS_FOR_DECISION: Readonly<Record<DisputedDecision, readonly OrderAction[]>> = {
  refusal_to_assess: ['assess'],
  decision_not_to_issue: ['issue_plan'],
  plan_contents: ['amend_plan', 'change_school'],
  refusal_to_reassess: ['reassess'],
  decision_not_to_amend: ['amend_plan', 'change_school'],
  decision_to_cease: [],
};

function notBefore(event: DisputeEvent, earliest: IsoDate | undefined, what: string): string | null {
  if (earliest === undefined || event.occurredOn >= earliest) return null;
  return `${event.type} cannot be dated ${event.occurredOn}: ${what} on ${earliest}. Check the date.`;
}

function actionsRefusal(facts: DisputeFacts, actions: unknown, field = 'actions'): string | null {
  const allowed = ACTIONS_FOR_DECISION[facts.decision];
  const none = actions === undefined || (Array.isArray(actions) && actions.length === 0);
  // Conceding an appeal against ceasing is keeping the plan: nothing more is asked of the authority.
  if (allowed.length === 0) return none ? null : `A dispute of a ${facts.decision.replaceAll('_', ' ')} asks nothing of the authority but the plan's continuation: record it without ${field}.`;
  if (none || !Array.isArray(actions)) return `${field} must list what the authority must do: one or more of ${allowed.join(', ')}.`;
  for (const action of actions) {
    if (!ORDER_ACTIONS.includes(action)) return `${field} must be among ${ORDER_ACTIONS.join(', ')}, not "${String(action)}".`;
    if (!allowed.includes(action)) return `A dispute of a ${facts.decision.replaceAll('_', ' ')} cannot require "${action}"; it can require ${allowed.join(', ')} (SEND Regs 2014 reg 44(2)).`;
  }
  return null;
}

function tribunalRefusal(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'TRIBUNAL_DECIDED' }>): string | null {
  if (event.outcome !== 'appeal_dismissed' && event.outcome !== 'appeal_allowed') return `outcome must be "appeal_dismissed" or "appeal_allowed", not "${String(event.outcome)}".`;
  const early = notBefore(event, facts.appeal!.sentToAuthorityOn, 'the Tribunal sent the appeal');
  if (early) return early;
  if (event.outcome === 'appeal_dismissed') return event.actions === undefined || event.actions.length === 0 ? null : 'A dismissed appeal orders nothing: record it without actions.';
  if (facts.decision === 'decision_to_cease') return event.actions === undefined || event.actions.length === 0 ? null : 'An allowed appeal against ceasing keeps the plan: record it without actions.';
  return actionsRefusal(facts, event.actions);
}

function mediationEndedRefusal(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'MEDIATION_ENDED' }>): string | null {
  const early = notBefore(event, facts.mediation.heldOn ?? facts.mediation.requestedOn, facts.mediation.heldOn ? 'the mediation meeting was held' : 'mediation was asked for');
  if (early || event.agreement === undefined) return early;
  if (blank(event.agreement.terms)) return 'A mediation agreement needs its terms, as written down and signed (SEND Regs 2014 reg 42).';
  const agreedDueOn = event.agreement.agreedDueOn;
  if (agreedDueOn !== undefined && (!isIsoDate(agreedDueOn) || agreedDueOn < event.occurredOn)) {
    return 'agreement.agreedDueOn, the timescale agreed in writing (reg 42(5)), must be a date on or after the agreement.';
  }
  if (event.agreement.action === 'other') return null;
  return actionsRefusal(facts, [event.agreement.action], 'agreement.action');
}

/** Domain 5.6: not before the last appeal date and the authority's buffer have passed, and never while mediation is in progress. */
function closedNotAppealedRefusal(facts: DisputeFacts, event: DisputeEvent): string | null {
  const dates = appealDates(facts);
  if (dates.mayMoveLater) return 'The family is in mediation and no certificate has been issued: the appeal date can still move, so the dispute stays open (domain 5.6).';
  if (event.occurredOn >= dates.closableFrom) return null;
  return `The family can appeal until ${dates.lastAppealDate}, and an appeal registered that day may take ${facts.appealBufferWorkingDays} working days to reach the authority: the dispute can be closed as not appealed from ${dates.closableFrom} (HESC Rules 2008 r.20; domain 5.6).`;
}

function orderStepRefusal(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'ORDER_STEP_MET' }>): string | null {
  const order = facts.orders.at(-1);
  if (order === undefined) return 'There is no order, concession or mediation agreement to carry out on this dispute.';
  const step = order.steps.find((s) => s.step === event.step);
  if (step === undefined) return `The ${order.source === 'tribunal' ? 'order' : order.source === 'concession' ? 'concession' : 'agreement'} of ${order.on} has the steps ${order.steps.map((s) => s.step).join(', ')}; "${String(event.step)}" is not one of them.`;
  if (step.metOn !== undefined) return `${event.step} was already met on ${step.metOn}.`;
  if (stepFellAway(order, event.step)) return 'The authority decided not to issue a plan under the order: no final plan is due.';
  if (event.method !== undefined && !SERVICE_METHODS.includes(event.method)) return `method must be one of ${SERVICE_METHODS.join(', ')}, not "${String(event.method)}".`;
  if (event.step === 'orderIssueDecision' && event.decision !== 'issue' && event.decision !== 'not_issue') return 'orderIssueDecision needs decision: "issue" or "not_issue".';
  if (event.step === 'orderFinalPlan' && order.steps.some((s) => s.step === 'orderIssueDecision' && s.metOn === undefined)) {
    return 'Record the decision to issue under the order (orderIssueDecision) before its final plan.';
  }
  return notBefore(event, order.on, 'the order was made');
}

/** Reg 44(3): only the days of the absence within the step's period (its order's date to its due date) count, as for a plan. */
function shortAbsenceRefusal(order: OrderRecord, step: OrderStep, from: IsoDate, to: IsoDate): string | null {
  const dueOn = orderStepDueOn(order, step, { strictMode: false });
  const days = absenceDaysWithin({ from, to }, { start: order.on, dueOn });
  if (days >= MIN_ABSENCE_DAYS) return null;
  return `absence_from_area needs a continuous absence of at least 2 weeks within the period of ${step} (${order.on} to ${dueOn}); ${from} to ${to} has ${days} days in it (SEND Regs 2014 reg 44(3)).`;
}

/** An absence recorded open and ended now must still have lasted 2 weeks within its step's period. */
function exceptionEndedRefusal(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'EXCEPTION_ENDED' }>): string | null {
  const refusal = exceptionChangeRefusal(facts.exceptions, event);
  if (refusal !== null) return refusal;
  const exception = facts.exceptions.find((e) => e.seq === event.exceptionSeq)!;
  const order = facts.orders.find((o) => o.n === exception.order);
  if (exception.exception !== 'absence_from_area' || order === undefined) return null;
  return shortAbsenceRefusal(order, exception.step, exception.from, event.to);
}

function exceptionRefusal(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'EXCEPTION_RECORDED' }>): string | null {
  if (!DISPUTE_EXCEPTION_KINDS.includes(event.exception)) return `exception must be one of ${DISPUTE_EXCEPTION_KINDS.join(', ')}, not "${String(event.exception)}".`;
  for (const field of ['from', 'to', 'familyToldOn', 'adviceRequestedOn'] as const) {
    const value = event[field];
    if ((field === 'from' || value !== undefined) && !isIsoDate(value)) return `The exception's "${field}" must be a calendar date YYYY-MM-DD, not "${String(value)}".`;
  }
  if (event.to !== undefined && event.to < event.from) return `The exception ends (${event.to}) before it starts (${event.from}).`;
  const order = facts.orders.at(-1);
  const step = order?.steps.find((s) => s.step === event.step);
  if (order === undefined || step === undefined) return `step must be a step of the order in force: ${order?.steps.map((s) => s.step).join(', ') || 'there is none'}.`;
  if (step.metOn !== undefined) return `${event.step} was met on ${step.metOn}; an exception cannot relax a limit already met.`;
  const rule = DISPUTE_LIMIT_RULES[event.step];
  if (!rule.relaxedBy.includes(event.exception)) {
    return `${event.exception} cannot relax ${event.step}: ${rule.exceptionsIn} allows ${rule.relaxedBy.join(', ') || 'no exception'} for it.`;
  }
  const dueOn = orderStepDueOn(order, event.step, { strictMode: false });
  if (event.from > dueOn || (event.to !== undefined && event.to < order.on)) {
    return `The exception (${event.from} to ${event.to ?? 'open'}) does not overlap the period of ${event.step} (${order.on} to ${dueOn}).`;
  }
  if (event.exception === 'absence_from_area' && event.to !== undefined) return shortAbsenceRefusal(order, event.step, event.from, event.to);
  if (event.exception === 'school_closure' || event.exception === 'early_years_closure') {
    if (event.to === undefined || event.adviceRequestedOn === undefined) return `${event.exception} needs "to" (the last day closed) and "adviceRequestedOn".`;
    const window = closureWindow(event.from, event.to);
    if (window === null) return `${event.exception} applies only to a closure of at least 4 continuous weeks.`;
    if (event.adviceRequestedOn < window.from || event.adviceRequestedOn > window.to) {
      return `The advice was requested on ${event.adviceRequestedOn}, outside the window ${window.from} to ${window.to} that begins a week before the closure and ends a week before it reopens.`;
    }
  }
  return null;
}

function typeRefusal(facts: DisputeFacts, event: DisputeEvent): string | null {
  const m = facts.mediation;
  switch (event.type) {
    case 'MEDIATION_ADVICE_CONTACTED': return null;
    case 'MEDIATION_DECLINED':
    case 'MEDIATION_REQUESTED': return notBefore(event, m.adviceContactedOn, 'the family contacted the mediation adviser');
    case 'HEALTH_MATTERS_REFERRED':
      if (!m.healthMatters) return 'No health matters were raised for mediation: there is nothing to pass to the ICB.';
      return m.healthReferredOn ? `The health matters were passed to the ICB on ${m.healthReferredOn}.` : notBefore(event, m.requestedOn, 'mediation was asked for');
    case 'MEDIATION_HELD': return notBefore(event, m.requestedOn, 'mediation was asked for');
    case 'MEDIATION_ENDED': return mediationEndedRefusal(facts, event);
    case 'CERTIFICATE_ISSUED': return notBefore(event, m.endedOn ?? m.declinedOn ?? m.adviceContactedOn, 'the mediation adviser was contacted or mediation ended');
    case 'AGREEMENT_CARRIED_OUT':
      if (m.agreement?.action !== 'other') return m.agreement ? 'An agreement on appealable matters is carried out step by step: record ORDER_STEP_MET for each.' : 'There is no mediation agreement on this dispute.';
      return m.agreement.carriedOutOn ? `The agreement was carried out on ${m.agreement.carriedOutOn}.` : notBefore(event, m.agreement.on, 'the agreement was made');
    case 'APPEAL_REGISTERED':
      if (event.registeredOn !== undefined && (!isIsoDate(event.registeredOn) || event.registeredOn > event.occurredOn)) return 'registeredOn must be a date on or before the day the Tribunal sent the appeal (occurredOn).';
      return notBefore(event, m.certificateIssuedOn ?? facts.noticeSentOn, m.certificateIssuedOn ? 'the mediation certificate was issued' : 'the decision notice was sent');
    case 'RESPONSE_SUBMITTED': return notBefore(event, facts.appeal!.sentToAuthorityOn, 'the Tribunal sent the appeal');
    case 'APPEAL_CONCEDED': return notBefore(event, facts.appeal!.sentToAuthorityOn, 'the Tribunal sent the appeal') ?? actionsRefusal(facts, event.actions);
    case 'TRIBUNAL_DECIDED': return tribunalRefusal(facts, event);
    case 'ORDER_STEP_MET': return orderStepRefusal(facts, event);
    case 'EXCEPTION_RECORDED': return exceptionRefusal(facts, event);
    case 'EXCEPTION_APPROVED': return exceptionChangeRefusal(facts.exceptions, event);
    case 'EXCEPTION_ENDED': return exceptionEndedRefusal(facts, event);
    case 'SETTLED': return blank(event.terms) ? 'A settlement needs its terms: what the authority agreed to do or decided instead.' : null;
    case 'WITHDRAWN': return null;
    case 'CLOSED_NOT_APPEALED': return closedNotAppealedRefusal(facts, event);
    case 'ASSIGNED': return blank(event.assigneeId) ? 'ASSIGNED needs the assigneeId of the caseworker taking the dispute.' : null;
  }
}

/** Null when `event` may be applied to `facts`; otherwise a sentence saying why not. */
export function disputeEventRefusal(facts: DisputeFacts, event: DisputeEvent): string | null {
  if (!isIsoDate(event.occurredOn)) return `occurredOn must be a calendar date YYYY-MM-DD, not "${String(event.occurredOn)}".`;
  return notBefore(event, facts.noticeSentOn, 'the decision notice disputed was sent') ?? typeRefusal(facts, event);
}
