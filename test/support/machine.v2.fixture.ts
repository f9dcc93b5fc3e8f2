/**
 * A made-up version 2 for the versioning tests: the draft stage is renamed
 * `draft_with_family`, and awaiting_decision no longer takes ASSIGNED. A v1 case in
 * draft_issued has no counterpart (the migration cannot tell how far the family has got).
 */
import { assign, setup } from 'xstate';
import { initialFacts, recordEvent } from '../../workflows/ehc-needs-assessment/facts.js';
import { eventRefusal } from '../../workflows/ehc-needs-assessment/rules.js';
import type { MachineMigration } from '../../workflows/ehc-needs-assessment/index.js';
import type { CaseEvent, CaseFacts, CaseInput } from '../../workflows/ehc-needs-assessment/types.js';

const record = { guard: 'accepted', actions: 'record' } as const;

export const machineV2Fixture = setup({
  types: { context: {} as CaseFacts, events: {} as CaseEvent, input: {} as CaseInput },
  guards: { accepted: ({ context, event }) => eventRefusal(context, event) === null },
  actions: { record: assign(({ context, event }) => recordEvent(context, event)) },
}).createMachine({
  id: 'ehc-needs-assessment',
  version: '2',
  context: ({ input }) => initialFacts(input),
  initial: 'awaiting_decision',
  states: {
    awaiting_decision: { on: { DECISION_TO_ASSESS: { ...record, target: 'assessing' }, WITHDRAWN: { ...record, target: 'withdrawn' } } },
    assessing: {
      on: {
        ADVICE_REQUESTED: record,
        ADVICE_RECEIVED: record,
        DECISION_TO_ISSUE: { ...record, target: 'drafting' },
        WITHDRAWN: { ...record, target: 'withdrawn' },
      },
    },
    drafting: { on: { DRAFT_PLAN_ISSUED: { ...record, target: 'draft_with_family' } } },
    draft_with_family: { on: { FINAL_PLAN_ISSUED: { ...record, target: 'plan_issued' } } },
    plan_issued: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

export const migrationFromV1: MachineMigration = { fromVersion: 1, states: { draft_issued: null } };
