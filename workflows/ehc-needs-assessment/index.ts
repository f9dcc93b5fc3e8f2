/** The public API of the EHC needs assessment workflow: pure functions and the contract types. */
export * from './types.js';
export { LATEST_MACHINE, MACHINE_ID, registerMachineVersion, unregisterMachineVersion, machineVersions } from './machines.js';
export type { MachineMigration } from './machines.js';
export { startCase, applyEvent, allowedEvents, replayEvents, deadlinesFromEvents, caseFactsOf } from './case-api.js';
export type { CaseState, StartedCase } from './case-api.js';
export { migrateCase } from './migration.js';
export type { MigrationResult } from './migration.js';
export { computeDeadlines } from './clock/deadlines.js';
export { exceptionClaimError } from './clock/exceptions.js';
export { closureWindow } from './clock/closures.js';
export type { ClosureWindow } from './clock/closures.js';
export { isIsoDate, londonToday } from './clock/dates.js';
export { eventRefusal } from './rules.js';
export { ehcNeedsAssessmentV1 } from './machine.v1.js';
export { addWorkingDays, isWorkingDay, workingDayOnOrAfter } from './clock/working-days.js';
