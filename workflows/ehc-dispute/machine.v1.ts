/**
 * Version 1 of a disagreement's life (issue 14; domain document section 1 rows 24–32 and
 * section 8): mediation, the appeal to the Tribunal, and the order, concession or agreement the
 * authority carries out. Statuses are flat; the context is the dispute's dated facts. Every
 * guard goes through rules.ts, so a refused event always has a reason. Never edit a released
 * version's behaviour: add machine.v2.ts.
 */
import { and, assign, setup } from 'xstate';
import { pendingDuties } from './dispute-limits.js';
import { initialDisputeFacts, recordDisputeEvent } from './facts.js';
import { disputeEventRefusal } from './rules.js';
import type { DisputeEvent, DisputeFacts, DisputeInput } from './types.js';

const record = { guard: 'accepted', actions: 'record' } as const;
const to = (target: string) => ({ guard: 'accepted', target, actions: 'record' }) as const;
/** Ends the dispute, or leaves it to be carried out when the outcome (or an agreement) still asks something of the authority. */
const closesOrComplies = [
  { guard: and(['accepted', 'nothingLeft']), target: 'closed', actions: 'close' },
  { guard: 'accepted', target: 'complying', actions: 'record' },
] as const;
/** A step of an order or agreement, which closes the dispute when it is the last. */
const carriedOut = [{ guard: and(['accepted', 'nothingLeft']), target: 'closed', actions: 'close' }, record] as const;
/** Until the Tribunal decides: the family can withdraw, the authority can settle. */
const undecided = { WITHDRAWN: closesOrComplies, SETTLED: closesOrComplies, ASSIGNED: record } as const;
/** A mediation agreement on appealable matters is carried out like an order (reg 42), whatever else happens. */
const agreed = {
  ORDER_STEP_MET: record,
  AGREEMENT_CARRIED_OUT: record,
  EXCEPTION_RECORDED: record,
  EXCEPTION_APPROVED: record,
  EXCEPTION_ENDED: record,
} as const;

const DISCARDED_INITIAL_CONTEXT = {} as DisputeFacts;

export const ehcDisputeV1 = setup({
  types: { context: {} as DisputeFacts, events: {} as DisputeEvent, input: {} as DisputeInput },
  guards: {
    accepted: ({ context, event }) => disputeEventRefusal(context, event) === null,
    nothingLeft: ({ context, event }) => pendingDuties(recordDisputeEvent(context, event)).length === 0,
  },
  actions: {
    record: assign(({ context, event }) => recordDisputeEvent(context, event)),
    close: assign(({ context, event }) => ({ ...recordDisputeEvent(context, event), closedOn: event.occurredOn })),
  },
}).createMachine({
  id: 'ehc-dispute',
  version: '1',
  // XState's pure transition() computes a throw-away initial state with no input; answer it without throwing.
  context: ({ input }) => (input === undefined ? DISCARDED_INITIAL_CONTEXT : initialDisputeFacts(input)),
  initial: 'notice_sent',
  states: {
    // Reg 33 and HESC r.20: 2 months to contact a mediation adviser and to appeal.
    notice_sent: {
      on: {
        MEDIATION_ADVICE_CONTACTED: to('mediation_considered'),
        // Some appeals need no certificate (the school named only), and the Tribunal decides what it registers.
        APPEAL_REGISTERED: to('appealed'),
        CLOSED_NOT_APPEALED: closesOrComplies,
        ...undecided,
      },
    },
    mediation_considered: {
      on: {
        MEDIATION_DECLINED: to('certificate_awaited'),
        MEDIATION_REQUESTED: to('mediating'),
        // The adviser may issue the certificate at once, on the family declining in the same contact.
        CERTIFICATE_ISSUED: to('certificate_issued'),
        APPEAL_REGISTERED: to('appealed'),
        ...undecided,
      },
    },
    // Regs 35–37: the meeting within 30 days; health matters to the ICB within 3 working days.
    mediating: {
      on: {
        HEALTH_MATTERS_REFERRED: record,
        MEDIATION_HELD: record,
        MEDIATION_ENDED: to('certificate_awaited'),
        ...undecided,
      },
    },
    // Regs 34 and 39: the certificate within 3 working days.
    certificate_awaited: {
      on: {
        CERTIFICATE_ISSUED: to('certificate_issued'),
        APPEAL_REGISTERED: to('appealed'),
        ...agreed,
        ...undecided,
      },
    },
    // HESC r.20(1)(c): the later of 2 months after the notice and 1 month after the certificate.
    certificate_issued: {
      on: {
        APPEAL_REGISTERED: to('appealed'),
        CLOSED_NOT_APPEALED: closesOrComplies,
        ...agreed,
        ...undecided,
      },
    },
    // The response within 30 working days; then a concession (reg 45) or the Tribunal's order (reg 44).
    appealed: {
      on: {
        RESPONSE_SUBMITTED: record,
        // A concession with nothing to carry out (an appeal against ceasing: the plan is kept) closes the dispute.
        APPEAL_CONCEDED: closesOrComplies,
        TRIBUNAL_DECIDED: closesOrComplies,
        ...agreed,
        ...undecided,
      },
    },
    // Reg 44(2), 45, 42: each step within its limit; reg 44(3) exceptions only.
    complying: {
      on: {
        ...agreed,
        ORDER_STEP_MET: carriedOut,
        AGREEMENT_CARRIED_OUT: carriedOut,
        ASSIGNED: record,
      },
    },
    closed: { on: {} },
  },
});
