/**
 * Why an event may not be applied to a case's facts: chronology, required reasons, advice
 * bookkeeping, the reg 13(1)(a) window and exception claims. Pure, so every refusal carries its
 * reason; the machine's guards call the same function, so they can never disagree.
 */
import { addDays, isIsoDate, latest } from '../calendar/dates.js';
import { representationsDueOn } from './clock/case-limits.js';
import { exceptionClaimError } from './clock/exceptions.js';
import { CONTRIBUTORS, type CaseEvent, type CaseFacts, type Contributor, type IsoDate } from './types.js';

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function notBefore(event: CaseEvent, earliest: IsoDate | undefined, what: string): string | null {
  if (earliest === undefined || event.occurredOn >= earliest) return null;
  return `${event.type} cannot be dated ${event.occurredOn}: ${what} on ${earliest}. Check the date.`;
}

function decisionToAssessRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'DECISION_TO_ASSESS' }>): string | null {
  if (event.decision !== 'assess' && event.decision !== 'decline') return `decision must be "assess" or "decline", not "${event.decision}".`;
  if (event.decision === 'decline' && blank(event.reasons)) {
    return 'A decision not to assess needs reasons: the notice to the parent or young person must give them (Children and Families Act 2014 s.36(5); SEND Regs 2014 reg 4(1)).';
  }
  return null;
}

function adviceRequestedRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_REQUESTED' }>): string | null {
  const record = facts.advice[event.contributor];
  if (record && record.receivedOn === undefined) {
    return `Advice from ${event.contributor} was already requested on ${record.requestedOn} and has not been received; record ADVICE_RECEIVED before asking again.`;
  }
  return (
    notBefore(event, facts.decisionToAssess?.on, 'advice is sought for the assessment, and the decision to assess was made') ??
    notBefore(event, record?.receivedOn, `the previous advice from ${event.contributor} was received`)
  );
}

function adviceReceivedRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_RECEIVED' }>): string | null {
  const record = facts.advice[event.contributor];
  if (record === undefined) {
    return `Advice from ${event.contributor} was never requested; record ADVICE_REQUESTED first (the 6-week limit of SEND Regs 2014 reg 8(1) runs from the request).`;
  }
  if (record.receivedOn !== undefined) {
    return `Advice from ${event.contributor} was already received on ${record.receivedOn}; request it again (ADVICE_REQUESTED) before logging new advice.`;
  }
  return notBefore(event, record.requestedOn, `advice from ${event.contributor} was requested`);
}

function decisionToIssueRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'DECISION_TO_ISSUE' }>): string | null {
  if (event.decision !== 'issue' && event.decision !== 'not_issue') return `decision must be "issue" or "not_issue", not "${event.decision}".`;
  if (event.decision === 'not_issue' && blank(event.reasons)) {
    return 'A decision not to issue a plan needs reasons: the notice to the parent or young person must give them (SEND Regs 2014 reg 10(1)).';
  }
  const lastRequest = latest(CONTRIBUTORS.map((c) => facts.advice[c]?.requestedOn));
  return (
    notBefore(event, facts.decisionToAssess?.on, 'the decision to assess was made') ??
    notBefore(event, lastRequest, 'the assessment was still requesting advice')
  );
}

function finalPlanRefusal(facts: CaseFacts, event: Extract<CaseEvent, { type: 'FINAL_PLAN_ISSUED' }>): string | null {
  const served = facts.draftIssuedOn;
  const early = notBefore(event, served, 'the draft plan was issued');
  if (early || served === undefined) return early;
  const waived = event.representationsWaivedOn;
  if (waived !== undefined) return waiverRefusal(event, served, waived);
  const earliest = addDays(representationsDueOn(served), 1);
  if (event.occurredOn >= earliest) return null;
  return `The final plan cannot be issued before ${earliest}: the family has at least 15 days on the draft served ${served}, up to ${representationsDueOn(served)} (SEND Regs 2014 reg 13(1)(a)). Record representationsWaivedOn if they confirmed in writing that they have nothing more to add.`;
}

function waiverRefusal(event: CaseEvent, served: IsoDate, waived: IsoDate): string | null {
  if (!isIsoDate(waived)) return `representationsWaivedOn must be a calendar date YYYY-MM-DD, not "${waived}".`;
  if (waived < served) return `representationsWaivedOn (${waived}) is before the draft plan was issued on ${served}; the family can only waive representations on a draft they have.`;
  if (waived > event.occurredOn) return `representationsWaivedOn (${waived}) is after the final plan's date (${event.occurredOn}); a waiver must come before finalising early (SEND Regs 2014 reg 13(1)(a)).`;
  return null;
}

/** The latest dated step of the assessment; a withdrawal cannot precede what already happened. */
function lastStepOn(facts: CaseFacts): IsoDate | undefined {
  const advice = CONTRIBUTORS.flatMap((c: Contributor) => [facts.advice[c]?.requestedOn, facts.advice[c]?.receivedOn]);
  return latest([facts.decisionToAssess?.on, facts.issueDecision?.on, facts.draftIssuedOn, ...advice]);
}

function typeRefusal(facts: CaseFacts, event: CaseEvent): string | null {
  switch (event.type) {
    case 'DECISION_TO_ASSESS': return decisionToAssessRefusal(facts, event);
    case 'ADVICE_REQUESTED': return adviceRequestedRefusal(facts, event);
    case 'ADVICE_RECEIVED': return adviceReceivedRefusal(facts, event);
    case 'DECISION_TO_ISSUE': return decisionToIssueRefusal(facts, event);
    case 'DRAFT_PLAN_ISSUED': return notBefore(event, facts.issueDecision?.on, 'the decision to issue a plan was made');
    case 'FINAL_PLAN_ISSUED': return finalPlanRefusal(facts, event);
    case 'EXCEPTION_RECORDED': return exceptionClaimError(facts, event);
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
