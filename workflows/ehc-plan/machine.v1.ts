/**
 * Version 1 of a maintained EHC plan's life (issue 13; domain document sections 3 and 8):
 * reviews, amendments, phase transfers, re-assessment, ceasing and transfer out. Statuses are
 * flat; the context is the plan's dated facts. Every guard goes through rules.ts, so a refused
 * event always has a reason. Never edit a released version's behaviour: add machine.v2.ts.
 */
import { and, assign, setup } from 'xstate';
import { initialPlanFacts, recordPlanEvent } from './facts.js';
import { planEventRefusal } from './rules.js';
import type { PlanEvent, PlanFacts, PlanInput } from './types.js';

const record = { guard: 'accepted', actions: 'record' } as const;
const to = (target: string) => ({ guard: 'accepted', target, actions: 'record' }) as const;
/** Recorded whatever the plan is doing: a later notice, an exception's approval or end. */
const always = { NOTICE_SENT: record, EXCEPTION_APPROVED: record, EXCEPTION_ENDED: record } as const;
/** While the authority maintains the plan. */
const maintaining = { ...always, ASSIGNED: record, PHASE_DETAILS_RECORDED: record, TRANSFERRED_OUT: to('transferred_out') } as const;

const DISCARDED_INITIAL_CONTEXT = {} as PlanFacts;

export const ehcPlanV1 = setup({
  types: { context: {} as PlanFacts, events: {} as PlanEvent, input: {} as PlanInput },
  guards: {
    accepted: ({ context, event }) => planEventRefusal(context, event) === null,
    amend: ({ event }) => event.type === 'REVIEW_DECISION' && event.decision === 'amend',
    cease: ({ event }) => event.type === 'REVIEW_DECISION' && event.decision === 'cease',
    reassess: ({ event }) => event.type === 'REASSESSMENT_DECISION' && event.decision === 'reassess',
  },
  actions: {
    record: assign(({ context, event }) => recordPlanEvent(context, event)),
  },
}).createMachine({
  id: 'ehc-plan',
  version: '1',
  // XState's pure transition() computes a throw-away initial state with no input; answer it without throwing.
  context: ({ input }) => (input === undefined ? DISCARDED_INITIAL_CONTEXT : initialPlanFacts(input)),
  initial: 'maintained',
  states: {
    // CFA 2014 s.44(1): reviewed within each 12 months; amended (reg 22), re-assessed (regs 23-27) or ceased (reg 31) as needed.
    maintained: {
      on: {
        REVIEW_MEETING_SCHEDULED: to('review_scheduled'),
        // A meeting recorded without its arrangements: recorded, and its invitations and advice shown as missed.
        REVIEW_MEETING_HELD: to('review_held'),
        AMENDMENT_NOTICE_SENT: to('amendment_proposed'),
        REASSESSMENT_REQUESTED: to('reassessment_requested'),
        CEASE_DECISION: to('cease_pending_appeal_window'),
        ...maintaining,
      },
    },
    // Reg 20(3)-(4): invitations and advice at least 2 weeks before the meeting.
    review_scheduled: {
      on: {
        REVIEW_MEETING_SCHEDULED: record,
        REVIEW_INVITATIONS_SENT: record,
        REVIEW_ADVICE_CIRCULATED: record,
        REVIEW_MEETING_HELD: to('review_held'),
        ...maintaining,
      },
    },
    // Reg 20(7): the report within 2 weeks; the decision within 4 weeks of the meeting (Devon [2022]).
    review_held: {
      on: {
        REVIEW_REPORT_RECEIVED: record,
        REVIEW_DECISION: [
          { guard: and(['accepted', 'amend']), target: 'amendment_proposed', actions: 'record' },
          { guard: and(['accepted', 'cease']), target: 'cease_pending_appeal_window', actions: 'record' },
          to('maintained'),
        ],
        ...maintaining,
      },
    },
    // Reg 22(2)-(4): at least 15 days for the family, the amended plan or a decision not to amend within 8 weeks.
    amendment_proposed: {
      on: {
        // The notice of the amendment under way, sent after the decision that proposed it (or sent again).
        AMENDMENT_NOTICE_SENT: record,
        AMENDED_PLAN_ISSUED: to('maintained'),
        DECISION_NOT_TO_AMEND: to('maintained'),
        ...maintaining,
      },
    },
    // Reg 25: the decision whether to re-assess within 15 days of the request.
    reassessment_requested: {
      on: {
        REASSESSMENT_DECISION: [
          { guard: and(['accepted', 'reassess']), target: 'reassessing', actions: 'record' },
          to('maintained'),
        ],
        ...maintaining,
      },
    },
    // Reg 27(2): the amended or replacement plan within 14 weeks of the notice of the decision.
    reassessing: {
      on: {
        AMENDMENT_NOTICE_SENT: to('amendment_proposed'),
        DECISION_NOT_TO_AMEND: to('maintained'),
        CEASE_DECISION: to('cease_pending_appeal_window'),
        EXCEPTION_RECORDED: record,
        ...maintaining,
      },
    },
    // CFA 2014 s.45: maintained until the time to appeal has passed (domain 3.5, 5.6).
    cease_pending_appeal_window: {
      on: {
        CEASED: to('ceased'),
        CEASE_DECISION_WITHDRAWN: to('maintained'),
        ...maintaining,
      },
    },
    ceased: { on: always },
    transferred_out: { on: always },
  },
});
