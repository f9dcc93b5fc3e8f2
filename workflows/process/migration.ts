/**
 * Explicit, audited moves of a process to a newer machine version (design section 2: a new
 * version never silently changes a running process). The caller records the migration.
 */
import type { MachineRef, MachineRegistry } from './machine-registry.js';
import { restoreSnapshot, type PersistedSnapshot } from './pure-machine.js';

/** The trail line a move to a newer machine version leaves, in every process. */
export const MACHINE_MIGRATED = 'MACHINE_MIGRATED';

export type ProcessMigrationResult<Status extends string, Facts> =
  | ({ ok: true; snapshot: PersistedSnapshot; status: Status; facts: Facts } & MachineRef)
  | { ok: false; message: string };

/** `noun` names the process in refusals: "case", "plan". */
export function migrateProcess<Status extends string, Facts>(
  registry: MachineRegistry<Facts>,
  noun: string,
  normalise: (context: Record<string, unknown>) => Facts,
  from: MachineRef,
  snapshot: PersistedSnapshot,
  toVersion: number,
): ProcessMigrationResult<Status, Facts> {
  const source = registry.machineFor(from);
  const target = registry.machineFor({ machineId: from.machineId, machineVersion: toVersion });
  if (toVersion === from.machineVersion) return { ok: false, message: `The ${noun} is already on version ${toVersion}.` };
  const migration = target.migrateFrom;
  if (migration?.fromVersion !== from.machineVersion) {
    return { ok: false, message: `No migration is registered from version ${from.machineVersion} to version ${toVersion}; the ${noun} stays on version ${from.machineVersion}.` };
  }
  const before = restoreSnapshot(source.machine, snapshot, normalise);
  const status = before.value as string;
  const mapped = migration.states && status in migration.states ? migration.states[status] : status;
  if (mapped === null || mapped === undefined || !Object.hasOwn(target.machine.root.states, mapped)) {
    return {
      ok: false,
      message: `A ${noun} in status ${status} cannot move to version ${toVersion}: that version has no counterpart of ${status}. It stays on version ${from.machineVersion}; migrate it once it has moved on.`,
    };
  }
  const facts = migration.facts ? migration.facts(before.context as Facts) : (before.context as Facts);
  const next = target.machine.resolveState({ value: mapped, context: facts });
  return {
    ok: true,
    snapshot: target.machine.getPersistedSnapshot(next) as PersistedSnapshot,
    status: mapped as Status,
    facts,
    machineId: from.machineId,
    machineVersion: toVersion,
  };
}
