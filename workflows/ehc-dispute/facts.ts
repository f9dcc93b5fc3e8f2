/**
 * How each accepted event changes a dispute's dated facts (the machine's context). Pure; the
 * machine applies it only after rules.ts has accepted the event.
 */
import { isIsoDate, type IsoDate } from '../calendar/dates.js';
import { claimedException, withExceptionChange } from '../limits/exception-claims.js';
import { servedOn } from '../limits/served-dates.js';
import { defined } from '../process/defined.js';
import { orderSteps } from './dispute-limits.js';
import { DISPUTED_DECISIONS, type DisputeEvent, type DisputeFacts, type DisputeInput, type DisputeOutcome, type OrderAction, type OrderRecord } from './types.js';

/** Throws on input no dispute can start from: the caller validates requests before this. */
export function initialDisputeFacts(input: DisputeInput): DisputeFacts {
  if (!DISPUTED_DECISIONS.includes(input.decision)) throw new Error(`decision must be one of ${DISPUTED_DECISIONS.join(', ')}, not "${String(input.decision)}"`);
  for (const field of ['decidedOn', 'noticeSentOn'] as const) {
    if (!isIsoDate(input[field])) throw new Error(`${field} must be a calendar date YYYY-MM-DD, not "${String(input[field])}"`);
  }
  if (input.noticeSentOn < input.decidedOn) throw new Error(`noticeSentOn (${input.noticeSentOn}) cannot be before the decision (${input.decidedOn})`);
  if (!Number.isInteger(input.appealBufferWorkingDays) || input.appealBufferWorkingDays < 0) throw new Error('appealBufferWorkingDays must be a whole number of working days');
  return defined({
    decision: input.decision,
    decidedOn: input.decidedOn,
    noticeSentOn: input.noticeSentOn,
    appealBufferWorkingDays: input.appealBufferWorkingDays,
    assigneeId: input.assigneeId,
    mediation: { healthMatters: false },
    orders: [],
    exceptions: [],
  });
}

function newOrder(facts: DisputeFacts, on: string, source: OrderRecord['source'], actions: readonly OrderAction[], agreedDueOn?: IsoDate): DisputeFacts {
  const order: OrderRecord = defined({ n: facts.orders.length + 1, on, source, actions: [...new Set(actions)], steps: orderSteps(actions).map((step) => ({ step })), agreedDueOn });
  return { ...facts, orders: [...facts.orders, order] };
}

function decided(facts: DisputeFacts, outcome: DisputeOutcome, on: string): DisputeFacts {
  return { ...facts, outcome, outcomeOn: on };
}

function meetStep(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'ORDER_STEP_MET' }>): DisputeFacts {
  const on = servedOn(event.occurredOn, event.method ?? 'email');
  return {
    ...facts,
    orders: facts.orders.map((order, i) =>
      i === facts.orders.length - 1 ? { ...order, steps: order.steps.map((s) => (s.step === event.step ? defined({ ...s, metOn: on, decision: event.decision }) : s)) } : order,
    ),
  };
}

export function recordDisputeEvent(facts: DisputeFacts, event: DisputeEvent): DisputeFacts {
  const on = event.occurredOn;
  const mediation = (change: Partial<DisputeFacts['mediation']>): DisputeFacts => ({ ...facts, mediation: defined({ ...facts.mediation, ...change }) });
  switch (event.type) {
    case 'MEDIATION_ADVICE_CONTACTED':
      return mediation({ adviceContactedOn: on });
    case 'MEDIATION_DECLINED':
      return mediation({ adviceContactedOn: facts.mediation.adviceContactedOn ?? on, declinedOn: on });
    case 'MEDIATION_REQUESTED':
      return mediation({ adviceContactedOn: facts.mediation.adviceContactedOn ?? on, requestedOn: on, healthMatters: event.healthMatters === true });
    case 'HEALTH_MATTERS_REFERRED':
      return mediation({ healthReferredOn: on });
    case 'MEDIATION_HELD':
      return mediation({ heldOn: on });
    case 'MEDIATION_ENDED': {
      const agreement = event.agreement && defined({ on, action: event.agreement.action, terms: event.agreement.terms, agreedDueOn: event.agreement.agreedDueOn });
      const ended = mediation({ endedOn: on, agreement });
      const action = event.agreement?.action;
      return action === undefined || action === 'other' ? ended : newOrder(ended, on, 'mediation', [action], agreement!.agreedDueOn);
    }
    case 'CERTIFICATE_ISSUED':
      return mediation({ certificateIssuedOn: on });
    case 'AGREEMENT_CARRIED_OUT':
      return mediation({ agreement: { ...facts.mediation.agreement!, carriedOutOn: on } });
    case 'APPEAL_REGISTERED':
      return { ...facts, appeal: defined({ sentToAuthorityOn: on, registeredOn: event.registeredOn, tribunalReference: event.tribunalReference }) };
    case 'RESPONSE_SUBMITTED':
      return { ...facts, appeal: { ...facts.appeal!, responseSubmittedOn: on } };
    case 'APPEAL_CONCEDED': {
      // Conceding an appeal against ceasing keeps the plan: there is nothing to carry out.
      const conceded = decided(facts, 'conceded', on);
      const actions = event.actions ?? [];
      return actions.length === 0 ? conceded : newOrder(conceded, on, 'concession', actions);
    }
    case 'TRIBUNAL_DECIDED': {
      const actions = tribunalActions(facts, event);
      return actions.length === 0 ? decided(facts, event.outcome, on) : newOrder(decided(facts, event.outcome, on), on, 'tribunal', actions);
    }
    case 'ORDER_STEP_MET':
      return meetStep(facts, event);
    case 'EXCEPTION_RECORDED':
      return { ...facts, exceptions: [...facts.exceptions, { ...claimedException(facts.exceptions, event, on), exception: event.exception, order: facts.orders.at(-1)!.n, step: event.step }] };
    case 'EXCEPTION_APPROVED':
    case 'EXCEPTION_ENDED':
      return { ...facts, exceptions: withExceptionChange(facts.exceptions, event) };
    case 'SETTLED':
      return { ...decided(facts, 'settled', on), settlementTerms: event.terms };
    case 'WITHDRAWN':
      return defined({ ...decided(facts, 'withdrawn', on), withdrawalReason: event.reason });
    case 'CLOSED_NOT_APPEALED':
      return decided(facts, facts.mediation.agreement ? 'mediation_agreement' : 'not_appealed', on);
    case 'ASSIGNED':
      return { ...facts, assigneeId: event.assigneeId };
  }
}

/** A dismissed appeal against ceasing leaves the cease decision standing: the plan ceases at once. */
function tribunalActions(facts: DisputeFacts, event: Extract<DisputeEvent, { type: 'TRIBUNAL_DECIDED' }>): OrderAction[] {
  if (event.outcome === 'appeal_dismissed') return facts.decision === 'decision_to_cease' ? ['cease'] : [];
  return event.actions ?? [];
}
