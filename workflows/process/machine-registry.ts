/**
 * The registry of a process's machine versions (design sections 2 and 7). Every process row
 * stores the machine id and version it started on; a version, once registered, is never
 * replaced, so registering a new one cannot change a running process. Moving one to a new
 * version is an explicit, audited migration.
 */
import type { AnyStateMachine } from 'xstate';

export interface MachineRef {
  machineId: string;
  machineVersion: number;
}

/** How processes move to a version from the one before it. */
export interface MachineMigration<Facts = unknown> {
  fromVersion: number;
  /**
   * Old status → new status; `null` where the new version has no counterpart (the process must
   * stay where it is). An unlisted status keeps its name if the new version has that state.
   */
  states?: Readonly<Record<string, string | null>>;
  /** Reshapes the facts when the new version's context differs. */
  facts?: (facts: Facts) => Facts;
}

export interface RegisteredMachine<Facts = unknown> {
  version: number;
  machine: AnyStateMachine;
  migrateFrom?: MachineMigration<Facts>;
}

const BUILT_IN = 1;

export class MachineRegistry<Facts = unknown> {
  private readonly versions = new Map<number, RegisteredMachine<Facts>>();
  /** The version new processes start on. Changing it is a release decision, never a side effect. */
  readonly latest: MachineRef;

  constructor(
    readonly machineId: string,
    builtIn: AnyStateMachine,
  ) {
    this.versions.set(BUILT_IN, { version: BUILT_IN, machine: builtIn });
    this.latest = Object.freeze({ machineId, machineVersion: BUILT_IN });
  }

  register(version: number, machine: AnyStateMachine, migrateFrom?: MachineMigration<Facts>): void {
    if (!Number.isInteger(version) || version < 1) throw new Error(`Machine version must be a positive integer, not ${version}`);
    if (this.versions.has(version)) {
      throw new Error(`Machine version ${version} is already registered; register a new version instead of replacing one that processes may be running on`);
    }
    if (machine.id !== this.machineId) throw new Error(`Machine id must be "${this.machineId}", not "${machine.id}"`);
    if (machine.version !== undefined && machine.version !== String(version)) {
      throw new Error(`The machine declares version "${machine.version}" but is being registered as version ${version}`);
    }
    this.versions.set(version, { version, machine, migrateFrom });
  }

  /** For tests that register a fixture version: removes it again so it cannot leak. */
  unregister(version: number): void {
    if (version === BUILT_IN) throw new Error(`Machine version ${BUILT_IN} is built in and cannot be unregistered`);
    this.versions.delete(version);
  }

  registered(): number[] {
    return [...this.versions.keys()].sort((a, b) => a - b);
  }

  /** Throws for an unknown machine: a stored process naming one is a deployment error, not user input. */
  machineFor(ref: MachineRef): RegisteredMachine<Facts> {
    if (ref.machineId !== this.machineId) throw new Error(`Unknown machine "${ref.machineId}"; this registry runs "${this.machineId}"`);
    const entry = this.versions.get(ref.machineVersion);
    if (!entry) {
      throw new Error(`Unknown version ${ref.machineVersion} of machine "${ref.machineId}"; registered versions: ${this.registered().join(', ')}`);
    }
    return entry;
  }
}
