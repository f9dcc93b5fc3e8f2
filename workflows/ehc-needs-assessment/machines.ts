/**
 * The registry of machine versions. Every case stores the id and version it started on
 * (design section 2); a version, once registered, is never replaced, so registering a new one
 * cannot change a running case. Moving a case to a new version is migrateCase's job.
 */
import type { AnyStateMachine } from 'xstate';
import { ehcNeedsAssessmentV1 } from './machine.v1.js';
import type { CaseFacts, MachineRef } from './types.js';

export const MACHINE_ID = 'ehc-needs-assessment';

/** The version new cases start on. Changing it is a release decision, never a side effect. */
export const LATEST_MACHINE: MachineRef = Object.freeze({ machineId: MACHINE_ID, machineVersion: 1 });

/** How cases move to a version from the one before it. */
export interface MachineMigration {
  fromVersion: number;
  /**
   * Old status → new status; `null` where the new version has no counterpart (the case must
   * stay where it is). An unlisted status keeps its name if the new version has that state.
   */
  states?: Readonly<Record<string, string | null>>;
  /** Reshapes the facts when the new version's context differs. */
  facts?: (facts: CaseFacts) => CaseFacts;
}

export interface RegisteredMachine {
  version: number;
  machine: AnyStateMachine;
  migrateFrom?: MachineMigration;
}

const BUILT_IN = 1;
const registry = new Map<number, RegisteredMachine>([[BUILT_IN, { version: BUILT_IN, machine: ehcNeedsAssessmentV1 }]]);

export function registerMachineVersion(version: number, machine: AnyStateMachine, migrateFrom?: MachineMigration): void {
  if (!Number.isInteger(version) || version < 1) throw new Error(`Machine version must be a positive integer, not ${version}`);
  if (registry.has(version)) {
    throw new Error(`Machine version ${version} is already registered; register a new version instead of replacing one that cases may be running on`);
  }
  if (machine.id !== MACHINE_ID) throw new Error(`Machine id must be "${MACHINE_ID}", not "${machine.id}"`);
  if (machine.version !== undefined && machine.version !== String(version)) {
    throw new Error(`The machine declares version "${machine.version}" but is being registered as version ${version}`);
  }
  registry.set(version, { version, machine, migrateFrom });
}

/** For tests that register a fixture version: removes it again so it cannot leak. */
export function unregisterMachineVersion(version: number): void {
  if (version === BUILT_IN) throw new Error(`Machine version ${BUILT_IN} is built in and cannot be unregistered`);
  registry.delete(version);
}

export function machineVersions(): number[] {
  return [...registry.keys()].sort((a, b) => a - b);
}

/** Throws for an unknown machine: a stored case naming one is a deployment error, not user input. */
export function machineFor(ref: MachineRef): RegisteredMachine {
  if (ref.machineId !== MACHINE_ID) throw new Error(`Unknown machine "${ref.machineId}"; this engine runs "${MACHINE_ID}"`);
  const entry = registry.get(ref.machineVersion);
  if (!entry) {
    throw new Error(`Unknown version ${ref.machineVersion} of machine "${ref.machineId}"; registered versions: ${machineVersions().join(', ')}`);
  }
  return entry;
}
