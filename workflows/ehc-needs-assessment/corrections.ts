/**
 * Corrections of a case (design section 7), on the replay every process shares: the request
 * starts every limit and names the child, so it is never superseded; exceptions recorded before
 * approvals existed read as approved, as normaliseFacts reads them.
 */
import { EVENT_CORRECTED, replayWithCorrection as replay, trailLineName, type Correction as ProcessCorrection, type ReplayRules, type TrailEvent } from '../process/corrections.js';
import { applyEvent, startCase, type CaseState } from './case-api.js';
import { ENGINE_EVENT_TYPES, EVENT_TYPES, type CaseEvent, type CaseEventType, type CaseInput, type MachineRef, type RequestSource } from './types.js';

export { EVENT_CORRECTED, type TrailEvent };

export type Correction = ProcessCorrection<CaseEvent>;

/** On success, also the replacement as it was applied (what the trail must keep for later replays). */
export type CorrectionResult = ({ ok: true; replacement?: CaseEvent } & CaseState) | { ok: false; message: string };

const APPROVED_BEFORE_APPROVALS = 'recorded before approvals';

function caseInput(trail: TrailEvent[]): CaseInput {
  const request = trail.find((line) => line.type === 'REQUEST_RECEIVED');
  if (request === undefined) throw new Error('The trail has no REQUEST_RECEIVED event; it was not produced by this engine');
  const importedFromReturn = request.payload.importedFromReturn as CaseInput['importedFromReturn'];
  return { requestReceivedOn: request.occurredOn, requestSource: request.payload.requestSource as RequestSource, ...(importedFromReturn && { importedFromReturn }) };
}

function caseRules(ref: MachineRef): ReplayRules<CaseEvent, CaseState> {
  return {
    noun: 'case',
    isMachineEvent: (type): type is CaseEventType => (EVENT_TYPES as readonly string[]).includes(type) || (ENGINE_EVENT_TYPES as readonly string[]).includes(type),
    startRefusal: (line) => {
      if (line.type === 'REQUEST_RECEIVED') {
        return 'The request (event 1) cannot be superseded: its date starts every limit of the case (SEND Regs 2014 reg 5(1)) and it names the child, so a wrong request date or child is corrected by recording the request again on a new case, not by replaying this one.';
      }
      if (line.type === 'DISPUTE_ORDERED') return `${trailLineName(line)} was recorded from dispute ${String(line.payload.disputeReference)}: correct the order there.`;
      return null;
    },
    storedEvent: (line) => {
      const event = { ...line.payload, type: line.type, occurredOn: line.occurredOn } as CaseEvent;
      if (event.type === 'EXCEPTION_RECORDED' && event.seq === undefined) return { ...event, seq: line.seq, approvedBy: APPROVED_BEFORE_APPROVALS };
      return event;
    },
    start: (trail) => {
      const { snapshot, status, facts } = startCase(caseInput(trail), ref);
      return { snapshot, status, facts };
    },
    apply: (state, event) => {
      const result = applyEvent(ref, state.snapshot, event);
      return result.ok ? { ok: true, state: { snapshot: result.snapshot, status: result.status, facts: result.facts } } : { ok: false, message: result.message };
    },
  };
}

/**
 * The case as it would stand had event `correction.eventSeq` never happened (or happened as
 * `correction.replacement`), on `ref`'s machine.
 */
export function replayWithCorrection(ref: MachineRef, trail: TrailEvent[], correction: Correction): CorrectionResult {
  const result = replay(caseRules(ref), trail, correction);
  return result.ok ? { ok: true, ...result.state, replacement: result.replacement } : result;
}
