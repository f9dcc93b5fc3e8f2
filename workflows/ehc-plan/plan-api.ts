/**
 * The pure plan operations the application calls, on the operations every process shares:
 * start a plan, apply one event, list the allowed events, replay a history, its limits.
 */
import type { MachineRef } from '../process/machine-registry.js';
import { pureProcess } from '../process/process-api.js';
import type { PersistedState } from '../process/pure-machine.js';
import { initialPlanFacts } from './facts.js';
import { planMachines } from './machines.js';
import { planLimitRecords } from './plan-limits.js';
import { planEventRefusal } from './rules.js';
import { PLAN_EVENT_TYPES, type PlanClockOptions, type PlanEvent, type PlanEventType, type PlanFacts, type PlanInput, type PlanStatus } from './types.js';

export type PlanState = PersistedState<PlanStatus, PlanFacts>;
export type StartedPlan = PlanState & { allowedEvents: PlanEventType[] } & MachineRef;

const plans = pureProcess<PlanInput, PlanFacts, PlanStatus, PlanEvent, PlanEventType, PlanClockOptions, 'PLAN_TRANSITION_NOT_ALLOWED' | 'PLAN_EVENT_REFUSED'>(
  { noun: 'plan', machines: planMachines, eventTypes: PLAN_EVENT_TYPES, initialFacts: initialPlanFacts, refusal: planEventRefusal, limitRecords: planLimitRecords },
  { notAllowed: 'PLAN_TRANSITION_NOT_ALLOWED', refused: 'PLAN_EVENT_REFUSED' },
);

export const startPlan = plans.start;
export const allowedPlanEvents = plans.allowed;
export const applyPlanEvent = plans.apply;
export const replayPlanEvents = plans.replay;
export const computePlanLimitRecords = plans.limitRecords;
export const computePlanDeadlines = plans.deadlines;
export const migratePlan = plans.migrate;
export const planFactsOf = plans.factsOf;
