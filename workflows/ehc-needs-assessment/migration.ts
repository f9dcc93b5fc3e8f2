/**
 * Explicit, audited moves of a case to a newer machine version (design section 2: a new
 * version never silently changes a running case). The caller records the migration.
 */
import { restoreSnapshot } from './case-api.js';
import { machineFor } from './machines.js';
import type { CaseFacts, CaseStatus, MachineRef, PersistedCaseSnapshot } from './types.js';

export type MigrationResult =
  // `status` is a CaseStatus as long as new versions extend the contract's status list (they must:
  // statuses are part of the HTTP contract); a test fixture may use others.
  | ({ ok: true; snapshot: PersistedCaseSnapshot; status: CaseStatus; facts: CaseFacts } & MachineRef)
  | { ok: false; message: string };

export function migrateCase(from: MachineRef, snapshot: PersistedCaseSnapshot, toVersion: number): MigrationResult {
  const source = machineFor(from);
  const target = machineFor({ machineId: from.machineId, machineVersion: toVersion });
  if (toVersion === from.machineVersion) return { ok: false, message: `The case is already on version ${toVersion}.` };
  const migration = target.migrateFrom;
  if (migration?.fromVersion !== from.machineVersion) {
    return { ok: false, message: `No migration is registered from version ${from.machineVersion} to version ${toVersion}; the case stays on version ${from.machineVersion}.` };
  }
  const before = restoreSnapshot(source.machine, snapshot);
  const status = before.value as string;
  const mapped = migration.states && status in migration.states ? migration.states[status] : status;
  if (mapped === null || mapped === undefined || !Object.hasOwn(target.machine.root.states, mapped)) {
    return {
      ok: false,
      message: `A case in status ${status} cannot move to version ${toVersion}: that version has no counterpart of ${status}. It stays on version ${from.machineVersion}; migrate it once it has moved on.`,
    };
  }
  const facts = migration.facts ? migration.facts(before.context as CaseFacts) : (before.context as CaseFacts);
  const next = target.machine.resolveState({ value: mapped, context: facts });
  return {
    ok: true,
    snapshot: target.machine.getPersistedSnapshot(next) as PersistedCaseSnapshot,
    status: mapped as CaseStatus,
    facts,
    machineId: from.machineId,
    machineVersion: toVersion,
  };
}
