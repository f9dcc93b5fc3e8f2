/**
 * A made-up version 2 of the plan machine for the versioning tests: the review stages are one
 * state, `review_scheduled` (statuses are part of the contract, so a new version reuses them),
 * and a v1 plan awaiting its amended plan has no counterpart.
 */
import { assign, setup } from 'xstate';
import { initialPlanFacts, recordPlanEvent } from '../../workflows/ehc-plan/facts.js';
import { planEventRefusal } from '../../workflows/ehc-plan/rules.js';
import type { PlanEvent, PlanFacts, PlanInput } from '../../workflows/ehc-plan/index.js';
import type { MachineMigration } from '../../workflows/process/machine-registry.js';

const record = { guard: 'accepted', actions: 'record' } as const;

export const planMachineV2Fixture = setup({
  types: { context: {} as PlanFacts, events: {} as PlanEvent, input: {} as PlanInput },
  guards: { accepted: ({ context, event }) => planEventRefusal(context, event) === null },
  actions: { record: assign(({ context, event }) => recordPlanEvent(context, event)) },
}).createMachine({
  id: 'ehc-plan',
  version: '2',
  context: ({ input }) => (input === undefined ? ({} as PlanFacts) : initialPlanFacts(input)),
  initial: 'maintained',
  states: {
    maintained: { on: { REVIEW_MEETING_SCHEDULED: { ...record, target: 'review_scheduled' } } },
    review_scheduled: { on: { REVIEW_MEETING_HELD: record, REVIEW_REPORT_RECEIVED: record, REVIEW_DECISION: { ...record, target: 'maintained' } } },
  },
});

export const planMigrationFromV1: MachineMigration<PlanFacts> = {
  fromVersion: 1,
  states: { review_held: 'review_scheduled', amendment_proposed: null },
};
