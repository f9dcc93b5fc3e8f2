/**
 * The pure plan operations the application calls: start a plan, apply one event to a
 * persisted snapshot, list the allowed events, replay a history, and the plan's limits.
 * Uses XState's pure initialTransition()/transition(); no actor outlives a call.
 */
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { toDate } from '../calendar/dates.js';
import { deadlineOn, type Deadline, type LimitRecord } from '../limits/limit-record.js';
import type { MachineRef } from '../process/machine-registry.js';
import { migrateProcess, type ProcessMigrationResult } from '../process/migration.js';
import { eventsFrom, factsOf, persistState, restoreSnapshot, type PersistedSnapshot, type PersistedState } from '../process/pure-machine.js';
import { initialPlanFacts } from './facts.js';
import { planMachines } from './machines.js';
import { planLimitRecords } from './plan-limits.js';
import { planEventRefusal } from './rules.js';
import {
  PLAN_EVENT_TYPES,
  type IsoDate,
  type PlanClockOptions,
  type PlanEvent,
  type PlanEventType,
  type PlanFacts,
  type PlanInput,
  type PlanStatus,
  type PlanTransitionResult,
} from './types.js';

export type PlanState = PersistedState<PlanStatus, PlanFacts>;
export type StartedPlan = PlanState & { allowedEvents: PlanEventType[] } & MachineRef;

/** Snapshots are written by this engine only: their facts need no reshaping yet. */
const asPlanFacts = (context: Record<string, unknown>): PlanFacts => context as unknown as PlanFacts;

export function planFactsOf(persisted: PersistedSnapshot): PlanFacts {
  return factsOf(persisted, asPlanFacts);
}

function planEventsFrom(machine: AnyStateMachine, status: string): PlanEventType[] {
  return eventsFrom(machine, status, PLAN_EVENT_TYPES);
}

export function startPlan(input: PlanInput, ref: MachineRef = planMachines.latest): StartedPlan {
  const { machine } = planMachines.machineFor(ref);
  initialPlanFacts(input); // throws a readable error before XState wraps it
  const [snapshot] = initialTransition(machine, input);
  const state = persistState<PlanStatus, PlanFacts>(machine, snapshot);
  return { ...state, allowedEvents: planEventsFrom(machine, state.status), ...ref };
}

export function allowedPlanEvents(ref: MachineRef, snapshot: PersistedSnapshot): PlanEventType[] {
  const { machine } = planMachines.machineFor(ref);
  return planEventsFrom(machine, restoreSnapshot(machine, snapshot, asPlanFacts).value as string);
}

function notAllowedMessage(type: string, status: string, allowed: PlanEventType[]): string {
  const list = allowed.length > 0 ? allowed.join(', ') : 'none';
  return `${type} is not allowed while the plan is ${status}; allowed: ${list}`;
}

export function applyPlanEvent(ref: MachineRef, persisted: PersistedSnapshot, event: PlanEvent): PlanTransitionResult {
  const { machine, version } = planMachines.machineFor(ref);
  const before = restoreSnapshot(machine, persisted, asPlanFacts);
  const status = before.value as string;
  const allowed = planEventsFrom(machine, status);
  if (!allowed.includes(event.type)) {
    return { ok: false, code: 'PLAN_TRANSITION_NOT_ALLOWED', message: notAllowedMessage(event.type, status, allowed), allowedEvents: allowed };
  }
  const refusal = planEventRefusal(before.context as PlanFacts, event);
  const message = refusal ?? (before.can(event) ? null : `${event.type} was refused by the rules of plan machine version ${version} while the plan is ${status}.`);
  if (message !== null) return { ok: false, code: 'PLAN_EVENT_REFUSED', message, allowedEvents: allowed };
  const [after] = transition(machine, before, event);
  return { ok: true, ...persistState<PlanStatus, PlanFacts>(machine, after) };
}

/** Applies a history in order; throws naming the first refused event. */
export function replayPlanEvents(input: PlanInput, events: PlanEvent[], ref: MachineRef = planMachines.latest): PlanState {
  const started = startPlan(input, ref);
  let state: PlanState = { snapshot: started.snapshot, status: started.status, facts: started.facts };
  events.forEach((event, i) => {
    const result = applyPlanEvent(ref, state.snapshot, event);
    if (!result.ok) throw new Error(`Event ${i + 1} (${event.type} on ${event.occurredOn}) was refused: ${result.message}`);
    state = { snapshot: result.snapshot, status: result.status, facts: result.facts };
  });
  return state;
}

export function computePlanLimitRecords(facts: PlanFacts, options: PlanClockOptions): LimitRecord[] {
  return planLimitRecords(facts, options);
}

/** Every deadline of the plan with its status on `today`. */
export function computePlanDeadlines(facts: PlanFacts, today: IsoDate, options: PlanClockOptions): Deadline[] {
  toDate(today);
  return planLimitRecords(facts, options).map((limit) => deadlineOn(limit, today));
}

/** Moves a running plan to a newer registered version of the plan machine (audited by the caller). */
export function migratePlan(from: MachineRef, snapshot: PersistedSnapshot, toVersion: number): ProcessMigrationResult<PlanStatus, PlanFacts> {
  return migrateProcess<PlanStatus, PlanFacts>(planMachines, 'plan', asPlanFacts, from, snapshot, toVersion);
}
