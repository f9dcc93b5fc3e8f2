/** The public API of the dispute workflow: pure functions and the contract types. */
export * from './types.js';
export { DISPUTE_MACHINE_ID, disputeMachines } from './machines.js';
export {
  startDispute,
  applyDisputeEvent,
  allowedDisputeEvents,
  replayDisputeEvents,
  migrateDispute,
  disputeFactsOf,
  computeDisputeLimitRecords,
  computeDisputeDeadlines,
} from './dispute-api.js';
export type { DisputeState, StartedDispute } from './dispute-api.js';
export { DISPUTE_LIMIT_RULES, ACTION_STEPS, appealDates, pendingDuties, type DisputeLimitKind } from './dispute-limits.js';
export { ACTIONS_FOR_DECISION, disputeEventRefusal } from './rules.js';
export { ehcDisputeV1 } from './machine.v1.js';
export { DISPUTE_STARTED, disputeInputOf, replayDisputeWithCorrection, type DisputeCorrectionResult } from './corrections.js';
export { CASE_EVENTS_CARRYING_OUT_ORDERS, caseSubjectStep, orderStepsMetBy, PLAN_EVENTS_CARRYING_OUT_ORDERS, planSubjectStep, type SubjectStep } from './subject-steps.js';
