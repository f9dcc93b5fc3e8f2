/**
 * How each accepted event changes a case's dated facts (the machine's context). Pure; the
 * machine applies it only after rules.ts has accepted the event.
 */
import { isIsoDate } from '../calendar/dates.js';
import { defined } from '../process/defined.js';
import { servedOn } from '../limits/index.js';
import { lapsedOnEnding, resolveExceptionLimits } from './clock/exceptions.js';
import {
  REQUEST_SOURCES,
  type AdviceRequest,
  type CaseEvent,
  type CaseFacts,
  type CaseInput,
  type Contributor,
  type ExceptionRecord,
  type NoticeInput,
  type NoticeName,
} from './types.js';

/** Throws on input no case can start from: the caller validates requests before this. */
export function initialFacts(input: CaseInput): CaseFacts {
  if (!isIsoDate(input.requestReceivedOn)) {
    throw new Error(`requestReceivedOn must be a calendar date YYYY-MM-DD, not "${String(input.requestReceivedOn)}"`);
  }
  if (!REQUEST_SOURCES.includes(input.requestSource)) {
    throw new Error(`requestSource must be one of ${REQUEST_SOURCES.join(', ')}, not "${String(input.requestSource)}"`);
  }
  const imported = input.importedFromReturn && { importedFromReturn: { week20: input.importedFromReturn.week20 } };
  return { requestReceivedOn: input.requestReceivedOn, requestSource: input.requestSource, ...imported, advice: [], exceptions: [], notices: {} };
}

/** The first request to a contributor is `advice.<contributor>`, the next `advice.<contributor>.2`, … */
export function nextAdviceName(facts: CaseFacts, contributor: Contributor): string {
  const count = facts.advice.filter((a) => a.contributor === contributor).length;
  return count === 0 ? `advice.${contributor}` : `advice.${contributor}.${count + 1}`;
}

/** The requests to a contributor still awaiting advice. */
export function outstandingAdvice(facts: CaseFacts, contributor: Contributor): AdviceRequest[] {
  return facts.advice.filter((a) => a.contributor === contributor && a.receivedOn === undefined);
}

function recordAdvice(facts: CaseFacts, event: Extract<CaseEvent, { type: 'ADVICE_REQUESTED' | 'ADVICE_RECEIVED' }>): CaseFacts {
  if (event.type === 'ADVICE_REQUESTED') {
    const request: AdviceRequest = defined({
      name: nextAdviceName(facts, event.contributor),
      contributor: event.contributor,
      body: event.body,
      requestedOn: event.occurredOn,
      deliveredOn: servedOn(event.occurredOn, event.method ?? 'email'),
      contact: event.contact,
    });
    return { ...facts, advice: [...facts.advice, request] };
  }
  const name = event.request ?? outstandingAdvice(facts, event.contributor)[0].name;
  return { ...facts, advice: facts.advice.map((a) => (a.name === name ? { ...a, receivedOn: event.occurredOn } : a)) };
}

/** A notice to a recipient replaces the one recorded for them before. */
function recordNotice(facts: CaseFacts, notice: NoticeName, sent: NoticeInput | undefined, recipient = 'family'): CaseFacts {
  if (sent === undefined) return facts;
  const others = (facts.notices[notice] ?? []).filter((n) => n.recipient !== recipient);
  const record = { sentOn: sent.sentOn, method: sent.method, recipient, servedOn: servedOn(sent.sentOn, sent.method) };
  return { ...facts, notices: { ...facts.notices, [notice]: [...others, record] } };
}

function recordException(facts: CaseFacts, event: Extract<CaseEvent, { type: 'EXCEPTION_RECORDED' }>): CaseFacts {
  const record: ExceptionRecord = defined({
    seq: event.seq ?? Math.max(0, ...facts.exceptions.map((e) => e.seq)) + 1,
    exception: event.exception,
    from: event.from,
    to: event.to,
    note: event.note,
    evidence: event.evidence,
    impracticalBecause: event.impracticalBecause,
    familyToldOn: event.familyToldOn,
    limits: resolveExceptionLimits(facts, event),
    recordedOn: event.occurredOn,
    approvedBy: event.approvedBy,
    approvedOn: event.approvedBy === undefined ? undefined : event.occurredOn,
  });
  return { ...facts, exceptions: [...facts.exceptions, record] };
}

function updateException(facts: CaseFacts, seq: number, change: (e: ExceptionRecord) => ExceptionRecord): CaseFacts {
  return { ...facts, exceptions: facts.exceptions.map((e) => (e.seq === seq ? defined(change(e)) : e)) };
}

/**
 * After an order to assess, a notice of the decision to assess tells the family the authority
 * will assess as ordered: it is the order's notice, and leaves the refusal's notice as it was.
 */
export function isOrderedAssessmentNotice(facts: CaseFacts, event: CaseEvent): boolean {
  return event.type === 'NOTICE_SENT' && event.notice === 'decision_to_assess' && facts.order?.action === 'assess';
}

export function recordEvent(facts: CaseFacts, event: CaseEvent): CaseFacts {
  const on = event.occurredOn;
  switch (event.type) {
    case 'DECISION_TO_ASSESS': {
      const decided = { ...facts, decisionToAssess: defined({ decision: event.decision, on, panelMeetingId: event.panelMeetingId, reasons: event.reasons }) };
      return recordNotice(decided, 'decision_to_assess', event.notice);
    }
    case 'ADVICE_REQUESTED':
    case 'ADVICE_RECEIVED':
      return recordAdvice(facts, event);
    case 'DECISION_TO_ISSUE': {
      const decided = { ...facts, issueDecision: defined({ decision: event.decision, on, panelMeetingId: event.panelMeetingId, reasons: event.reasons }) };
      return recordNotice(decided, 'decision_to_issue', event.notice);
    }
    case 'DRAFT_PLAN_ISSUED':
      return recordNotice({ ...facts, draftIssuedOn: on }, 'draft_plan', event.notice);
    case 'DRAFT_NOT_HELD':
      return { ...facts, draftNotHeld: true };
    case 'FINAL_PLAN_ISSUED': {
      const issued = defined({ ...facts, finalIssuedOn: on, placement: event.placement, representationsWaivedOn: event.representationsWaivedOn });
      return recordNotice(issued, 'final_plan', event.notice);
    }
    case 'NOTICE_SENT':
      if (isOrderedAssessmentNotice(facts, event)) {
        // The order's notice: the refusal's own notice stays as it was.
        const assessmentNotice = { sentOn: event.sentOn, method: event.method, recipient: event.recipient ?? 'family', servedOn: servedOn(event.sentOn, event.method) };
        return { ...facts, order: { ...facts.order!, assessmentNotice } };
      }
      return recordNotice(facts, event.notice, event, event.recipient);
    case 'DISPUTE_ORDERED':
      return { ...facts, order: { on, action: event.action, disputeId: event.disputeId, disputeReference: event.disputeReference } };
    case 'EXCEPTION_RECORDED':
      return recordException(facts, event);
    case 'EXCEPTION_APPROVED':
      return updateException(facts, event.exceptionSeq, (e) => ({ ...e, approvedBy: event.approvedBy, approvedOn: on, revisedTarget: event.revisedTarget ?? e.revisedTarget }));
    case 'EXCEPTION_ENDED':
      return updateException(facts, event.exceptionSeq, (e) => {
        const ended = { ...e, to: event.to, endedOn: on, revisedTarget: event.revisedTarget ?? e.revisedTarget };
        return { ...ended, lapsed: lapsedOnEnding(facts, ended) };
      });
    case 'WITHDRAWN':
      return { ...facts, withdrawnOn: on, withdrawalReason: event.reason };
    case 'ASSIGNED':
      return { ...facts, assigneeId: event.assigneeId };
  }
}

type LegacyAdvice = Partial<Record<Contributor, { requestedOn: string; receivedOn?: string; contact?: AdviceRequest['contact'] }>>;

/**
 * Snapshots written before advice requests became a list and exceptions needed approval: the
 * one request per contributor keeps its deadline name, and an exception recorded then relaxed
 * its limits at once, so it reads as approved (it can be superseded by a correction).
 */
export function normaliseFacts(context: Record<string, unknown>): CaseFacts {
  const facts = context as unknown as CaseFacts;
  if (Array.isArray(facts.advice) && facts.notices !== undefined) return facts;
  const legacy = (Array.isArray(facts.advice) ? null : (facts.advice as unknown as LegacyAdvice)) ?? {};
  const advice = Array.isArray(facts.advice)
    ? facts.advice
    : Object.entries(legacy).map(([contributor, r]) => defined({ name: `advice.${contributor}`, contributor: contributor as Contributor, requestedOn: r!.requestedOn, deliveredOn: r!.requestedOn, receivedOn: r!.receivedOn, contact: r!.contact }));
  const exceptions = facts.exceptions.map((e, i) => (e.seq === undefined ? { ...e, seq: -(i + 1), approvedBy: 'recorded before approvals', approvedOn: e.recordedOn } : e));
  return { ...facts, advice, exceptions, notices: facts.notices ?? {} };
}
