/**
 * How each accepted event changes a case's dated facts (the machine's context). Pure; the
 * machine applies it only after rules.ts has accepted the event.
 */
import { isIsoDate } from '../calendar/dates.js';
import { resolveExceptionLimits } from './clock/exceptions.js';
import { REQUEST_SOURCES, type CaseEvent, type CaseFacts, type CaseInput } from './types.js';

/** Drops undefined fields so the persisted JSON holds only what was recorded. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Throws on input no case can start from: the caller validates requests before this. */
export function initialFacts(input: CaseInput): CaseFacts {
  if (!isIsoDate(input.requestReceivedOn)) {
    throw new Error(`requestReceivedOn must be a calendar date YYYY-MM-DD, not "${String(input.requestReceivedOn)}"`);
  }
  if (!REQUEST_SOURCES.includes(input.requestSource)) {
    throw new Error(`requestSource must be one of ${REQUEST_SOURCES.join(', ')}, not "${String(input.requestSource)}"`);
  }
  return { requestReceivedOn: input.requestReceivedOn, requestSource: input.requestSource, advice: {}, exceptions: [] };
}

function recordAdvice(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_REQUESTED' | 'ADVICE_RECEIVED' }>): CaseFacts {
  const previous = facts.advice[event.contributor];
  const record =
    event.type === 'ADVICE_REQUESTED'
      ? defined({ requestedOn: event.occurredOn, contact: event.contact }) // a new request replaces the old record
      : { ...previous!, receivedOn: event.occurredOn };
  return { ...facts, advice: { ...facts.advice, [event.contributor]: record } };
}

function recordException(facts: CaseFacts, event: Extract<CaseEvent, { type: 'EXCEPTION_RECORDED' }>): CaseFacts {
  const record = defined({
    exception: event.exception,
    from: event.from,
    to: event.to,
    note: event.note,
    limits: resolveExceptionLimits(facts, event),
    recordedOn: event.occurredOn,
  });
  return { ...facts, exceptions: [...facts.exceptions, record] };
}

export function recordEvent(facts: CaseFacts, event: CaseEvent): CaseFacts {
  const on = event.occurredOn;
  switch (event.type) {
    case 'DECISION_TO_ASSESS':
      return { ...facts, decisionToAssess: defined({ decision: event.decision, on, panelMeetingId: event.panelMeetingId, reasons: event.reasons }) };
    case 'ADVICE_REQUESTED':
    case 'ADVICE_RECEIVED':
      return recordAdvice(facts, event);
    case 'DECISION_TO_ISSUE':
      return { ...facts, issueDecision: defined({ decision: event.decision, on, panelMeetingId: event.panelMeetingId, reasons: event.reasons }) };
    case 'DRAFT_PLAN_ISSUED':
      return { ...facts, draftIssuedOn: on };
    case 'FINAL_PLAN_ISSUED':
      return defined({ ...facts, finalIssuedOn: on, placement: event.placement, representationsWaivedOn: event.representationsWaivedOn });
    case 'EXCEPTION_RECORDED':
      return recordException(facts, event);
    case 'WITHDRAWN':
      return { ...facts, withdrawnOn: on, withdrawalReason: event.reason };
    case 'ASSIGNED':
      return { ...facts, assigneeId: event.assigneeId };
  }
}
