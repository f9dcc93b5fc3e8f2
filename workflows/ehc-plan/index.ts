/** The public API of the maintained-plan workflow: pure functions and the contract types. */
export * from './types.js';
export { PLAN_MACHINE_ID, planMachines } from './machines.js';
export { startPlan, applyPlanEvent, allowedPlanEvents, replayPlanEvents, migratePlan, planFactsOf, computePlanLimitRecords, computePlanDeadlines } from './plan-api.js';
export type { PlanState, StartedPlan } from './plan-api.js';
export { PLAN_LIMIT_RULES, APPEAL_BUFFER_WORKING_DAYS, ceaseTakesEffectAfter, notified, planEndedOn, type PlanLimitKind } from './plan-limits.js';
export { NEXT_PHASES, cohortYear, entersYearOn, nextPhaseTransfer, phaseTransfer, usualPhaseOn, type PhaseTransfer } from './phases.js';
export { planEventRefusal } from './rules.js';
export { recordPlanEvent } from './facts.js';
export { ehcPlanV1 } from './machine.v1.js';
export { PLAN_STARTED, planInputOf, replayPlanWithCorrection, type PlanCorrectionResult } from './corrections.js';
export { EVENT_CORRECTED, type TrailEvent } from '../process/corrections.js';
