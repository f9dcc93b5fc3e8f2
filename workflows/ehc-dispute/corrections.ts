/**
 * Corrections of a dispute (design section 7), on the replay every process shares. The first line
 * (DISPUTE_STARTED) holds the decision disputed and the day its notice was sent, which every
 * limit counts from, so it is never superseded: a dispute opened against the wrong decision is
 * withdrawn and opened again.
 */
import { replayWithCorrection as replay, type Correction, type ReplayRules, type TrailEvent } from '../process/corrections.js';
import type { MachineRef } from '../process/machine-registry.js';
import { applyDisputeEvent, startDispute, type DisputeState } from './dispute-api.js';
import { DISPUTE_EVENT_TYPES, type DisputeEvent, type DisputeInput } from './types.js';

export const DISPUTE_STARTED = 'DISPUTE_STARTED';

export type DisputeCorrectionResult = ({ ok: true; replacement?: DisputeEvent } & DisputeState) | { ok: false; message: string };

const INPUT_FIELDS = ['decision', 'decidedOn', 'noticeSentOn', 'appealBufferWorkingDays', 'assigneeId'] as const;

/** The dispute's start as its first trail line recorded it. */
export function disputeInputOf(trail: TrailEvent[]): DisputeInput {
  const started = trail.find((line) => line.type === DISPUTE_STARTED);
  if (started === undefined) throw new Error('The trail has no DISPUTE_STARTED event; it was not produced by this engine');
  const fields = INPUT_FIELDS.filter((field) => started.payload[field] !== undefined).map((field) => [field, started.payload[field]]);
  return Object.fromEntries(fields) as unknown as DisputeInput;
}

function disputeRules(ref: MachineRef): ReplayRules<DisputeEvent, DisputeState> {
  return {
    noun: 'dispute',
    isMachineEvent: (type) => (DISPUTE_EVENT_TYPES as readonly string[]).includes(type),
    startRefusal: (line) =>
      line.type === DISPUTE_STARTED
        ? 'The start of the dispute (event 1) cannot be superseded: it names the decision disputed and the day its notice was sent, from which every limit runs. A dispute opened against the wrong decision is withdrawn and opened again.'
        : null,
    storedEvent: (line) => ({ ...line.payload, type: line.type, occurredOn: line.occurredOn }) as DisputeEvent,
    start: (trail) => {
      const { snapshot, status, facts } = startDispute(disputeInputOf(trail), ref);
      return { snapshot, status, facts };
    },
    apply: (state, event) => {
      const result = applyDisputeEvent(ref, state.snapshot, event);
      return result.ok ? { ok: true, state: { snapshot: result.snapshot, status: result.status, facts: result.facts } } : { ok: false, message: result.message };
    },
  };
}

/** The dispute as it would stand had event `correction.eventSeq` never happened (or happened as `correction.replacement`). */
export function replayDisputeWithCorrection(ref: MachineRef, trail: TrailEvent[], correction: Correction<DisputeEvent>): DisputeCorrectionResult {
  const result = replay(disputeRules(ref), trail, correction);
  return result.ok ? { ok: true, ...result.state, replacement: result.replacement } : result;
}
