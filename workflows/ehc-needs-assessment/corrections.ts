/**
 * Corrections (design section 7): a mis-recorded event is superseded, never deleted, and the
 * case's facts are rebuilt from its remaining events, each applied with applyEvent so every
 * rule applies as on the day. Pure: the trail comes in, the next state or a refusal goes out.
 */
import { applyEvent, startCase, type CaseState } from './case-api.js';
import { EVENT_TYPES, type CaseEvent, type CaseEventType, type CaseInput, type IsoDate, type MachineRef, type RequestSource } from './types.js';

/** The trail line that says an event was superseded: payload `{ eventSeq, reason, replacement? }`. */
export const EVENT_CORRECTED = 'EVENT_CORRECTED';

/** One line of a case's stored trail (the machine events' payloads carry their engine fields). */
export interface TrailEvent {
  seq: number;
  type: string;
  occurredOn: IsoDate;
  payload: Record<string, unknown>;
}

/** What a manager asks: supersede event `eventSeq`, with `replacement` (engine fields set) in its place. */
export interface Correction {
  eventSeq: number;
  replacement?: CaseEvent;
}

/** On success, also the replacement as it was applied (what the trail must keep for later replays). */
export type CorrectionResult = ({ ok: true; replacement?: CaseEvent } & CaseState) | { ok: false; message: string };

/** Exceptions recorded before approvals existed relaxed their limits at once (as normaliseFacts reads them). */
const APPROVED_BEFORE_APPROVALS = 'recorded before approvals';

const isMachineEvent = (type: string): type is CaseEventType => (EVENT_TYPES as readonly string[]).includes(type);

function nameOf(line: TrailEvent): string {
  return `event ${line.seq} (${line.type} on ${line.occurredOn})`;
}

/** Why event `seq` cannot be superseded, or null when it can. */
function supersessionRefusal(trail: TrailEvent[], seq: number): string | null {
  const target = trail.find((line) => line.seq === seq);
  if (target === undefined) return `The case has no event ${seq}; its trail runs from 1 to ${trail.length}.`;
  if (target.type === 'REQUEST_RECEIVED') {
    return 'The request (event 1) cannot be superseded: its date starts every limit of the case (SEND Regs 2014 reg 5(1)) and it names the child, so a wrong request date or child is corrected by recording the request again on a new case, not by replaying this one.';
  }
  if (!isMachineEvent(target.type)) {
    return `${nameOf(target)} is not a step of the process and cannot be superseded; only the events posted to /events can be corrected.`;
  }
  const by = supersessions(trail).get(seq);
  if (by !== undefined) return `${nameOf(target)} was already superseded by event ${by.seq}; an event is superseded only once.`;
  return null;
}

/** Superseded seq → the EVENT_CORRECTED line that superseded it. */
function supersessions(trail: TrailEvent[]): Map<number, TrailEvent> {
  const corrections = trail.filter((line) => line.type === EVENT_CORRECTED);
  return new Map(corrections.map((line) => [Number(line.payload.eventSeq), line]));
}

/** A stored machine event as the machine takes it: its payload holds the engine fields it was applied with. */
function storedEvent(line: TrailEvent): CaseEvent {
  const event = { ...line.payload, type: line.type, occurredOn: line.occurredOn } as CaseEvent;
  if (event.type === 'EXCEPTION_RECORDED' && event.seq === undefined) return { ...event, seq: line.seq, approvedBy: APPROVED_BEFORE_APPROVALS };
  return event;
}

/** The machine events of the trail in seq order, superseded ones replaced or left out, with their place. */
function liveHistory(trail: TrailEvent[], correction: Correction): { at: TrailEvent; event: CaseEvent }[] {
  const replaced = new Map<number, CaseEvent | undefined>(
    [...supersessions(trail)].map(([seq, line]) => [seq, line.payload.replacement as CaseEvent | undefined]),
  );
  replaced.set(correction.eventSeq, correction.replacement);
  const history: { at: TrailEvent; event: CaseEvent }[] = [];
  for (const line of [...trail].sort((a, b) => a.seq - b.seq)) {
    if (!isMachineEvent(line.type)) continue;
    if (!replaced.has(line.seq)) history.push({ at: line, event: storedEvent(line) });
    else if (replaced.get(line.seq) !== undefined) history.push({ at: line, event: replaced.get(line.seq)! });
  }
  return history;
}

/**
 * A replacement exception recorded by a manager is approved at once, as on the day, unless the
 * trail approves it later (it replaces a proposal): then that approval stands, and still names it.
 */
function asApprovedInTrail(trail: TrailEvent[], { eventSeq, replacement }: Correction): CaseEvent | undefined {
  if (replacement?.type !== 'EXCEPTION_RECORDED' || replacement.approvedBy === undefined) return replacement;
  const superseded = supersessions(trail);
  const approvedLater = trail.some((line) => line.type === 'EXCEPTION_APPROVED' && line.payload.exceptionSeq === eventSeq && !superseded.has(line.seq));
  if (!approvedLater) return replacement;
  return { ...replacement, approvedBy: undefined };
}

function caseInput(trail: TrailEvent[]): CaseInput {
  const request = trail.find((line) => line.type === 'REQUEST_RECEIVED');
  if (request === undefined) throw new Error('The trail has no REQUEST_RECEIVED event; it was not produced by this engine');
  return { requestReceivedOn: request.occurredOn, requestSource: request.payload.requestSource as RequestSource };
}

/**
 * The case as it would stand had event `correction.eventSeq` never happened (or happened as
 * `correction.replacement`): every remaining machine event applied again in seq order on
 * `ref`'s machine. The first event the rules refuse refuses the whole correction.
 */
export function replayWithCorrection(ref: MachineRef, trail: TrailEvent[], correction: Correction): CorrectionResult {
  const refusal = supersessionRefusal(trail, correction.eventSeq);
  if (refusal !== null) return { ok: false, message: refusal };
  const replacement = correction.replacement && asApprovedInTrail(trail, correction);
  const started = startCase(caseInput(trail), ref);
  let state: CaseState = { snapshot: started.snapshot, status: started.status, facts: started.facts };
  for (const { at, event } of liveHistory(trail, { eventSeq: correction.eventSeq, replacement })) {
    const result = applyEvent(ref, state.snapshot, event);
    if (!result.ok) {
      const which = at.seq === correction.eventSeq ? `the replacement ${event.type} on ${event.occurredOn} for event ${at.seq}` : nameOf(at);
      return { ok: false, message: `Correcting event ${correction.eventSeq} would leave an impossible history: ${which} would be refused. ${result.message}` };
    }
    state = { snapshot: result.snapshot, status: result.status, facts: result.facts };
  }
  return { ok: true, ...state, replacement };
}
