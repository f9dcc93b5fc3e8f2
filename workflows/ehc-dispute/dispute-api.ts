/**
 * The pure dispute operations the application calls, on the operations every process shares:
 * start a dispute, apply one event, list the allowed events, replay a history, its limits.
 */
import type { MachineRef } from '../process/machine-registry.js';
import { pureProcess } from '../process/process-api.js';
import type { PersistedState } from '../process/pure-machine.js';
import { disputeLimitRecords } from './dispute-limits.js';
import { initialDisputeFacts } from './facts.js';
import { disputeMachines } from './machines.js';
import { disputeEventRefusal } from './rules.js';
import {
  DISPUTE_EVENT_TYPES,
  type DisputeClockOptions,
  type DisputeEvent,
  type DisputeEventType,
  type DisputeFacts,
  type DisputeInput,
  type DisputeStatus,
} from './types.js';

export type DisputeState = PersistedState<DisputeStatus, DisputeFacts>;
export type StartedDispute = DisputeState & { allowedEvents: DisputeEventType[] } & MachineRef;

const ORDER_EVENTS = ['RESPONSE_SUBMITTED', 'APPEAL_CONCEDED', 'TRIBUNAL_DECIDED'];

/** An order or a concession needs an appeal the Tribunal has sent to the authority. */
function notAllowedHint(type: string, facts: DisputeFacts): string | undefined {
  if (ORDER_EVENTS.includes(type) && facts.appeal === undefined) return 'No appeal has been registered on this dispute: record APPEAL_REGISTERED (the day the Tribunal sent the appeal) first.';
  if (type === 'CLOSED_NOT_APPEALED' && facts.mediation.adviceContactedOn !== undefined && facts.mediation.certificateIssuedOn === undefined) {
    return 'The family is in mediation and no certificate has been issued: the appeal date can still move (domain 5.6).';
  }
  return facts.closedOn ? `The dispute closed on ${facts.closedOn}.` : undefined;
}

const disputes = pureProcess<DisputeInput, DisputeFacts, DisputeStatus, DisputeEvent, DisputeEventType, DisputeClockOptions, 'DISPUTE_TRANSITION_NOT_ALLOWED' | 'DISPUTE_EVENT_REFUSED'>(
  {
    noun: 'dispute',
    machines: disputeMachines,
    eventTypes: DISPUTE_EVENT_TYPES,
    initialFacts: initialDisputeFacts,
    refusal: disputeEventRefusal,
    limitRecords: disputeLimitRecords,
    notAllowedHint,
  },
  { notAllowed: 'DISPUTE_TRANSITION_NOT_ALLOWED', refused: 'DISPUTE_EVENT_REFUSED' },
);

export const startDispute = disputes.start;
export const allowedDisputeEvents = disputes.allowed;
export const applyDisputeEvent = disputes.apply;
export const replayDisputeEvents = disputes.replay;
export const computeDisputeLimitRecords = disputes.limitRecords;
export const computeDisputeDeadlines = disputes.deadlines;
export const migrateDispute = disputes.migrate;
export const disputeFactsOf = disputes.factsOf;
