/**
 * The assessment's machine versions, on the registry every process shares: a case keeps the
 * version it started on, and moving it to a new one is migrateCase's job.
 */
import type { AnyStateMachine } from 'xstate';
import { MachineRegistry, type MachineMigration as ProcessMigration, type RegisteredMachine } from '../process/machine-registry.js';
import { ehcNeedsAssessmentV1 } from './machine.v1.js';
import type { CaseFacts, MachineRef } from './types.js';

export const MACHINE_ID = 'ehc-needs-assessment';

export const caseMachines = new MachineRegistry<CaseFacts>(MACHINE_ID, ehcNeedsAssessmentV1);

/** The version new cases start on. Changing it is a release decision, never a side effect. */
export const LATEST_MACHINE: MachineRef = caseMachines.latest;

export type MachineMigration = ProcessMigration<CaseFacts>;

export function registerMachineVersion(version: number, machine: AnyStateMachine, migrateFrom?: MachineMigration): void {
  caseMachines.register(version, machine, migrateFrom);
}

export function unregisterMachineVersion(version: number): void {
  caseMachines.unregister(version);
}

export function machineVersions(): number[] {
  return caseMachines.registered();
}

export function machineFor(ref: MachineRef): RegisteredMachine<CaseFacts> {
  return caseMachines.machineFor(ref);
}
