import { afterEach, describe, expect, it } from '@jest/globals';
import { setup } from 'xstate';
import {
  allowedPlanEvents,
  applyPlanEvent,
  migratePlan,
  planMachines,
  replayPlanEvents,
  startPlan,
  type PlanEvent,
} from '../../workflows/ehc-plan/index.js';
import { planMachineV2Fixture as planV2, planMigrationFromV1 } from '../support/plan-machine.v2.fixture.js';
import { PLAN_INPUT } from './fixtures/plans.js';

const V1 = planMachines.latest;
const V2 = { ...V1, machineVersion: 2 };
const scheduled: PlanEvent[] = [{ type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2025-12-01', meetingOn: '2026-02-02' }];

describe('plan machine versions', () => {
  afterEach(() => planMachines.unregister(2));

  it('a new version changes no running plan: a v1 plan keeps v1’s events and rules', () => {
    planMachines.register(2, planV2, planMigrationFromV1);
    const v1 = startPlan(PLAN_INPUT);
    expect(v1.machineVersion).toBe(1);
    expect(allowedPlanEvents(V1, v1.snapshot)).toContain('CEASE_DECISION');
    expect(applyPlanEvent(V1, v1.snapshot, { type: 'CEASE_DECISION', occurredOn: '2025-06-01', reasons: 'Needs met', ceaseReason: 2 })).toMatchObject({ ok: true });
    const v2 = startPlan(PLAN_INPUT, V2);
    expect(allowedPlanEvents(V2, v2.snapshot)).toEqual(['REVIEW_MEETING_SCHEDULED']);
  });

  it('migrates a plan explicitly, mapping its status, and refuses one whose status has no counterpart', () => {
    planMachines.register(2, planV2, planMigrationFromV1);
    const reviewing = replayPlanEvents(PLAN_INPUT, [...scheduled, { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-02-02' }]);
    expect(reviewing.status).toBe('review_held');
    const moved = migratePlan(V1, reviewing.snapshot, 2);
    expect(moved).toMatchObject({ ok: true, status: 'review_scheduled', machineVersion: 2 });
    expect(moved.ok && allowedPlanEvents(V2, moved.snapshot)).toEqual(['REVIEW_MEETING_HELD', 'REVIEW_REPORT_RECEIVED', 'REVIEW_DECISION']);

    const amending = replayPlanEvents(PLAN_INPUT, [{ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2025-11-03', method: 'email' }]);
    expect(migratePlan(V1, amending.snapshot, 2)).toEqual({ ok: false, message: expect.stringContaining('A plan in status amendment_proposed cannot move to version 2') });
    expect(migratePlan(V1, reviewing.snapshot, 1)).toEqual({ ok: false, message: 'The plan is already on version 1.' });
  });

  it('never replaces a registered version, and takes only plan machines', () => {
    expect(() => planMachines.register(1, planV2)).toThrow(/already registered/);
    expect(() => planMachines.register(3, planV2)).toThrow(/declares version "2"/);
    const other = setup({}).createMachine({ id: 'ehc-needs-assessment', version: '2' });
    expect(() => planMachines.register(2, other)).toThrow(/must be "ehc-plan"/);
    planMachines.register(2, planV2);
  });
});
