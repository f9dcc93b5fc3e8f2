/**
 * Why an event may not be applied to a case's facts: chronology, required reasons, advice
 * bookkeeping, notices, the reg 13(1)(a) window and exceptions. Pure, so every refusal carries
 * its reason; the machine's guards call the same function, so they can never disagree.
 */
import { addDays, isIsoDate, latest } from '../calendar/dates.js';
import { SERVICE_METHODS, servedOn } from '../limits/index.js';
import { representationsDueOn } from './clock/case-limits.js';
import { approvalError, endingError, exceptionClaimError } from './clock/exceptions.js';
import { draftServedOn } from './clock/notices.js';
import { outstandingAdvice } from './facts.js';
import {
  CONTRIBUTORS,
  NOTICES,
  type CaseEvent,
  type CaseFacts,
  type IsoDate,
  type NoticeInput,
  type NoticeName,
} from './types.js';

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function notBefore(event: CaseEvent, earliest: IsoDate | undefined, what: string): string | null {
  if (earliest === undefined || event.occurredOn >= earliest) return null;
  return `${event.type} cannot be dated ${event.occurredOn}: ${what} on ${earliest}. Check the date.`;
}

/** A notice goes out on or after the step it tells the family about. */
function noticeRefusal(notice: NoticeInput | undefined, stepOn: IsoDate, what: string): string | null {
  if (notice === undefined) return null;
  if (!isIsoDate(notice.sentOn)) return `notice.sentOn must be a calendar date YYYY-MM-DD, not "${String(notice.sentOn)}".`;
  if (!SERVICE_METHODS.includes(notice.method)) return `notice.method must be one of ${SERVICE_METHODS.join(', ')}, not "${String(notice.method)}".`;
  if (notice.sentOn < stepOn) return `The notice of ${what} cannot be sent (${notice.sentOn}) before ${what} was made on ${stepOn}.`;
  return null;
}

function decisionToAssessRefusal(event: Extract<CaseEvent, { type: 'DECISION_TO_ASSESS' }>): string | null {
  if (event.decision !== 'assess' && event.decision !== 'decline') return `decision must be "assess" or "decline", not "${event.decision}".`;
  if (event.decision === 'decline' && blank(event.reasons)) {
    return 'A decision not to assess needs reasons: the notice to the parent or young person must give them (Children and Families Act 2014 s.36(5); SEND Regs 2014 reg 4(1)).';
  }
  return noticeRefusal(event.notice, event.occurredOn, 'the decision');
}

function adviceRequestedRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_REQUESTED' }>): string | null {
  if (event.method !== undefined && !SERVICE_METHODS.includes(event.method)) return `method must be one of ${SERVICE_METHODS.join(', ')}, not "${String(event.method)}".`;
  const outstanding = outstandingAdvice(facts, event.contributor);
  const bodies = outstanding.map((a) => a.body?.trim().toLowerCase());
  if (outstanding.length > 0 && (blank(event.body) || bodies.includes(event.body!.trim().toLowerCase()))) {
    const list = outstanding.map((a) => `${a.name}${a.body ? ` (${a.body})` : ''}, requested ${a.requestedOn}`).join('; ');
    return `Advice from ${event.contributor} is already awaited: ${list}. Ask another body by naming it in "body" (for example "Speech and language therapy"), or record ADVICE_RECEIVED first.`;
  }
  return notBefore(event, facts.decisionToAssess?.on, 'advice is sought for the assessment, and the decision to assess was made');
}

function adviceReceivedRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_RECEIVED' }>): string | null {
  const outstanding = outstandingAdvice(facts, event.contributor);
  if (outstanding.length === 0) {
    const received = facts.advice.filter((a) => a.contributor === event.contributor).map((a) => `${a.name} on ${a.receivedOn}`);
    return received.length > 0
      ? `Every request for advice from ${event.contributor} has been received (${received.join(', ')}); request it again (ADVICE_REQUESTED) before logging new advice.`
      : `Advice from ${event.contributor} was never requested; record ADVICE_REQUESTED first (the 6-week limit of SEND Regs 2014 reg 8(1) runs from the request).`;
  }
  const names = outstanding.map((a) => `${a.name}${a.body ? ` (${a.body})` : ''}`).join(', ');
  if (event.request === undefined && outstanding.length > 1) {
    return `Several requests for advice from ${event.contributor} are awaited (${names}): name the one received in "request".`;
  }
  const request = event.request === undefined ? outstanding[0] : outstanding.find((a) => a.name === event.request);
  if (request === undefined) return `"${event.request}" is not an awaited request for advice from ${event.contributor}; awaited: ${names}.`;
  return notBefore(event, request.requestedOn, `advice from ${event.contributor} was requested`);
}

function decisionToIssueRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'DECISION_TO_ISSUE' }>): string | null {
  if (event.decision !== 'issue' && event.decision !== 'not_issue') return `decision must be "issue" or "not_issue", not "${event.decision}".`;
  if (event.decision === 'not_issue' && blank(event.reasons)) {
    return 'A decision not to issue a plan needs reasons: the notice to the parent or young person must give them (SEND Regs 2014 reg 10(1)).';
  }
  const lastRequest = latest(facts.advice.map((a) => a.requestedOn));
  return (
    notBefore(event, facts.decisionToAssess?.on, 'the decision to assess was made') ??
    notBefore(event, lastRequest, 'the assessment was still requesting advice') ??
    noticeRefusal(event.notice, event.occurredOn, 'the decision')
  );
}

/** Reg 13(1)(a): the plan may be finalised once the family's 15 days on the served draft have run. */
function windowRefusal(finalOn: IsoDate, served: IsoDate, waived: IsoDate | undefined): string | null {
  const earliest = addDays(representationsDueOn(served), 1);
  if (waived !== undefined || finalOn >= earliest) return null;
  return `The final plan cannot be issued before ${earliest}: the family has at least 15 days on the draft served ${served}, up to ${representationsDueOn(served)} (SEND Regs 2014 reg 13(1)(a)). Record representationsWaivedOn if they confirmed in writing that they have nothing more to add.`;
}

function finalPlanRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'FINAL_PLAN_ISSUED' }>): string | null {
  if (facts.draftNotHeld) {
    // The return held no draft: its 15 days cannot be checked, only the order of what it held.
    return notBefore(event, facts.issueDecision?.on, 'the decision to issue a plan was made') ?? noticeRefusal(event.notice, event.occurredOn, 'the final plan');
  }
  const early = notBefore(event, facts.draftIssuedOn, 'the draft plan was issued');
  const served = draftServedOn(facts);
  if (early || served === undefined) return early;
  const waived = event.representationsWaivedOn;
  const waiver = waived === undefined ? null : waiverRefusal(event, served, waived);
  return waiver ?? windowRefusal(event.occurredOn, served, waived) ?? noticeRefusal(event.notice, event.occurredOn, 'the final plan');
}

function waiverRefusal(event: CaseEvent, served: IsoDate, waived: IsoDate): string | null {
  if (!isIsoDate(waived)) return `representationsWaivedOn must be a calendar date YYYY-MM-DD, not "${waived}".`;
  if (waived < served) return `representationsWaivedOn (${waived}) is before the draft plan was served on ${served}; the family can only waive representations on a draft they have.`;
  if (waived > event.occurredOn) return `representationsWaivedOn (${waived}) is after the final plan's date (${event.occurredOn}); a waiver must come before finalising early (SEND Regs 2014 reg 13(1)(a)).`;
  return null;
}

/** The step each notice tells the family about, and its date (after an order to assess, the order is the decision to assess). */
function noticedStepOn(facts: CaseFacts, notice: NoticeName): IsoDate | undefined {
  switch (notice) {
    case 'decision_to_assess': return facts.order?.action === 'assess' ? facts.order.on : facts.decisionToAssess?.on;
    case 'decision_to_issue': return facts.issueDecision?.on;
    case 'draft_plan': return facts.draftIssuedOn;
    case 'final_plan': return facts.finalIssuedOn;
  }
}

function noticeSentRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'NOTICE_SENT' }>): string | null {
  if (!NOTICES.includes(event.notice)) return `notice must be one of ${NOTICES.join(', ')}, not "${String(event.notice)}".`;
  const stepOn = noticedStepOn(facts, event.notice);
  if (stepOn === undefined) return `There is no ${event.notice.replaceAll('_', ' ')} on this case to send a notice of.`;
  const refusal = noticeRefusal(event, stepOn, `the ${event.notice.replaceAll('_', ' ')}`);
  if (refusal || event.notice !== 'draft_plan' || facts.finalIssuedOn === undefined) return refusal;
  // A later service date for the draft must still leave the family its 15 days before the final plan.
  const refused = windowRefusal(facts.finalIssuedOn, servedOn(event.sentOn, event.method), facts.representationsWaivedOn);
  return refused && `This notice would make the final plan of ${facts.finalIssuedOn} too early. ${refused}`;
}

/** The latest dated step of the assessment; a withdrawal cannot precede what already happened. */
function lastStepOn(facts: CaseFacts): IsoDate | undefined {
  const advice = facts.advice.flatMap((a) => [a.requestedOn, a.receivedOn]);
  return latest([facts.decisionToAssess?.on, facts.issueDecision?.on, facts.draftIssuedOn, ...advice]);
}

/** The decision an order can reopen: a refusal to assess for `assess`, a decision not to issue for `issue_plan`. */
function disputeOrderedRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'DISPUTE_ORDERED' }>): string | null {
  if (facts.order !== undefined) return `The case was reopened by the order of ${facts.order.on} (${facts.order.disputeReference}); a later order is carried out on its dispute.`;
  const refused = event.action === 'assess' ? facts.decisionToAssess : facts.issueDecision;
  const expected = event.action === 'assess' ? 'decline' : 'not_issue';
  if (refused?.decision !== expected) {
    return event.action === 'assess' ? 'Only a case refused an assessment can be ordered to assess.' : 'Only a case whose authority decided not to issue a plan can be ordered to issue one.';
  }
  return notBefore(event, refused.on, 'the decision disputed was made');
}

/** After an order, the steps it requires cannot predate it. */
const afterOrder = (facts: CaseFacts, event: CaseEvent): string | null => notBefore(event, facts.order?.on, 'the order the case is carrying out was made');

function typeRefusal(facts: CaseFacts, event: CaseEvent): string | null {
  switch (event.type) {
    case 'DISPUTE_ORDERED': return disputeOrderedRefusal(facts, event);
    case 'DECISION_TO_ASSESS': return decisionToAssessRefusal(event);
    case 'ADVICE_REQUESTED': return adviceRequestedRefusal(facts, event);
    case 'ADVICE_RECEIVED': return adviceReceivedRefusal(facts, event);
    case 'DECISION_TO_ISSUE': return afterOrder(facts, event) ?? decisionToIssueRefusal(facts, event);
    case 'DRAFT_PLAN_ISSUED': return afterOrder(facts, event) ?? notBefore(event, facts.issueDecision?.on, 'the decision to issue a plan was made') ?? noticeRefusal(event.notice, event.occurredOn, 'the draft plan');
    case 'DRAFT_NOT_HELD': return facts.importedFromReturn === undefined ? 'Only a request imported from an SEN2 return can be without its draft plan: record DRAFT_PLAN_ISSUED.' : notBefore(event, facts.issueDecision?.on, 'the decision to issue a plan was made');
    case 'FINAL_PLAN_ISSUED': return finalPlanRefusal(facts, event);
    case 'NOTICE_SENT': return noticeSentRefusal(facts, event);
    case 'EXCEPTION_RECORDED': return exceptionClaimError(facts, event);
    case 'EXCEPTION_APPROVED': return approvalError(facts, event);
    case 'EXCEPTION_ENDED': return endingError(facts, event);
    case 'WITHDRAWN': return blank(event.reason) ? 'A withdrawal needs a reason (who withdrew the request and why).' : notBefore(event, lastStepOn(facts), 'the case has a step recorded');
    case 'ASSIGNED': return blank(event.assigneeId) ? 'ASSIGNED needs the assigneeId of the caseworker taking the case.' : null;
  }
}

/** Null when `event` may be applied to `facts`; otherwise a sentence saying why not. */
export function eventRefusal(facts: CaseFacts, event: CaseEvent): string | null {
  if (!isIsoDate(event.occurredOn)) return `occurredOn must be a calendar date YYYY-MM-DD, not "${String(event.occurredOn)}".`;
  const hasContributor = event.type === 'ADVICE_REQUESTED' || event.type === 'ADVICE_RECEIVED';
  if (hasContributor && !(CONTRIBUTORS as readonly string[]).includes(event.contributor)) {
    return `contributor must be one of ${CONTRIBUTORS.join(', ')}, not "${event.contributor}".`;
  }
  return notBefore(event, facts.requestReceivedOn, 'the request was received') ?? typeRefusal(facts, event);
}
