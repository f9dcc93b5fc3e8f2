/**
 * Explicit, audited moves of a case to a newer machine version, by the rules every process
 * shares (workflows/process/migration.ts). The caller records the migration.
 */
import { migrateProcess, type ProcessMigrationResult } from '../process/migration.js';
import { normaliseFacts } from './facts.js';
import { caseMachines } from './machines.js';
import type { CaseFacts, CaseStatus, MachineRef, PersistedCaseSnapshot } from './types.js';

// `status` is a CaseStatus as long as new versions extend the contract's status list (they must:
// statuses are part of the HTTP contract); a test fixture may use others.
export type MigrationResult = ProcessMigrationResult<CaseStatus, CaseFacts>;

export function migrateCase(from: MachineRef, snapshot: PersistedCaseSnapshot, toVersion: number): MigrationResult {
  return migrateProcess<CaseStatus, CaseFacts>(caseMachines, 'case', normaliseFacts, from, snapshot, toVersion);
}
