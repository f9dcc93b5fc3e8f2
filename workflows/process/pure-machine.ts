/**
 * What every process's pure operations share (design section 7): restoring a persisted
 * snapshot, listing the event types a status declares, and persisting the next state. XState's
 * pure resolveState()/getPersistedSnapshot() are used; no actor outlives a call.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';

/** The XState persisted snapshot, stored as JSON beside the machine id and version. */
export type PersistedSnapshot = Record<string, unknown>;

export function restoreSnapshot<Facts>(
  machine: AnyStateMachine,
  persisted: PersistedSnapshot,
  normalise: (context: Record<string, unknown>) => Facts,
): AnyMachineSnapshot {
  const { value, context } = persisted as { value?: unknown; context?: unknown };
  if (typeof value !== 'string' || typeof context !== 'object' || context === null) {
    throw new Error('The persisted snapshot has no status or facts; it was not produced by this engine');
  }
  return machine.resolveState({ value, context: normalise(context as Record<string, unknown>) });
}

/** The dated facts a persisted snapshot carries. */
export function factsOf<Facts>(persisted: PersistedSnapshot, normalise: (context: Record<string, unknown>) => Facts): Facts {
  const { context } = persisted as { context?: unknown };
  if (typeof context !== 'object' || context === null) throw new Error('The persisted snapshot has no facts; it was not produced by this engine');
  return normalise(context as Record<string, unknown>);
}

/** The event types with a transition from `status`, in the order of `eventTypes`. */
export function eventsFrom<Type extends string>(machine: AnyStateMachine, status: string, eventTypes: readonly Type[]): Type[] {
  const node = machine.root.states[status];
  const declared = node ? Object.keys(node.on) : [];
  return eventTypes.filter((type) => declared.includes(type));
}

export interface PersistedState<Status extends string, Facts> {
  snapshot: PersistedSnapshot;
  status: Status;
  facts: Facts;
}

export function persistState<Status extends string, Facts>(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): PersistedState<Status, Facts> {
  return {
    snapshot: machine.getPersistedSnapshot(snapshot) as PersistedSnapshot,
    status: snapshot.value as Status,
    facts: snapshot.context as Facts,
  };
}
