import { afterEach, describe, expect, it } from '@jest/globals';
import {
  LATEST_MACHINE,
  applyEvent,
  machineVersions,
  migrateCase,
  registerMachineVersion,
  replayEvents,
  startCase,
  unregisterMachineVersion,
  type CaseEvent,
  type MachineRef,
  type PersistedCaseSnapshot,
} from '../../workflows/ehc-needs-assessment/index.js';
import { HISTORY, INPUT, assess, draft, issue } from './fixtures/cases.js';
import { machineV2Fixture, migrationFromV1 } from '../support/machine.v2.fixture.js';

const V1: MachineRef = { machineId: 'ehc-needs-assessment', machineVersion: 1 };
const V2: MachineRef = { machineId: 'ehc-needs-assessment', machineVersion: 2 };

function run(ref: MachineRef, snapshot: PersistedCaseSnapshot, events: CaseEvent[]) {
  return events.reduce<{ snapshot: PersistedCaseSnapshot; status: string }>(
    (state, event) => {
      const result = applyEvent(ref, state.snapshot, event);
      if (!result.ok) throw new Error(result.message);
      return result;
    },
    { snapshot, status: '' },
  );
}

describe('machine versions', () => {
  afterEach(() => unregisterMachineVersion(2));

  it('registers version 2 beside version 1 without moving new cases to it', () => {
    expect(machineVersions()).toEqual([1]);
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    expect(machineVersions()).toEqual([1, 2]);
    expect(LATEST_MACHINE).toEqual(V1);
    expect(startCase(INPUT).machineVersion).toBe(1);
  });

  it('keeps a case started on version 1 running on version 1', () => {
    const started = startCase(INPUT, V1);
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    const result = run(V1, started.snapshot, [assess('2025-07-01'), issue('2025-08-20'), draft('2025-09-01')]);
    expect(result.status).toBe('draft_issued');
  });

  it('starts a case on version 2 when asked, with version 2\'s rules', () => {
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    const started = startCase(INPUT, V2);
    expect(started).toMatchObject({ machineVersion: 2, status: 'awaiting_decision', allowedEvents: ['DECISION_TO_ASSESS', 'WITHDRAWN'] });
    expect(run(V2, started.snapshot, [assess('2025-07-01'), issue('2025-08-20'), draft('2025-09-01')]).status).toBe('draft_with_family');
  });

  it('migrates a case with a counterpart, keeping its facts, and runs it on version 2', () => {
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    const v1 = replayEvents(INPUT, HISTORY.assessing, V1);
    const migrated = migrateCase(V1, v1.snapshot, 2);
    expect(migrated).toMatchObject({ ok: true, status: 'assessing', machineVersion: 2, facts: v1.facts });
    if (!migrated.ok) return;
    expect(run(V2, migrated.snapshot, [issue('2025-08-20'), draft('2025-09-01')]).status).toBe('draft_with_family');
  });

  it('refuses to migrate a case whose status has no counterpart, naming it', () => {
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    const v1 = replayEvents(INPUT, HISTORY.draft_issued, V1);
    const migrated = migrateCase(V1, v1.snapshot, 2);
    expect(migrated).toEqual({ ok: false, message: expect.stringMatching(/status draft_issued cannot move to version 2.*stays on version 1/) });
  });

  it('refuses a migration nobody registered and a move to the same version', () => {
    registerMachineVersion(2, machineV2Fixture);
    const { snapshot } = startCase(INPUT, V1);
    expect(migrateCase(V1, snapshot, 2)).toMatchObject({ ok: false, message: expect.stringMatching(/No migration is registered from version 1 to version 2/) });
    expect(migrateCase(V1, snapshot, 1)).toMatchObject({ ok: false });
  });

  it('never replaces a registered version, and rejects a mislabelled machine', () => {
    expect(() => registerMachineVersion(1, machineV2Fixture)).toThrow(/already registered/);
    expect(() => registerMachineVersion(3, machineV2Fixture)).toThrow(/declares version "2"/);
    expect(() => unregisterMachineVersion(1)).toThrow(/built in/);
  });

  it('throws for a version that is not registered', () => {
    const { snapshot } = startCase(INPUT, V1);
    expect(() => applyEvent({ ...V1, machineVersion: 2 }, snapshot, assess('2025-07-01'))).toThrow(/Unknown version 2.*registered versions: 1/);
    expect(() => startCase(INPUT, { ...V1, machineId: 'other' })).toThrow(/Unknown machine "other"/);
    expect(() => migrateCase(V1, snapshot, 3)).toThrow(/Unknown version 3/);
  });
});
