/**
 * Version 1 of the EHC needs assessment process (design sections 2 and 4; domain document
 * section 8). Statuses are flat; the context is the case's dated facts. Every guard goes
 * through rules.ts, so a refused event always has a reason the API can give the caseworker.
 * Never edit a released version's behaviour: add machine.v2.ts and a migration instead. The two
 * additions since release, DISPUTE_ORDERED and DRAFT_NOT_HELD, are events the engine records and no
 * stored trail held before they existed, so every stored case replays exactly as it did.
 */
import { and, assign, setup } from 'xstate';
import { initialFacts, recordEvent } from './facts.js';
import { eventRefusal } from './rules.js';
import type { CaseEvent, CaseFacts, CaseInput } from './types.js';

const record = { guard: 'accepted', actions: 'record' } as const;
const withdraw = { guard: 'accepted', target: 'withdrawn', actions: 'record' } as const;
/** Late advice is still logged after the decision to issue (reg 8(1) timeliness is reported per contributor). */
const lateAdvice = { ADVICE_RECEIVED: record } as const;
/** An exception already recorded can be approved and ended, open or closed, so the record is complete. */
const exceptionRecord = { EXCEPTION_APPROVED: record, EXCEPTION_ENDED: record } as const;
/** Any open case can record an exception, be withdrawn or be reassigned. */
const whileOpen = { EXCEPTION_RECORDED: record, ...exceptionRecord, WITHDRAWN: withdraw, ASSIGNED: record } as const;
/** Once a decision is made, its notice (and a later one's) can be recorded. */
const notices = { NOTICE_SENT: record } as const;
/**
 * A closed case awaits nothing, but what happened after it closed is still recorded: the notice
 * of the closing decision, advice that arrives late, the end of an exception.
 */
const closed = { on: { ...lateAdvice, ...notices, ...exceptionRecord } } as const;

const DISCARDED_INITIAL_CONTEXT = {} as CaseFacts;

export const ehcNeedsAssessmentV1 = setup({
  types: { context: {} as CaseFacts, events: {} as CaseEvent, input: {} as CaseInput },
  guards: {
    accepted: ({ context, event }) => eventRefusal(context, event) === null,
    assess: ({ event }) => event.type === 'DECISION_TO_ASSESS' && event.decision === 'assess',
    issue: ({ event }) => event.type === 'DECISION_TO_ISSUE' && event.decision === 'issue',
  },
  actions: {
    record: assign(({ context, event }) => recordEvent(context, event)),
  },
}).createMachine({
  id: 'ehc-needs-assessment',
  version: '1',
  // XState's pure transition() builds a throw-away actor that computes an initial state with no
  // input and discards it; answer it without throwing, which costs a stack trace every event.
  context: ({ input }) => (input === undefined ? DISCARDED_INITIAL_CONTEXT : initialFacts(input)),
  initial: 'awaiting_decision',
  states: {
    // SEND Regs 2014 reg 5(1): decide whether to assess within 6 weeks of the request.
    awaiting_decision: {
      on: {
        DECISION_TO_ASSESS: [
          { guard: and(['accepted', 'assess']), target: 'assessing', actions: 'record' },
          { guard: 'accepted', target: 'declined_to_assess', actions: 'record' },
        ],
        ...whileOpen,
      },
    },
    // Reg 6 advice, each within 6 weeks (reg 8(1)); a "no plan" notice within 16 weeks (reg 10(1)).
    assessing: {
      on: {
        ADVICE_REQUESTED: record,
        ADVICE_RECEIVED: record,
        ...notices,
        DECISION_TO_ISSUE: [
          { guard: and(['accepted', 'issue']), target: 'drafting', actions: 'record' },
          { guard: 'accepted', target: 'declined_to_issue', actions: 'record' },
        ],
        ...whileOpen,
      },
    },
    drafting: {
      on: {
        ...lateAdvice,
        ...notices,
        DRAFT_PLAN_ISSUED: { guard: 'accepted', target: 'draft_issued', actions: 'record' },
        DRAFT_NOT_HELD: { guard: 'accepted', target: 'draft_issued', actions: 'record' },
        ...whileOpen,
      },
    },
    // Reg 13(1)(a): at least 15 days for representations; reg 13(2): final plan within 20 weeks.
    draft_issued: {
      on: {
        ...lateAdvice,
        ...notices,
        FINAL_PLAN_ISSUED: { guard: 'accepted', target: 'plan_issued', actions: 'record' },
        ...whileOpen,
      },
    },
    // SEND Regs 2014 reg 44(2): an order to assess, or to issue the plan declined, reopens the case.
    declined_to_assess: { on: { ...closed.on, DISPUTE_ORDERED: { guard: 'accepted', target: 'assessing', actions: 'record' } } },
    declined_to_issue: { on: { ...closed.on, DISPUTE_ORDERED: { guard: 'accepted', target: 'drafting', actions: 'record' } } },
    plan_issued: closed,
    withdrawn: closed,
  },
});

export type EhcNeedsAssessmentMachine = typeof ehcNeedsAssessmentV1;
