/**
 * The pure case operations the application calls: start a case, apply one event to a
 * persisted snapshot, list the allowed events, replay a history. Uses XState's pure
 * initialTransition()/transition(); no actor outlives a call (design section 2).
 */
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { eventsFrom as declaredEvents, factsOf, persistState, restoreSnapshot as restoreProcessSnapshot } from '../process/pure-machine.js';
import { computeDeadlines } from './clock/deadlines.js';
import { initialFacts, normaliseFacts } from './facts.js';
import { LATEST_MACHINE, machineFor } from './machines.js';
import { eventRefusal } from './rules.js';
import {
  ENGINE_EVENT_TYPES,
  EVENT_TYPES,
  type CaseEngineEventType,
  type CaseEvent,
  type CaseEventType,
  type CaseFacts,
  type CaseInput,
  type CaseStatus,
  type ClockOptions,
  type Deadline,
  type IsoDate,
  type MachineRef,
  type PersistedCaseSnapshot,
  type TransitionResult,
} from './types.js';

export interface CaseState {
  snapshot: PersistedCaseSnapshot;
  status: CaseStatus;
  facts: CaseFacts;
}
export type StartedCase = CaseState & { allowedEvents: CaseEventType[] } & MachineRef;

export function restoreSnapshot(machine: AnyStateMachine, persisted: PersistedCaseSnapshot): AnyMachineSnapshot {
  return restoreProcessSnapshot(machine, persisted, normaliseFacts);
}

/** The dated facts a persisted snapshot carries, for the clock and for display. */
export function caseFactsOf(persisted: PersistedCaseSnapshot): CaseFacts {
  return factsOf(persisted, normaliseFacts);
}

/** The event types with a transition from `status`, in EVENT_TYPES order. */
export function eventsFrom(machine: AnyStateMachine, status: string): CaseEventType[] {
  return declaredEvents(machine, status, EVENT_TYPES);
}

function persist(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): CaseState {
  return persistState<CaseStatus, CaseFacts>(machine, snapshot);
}

export function startCase(input: CaseInput, ref: MachineRef = LATEST_MACHINE): StartedCase {
  const { machine } = machineFor(ref);
  initialFacts(input); // throws a readable error before XState wraps it
  const [snapshot] = initialTransition(machine, input);
  const state = persist(machine, snapshot);
  return { ...state, allowedEvents: eventsFrom(machine, state.status), machineId: ref.machineId, machineVersion: ref.machineVersion };
}

export function allowedEvents(ref: MachineRef, snapshot: PersistedCaseSnapshot): CaseEventType[] {
  const { machine } = machineFor(ref);
  return eventsFrom(machine, restoreSnapshot(machine, snapshot).value as string);
}

function notAllowedMessage(type: string, status: string, allowed: CaseEventType[]): string {
  const list = allowed.length > 0 ? allowed.join(', ') : 'none (the case is closed)';
  return `${type} is not allowed while the case is ${status}; allowed: ${list}`;
}

export function applyEvent(ref: MachineRef, persisted: PersistedCaseSnapshot, event: CaseEvent): TransitionResult {
  const { machine, version } = machineFor(ref);
  const before = restoreSnapshot(machine, persisted);
  const status = before.value as string;
  const allowed = eventsFrom(machine, status);
  const engineAllowed = declaredEvents(machine, status, ENGINE_EVENT_TYPES);
  if (!allowed.includes(event.type as CaseEventType) && !engineAllowed.includes(event.type as CaseEngineEventType)) {
    return { ok: false, code: 'CASE_TRANSITION_NOT_ALLOWED', message: notAllowedMessage(event.type, status, allowed), allowedEvents: allowed };
  }
  const refusal = eventRefusal(before.context as CaseFacts, event);
  // A later version may add guards of its own; never let XState ignore an event silently.
  const message = refusal ?? (before.can(event) ? null : `${event.type} was refused by the rules of machine version ${version} while the case is ${status}.`);
  if (message !== null) return { ok: false, code: 'CASE_EVENT_REFUSED', message, allowedEvents: allowed };
  const [after] = transition(machine, before, event);
  return { ok: true, ...persist(machine, after) };
}

/** Applies a history in order; throws naming the first refused event. */
export function replayEvents(input: CaseInput, events: CaseEvent[], ref: MachineRef = LATEST_MACHINE): CaseState {
  const started = startCase(input, ref);
  let state: CaseState = { snapshot: started.snapshot, status: started.status, facts: started.facts };
  events.forEach((event, i) => {
    const result = applyEvent(ref, state.snapshot, event);
    if (!result.ok) throw new Error(`Event ${i + 1} (${event.type} on ${event.occurredOn}) was refused: ${result.message}`);
    state = { snapshot: result.snapshot, status: result.status, facts: result.facts };
  });
  return state;
}

export function deadlinesFromEvents(
  input: CaseInput,
  events: CaseEvent[],
  today: IsoDate,
  options: ClockOptions,
  ref: MachineRef = LATEST_MACHINE,
): Deadline[] {
  return computeDeadlines(replayEvents(input, events, ref).facts, today, options);
}
