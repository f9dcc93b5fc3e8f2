/**
 * The pure operations every process kind offers the application (design section 7): start,
 * apply one event to a persisted snapshot, list the allowed events, replay a history, compute
 * its limits and migrate it to a newer machine version. Each kind supplies its machines, its
 * facts, its refusals and its limits; XState's pure initialTransition()/transition() do the
 * rest, and no actor outlives a call.
 */
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { toDate, type IsoDate } from '../calendar/dates.js';
import { deadlineOn, type Deadline, type LimitRecord } from '../limits/limit-record.js';
import type { MachineRef, MachineRegistry } from './machine-registry.js';
import { migrateProcess, type ProcessMigrationResult } from './migration.js';
import { eventsFrom, factsOf, persistState, restoreSnapshot, type PersistedSnapshot, type PersistedState } from './pure-machine.js';

interface DatedEvent<Type extends string> {
  type: Type;
  occurredOn: IsoDate;
}

export interface ProcessKindRules<Input, Facts, Event extends DatedEvent<Type>, Type extends string, Options> {
  /** The word the messages use: "plan", "dispute". */
  noun: string;
  machines: MachineRegistry<Facts>;
  eventTypes: readonly Type[];
  /** Throws a readable error for input no process can start from. */
  initialFacts: (input: Input) => Facts;
  refusal: (facts: Facts, event: Event) => string | null;
  limitRecords: (facts: Facts, options: Options) => LimitRecord[];
  /** A sentence added when an event is not allowed in a status, where the kind can say why. */
  notAllowedHint?: (type: string, facts: Facts) => string | undefined;
}

export type TransitionResult<Status, Facts, Type, Code extends string> =
  | { ok: true; snapshot: PersistedSnapshot; status: Status; facts: Facts }
  | { ok: false; code: Code; message: string; allowedEvents: Type[] };

/** Snapshots are written by this engine only: their facts need no reshaping yet. */
const asFacts = <Facts>(context: Record<string, unknown>): Facts => context as unknown as Facts;

export function pureProcess<Input, Facts, Status extends string, Event extends DatedEvent<Type>, Type extends string, Options, Code extends string>(
  rules: ProcessKindRules<Input, Facts, Event, Type, Options>,
  codes: { notAllowed: Code; refused: Code },
) {
  type State = PersistedState<Status, Facts>;
  const { machines, noun } = rules;
  const allowedIn = (machine: AnyStateMachine, status: string): Type[] => eventsFrom(machine, status, rules.eventTypes);

  function start(input: Input, ref: MachineRef = machines.latest): State & { allowedEvents: Type[] } & MachineRef {
    const { machine } = machines.machineFor(ref);
    rules.initialFacts(input); // throws a readable error before XState wraps it
    const [snapshot] = initialTransition(machine, input);
    const state = persistState<Status, Facts>(machine, snapshot);
    return { ...state, allowedEvents: allowedIn(machine, state.status), ...ref };
  }

  function allowed(ref: MachineRef, snapshot: PersistedSnapshot): Type[] {
    const { machine } = machines.machineFor(ref);
    return allowedIn(machine, restoreSnapshot(machine, snapshot, asFacts<Facts>).value as string);
  }

  function apply(ref: MachineRef, persisted: PersistedSnapshot, event: Event): TransitionResult<Status, Facts, Type, Code> {
    const { machine, version } = machines.machineFor(ref);
    const before = restoreSnapshot(machine, persisted, asFacts<Facts>);
    const status = before.value as string;
    const allowedEvents = allowedIn(machine, status);
    if (!allowedEvents.includes(event.type)) {
      const hint = rules.notAllowedHint?.(event.type, before.context as Facts);
      const message = `${event.type} is not allowed while the ${noun} is ${status}; allowed: ${allowedEvents.join(', ') || 'none'}${hint ? `. ${hint}` : ''}`;
      return { ok: false, code: codes.notAllowed, message, allowedEvents };
    }
    const refusal = rules.refusal(before.context as Facts, event);
    const message = refusal ?? (before.can(event) ? null : `${event.type} was refused by the rules of ${noun} machine version ${version} while the ${noun} is ${status}.`);
    if (message !== null) return { ok: false, code: codes.refused, message, allowedEvents };
    const [after] = transition(machine, before, event);
    return { ok: true, ...persistState<Status, Facts>(machine, after) };
  }

  /** Applies a history in order; throws naming the first refused event. */
  function replay(input: Input, events: Event[], ref: MachineRef = machines.latest): State {
    const started = start(input, ref);
    let state: State = { snapshot: started.snapshot, status: started.status, facts: started.facts };
    events.forEach((event, i) => {
      const result = apply(ref, state.snapshot, event);
      if (!result.ok) throw new Error(`Event ${i + 1} (${event.type} on ${event.occurredOn}) was refused: ${result.message}`);
      state = { snapshot: result.snapshot, status: result.status, facts: result.facts };
    });
    return state;
  }

  /** Every deadline with its status on `today`. */
  function deadlines(facts: Facts, today: IsoDate, options: Options): Deadline[] {
    toDate(today);
    return rules.limitRecords(facts, options).map((limit) => deadlineOn(limit, today));
  }

  /** Moves a running process to a newer registered version of its machine (audited by the caller). */
  function migrate(from: MachineRef, snapshot: PersistedSnapshot, toVersion: number): ProcessMigrationResult<Status, Facts> {
    return migrateProcess<Status, Facts>(machines, noun, asFacts<Facts>, from, snapshot, toVersion);
  }

  return { start, allowed, apply, replay, deadlines, migrate, limitRecords: rules.limitRecords, factsOf: (persisted: PersistedSnapshot) => factsOf(persisted, asFacts<Facts>) };
}
