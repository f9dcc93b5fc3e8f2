/**
 * Corrections of a plan (design section 7), on the replay every process shares. The first line
 * (PLAN_STARTED) holds the plan's start and its child, so it is never superseded: a plan entered
 * with the wrong start date is corrected by ceasing it as entered in error and entering it again.
 */
import { replayWithCorrection as replay, type Correction, type ReplayRules, type TrailEvent } from '../process/corrections.js';
import type { MachineRef } from '../process/machine-registry.js';
import { applyPlanEvent, startPlan, type PlanState } from './plan-api.js';
import { PLAN_EVENT_TYPES, type PlanEvent, type PlanInput } from './types.js';

export const PLAN_STARTED = 'PLAN_STARTED';

export type PlanCorrectionResult = ({ ok: true; replacement?: PlanEvent } & PlanState) | { ok: false; message: string };

const INPUT_FIELDS = ['startedOn', 'childDateOfBirth', 'lastReviewMeetingOn', 'namedSetting', 'phase', 'transferredInOn', 'issuedOn', 'assigneeId', 'importedReviewOn'] as const satisfies readonly (keyof PlanInput)[];

/** The plan's start as its first trail line recorded it. */
export function planInputOf(trail: TrailEvent[]): PlanInput {
  const started = trail.find((line) => line.type === PLAN_STARTED);
  if (started === undefined) throw new Error('The trail has no PLAN_STARTED event; it was not produced by this engine');
  const fields = INPUT_FIELDS.filter((field) => started.payload[field] !== undefined).map((field) => [field, started.payload[field]]);
  return Object.fromEntries(fields) as unknown as PlanInput;
}

function planRules(ref: MachineRef): ReplayRules<PlanEvent, PlanState> {
  return {
    noun: 'plan',
    isMachineEvent: (type) => (PLAN_EVENT_TYPES as readonly string[]).includes(type),
    startRefusal: (line) =>
      line.type === PLAN_STARTED
        ? 'The start of the plan (event 1) cannot be superseded: its date starts the annual review and it names the child. A plan entered with the wrong start or child is ended and entered again.'
        : null,
    storedEvent: (line) => ({ ...line.payload, type: line.type, occurredOn: line.occurredOn }) as PlanEvent,
    start: (trail) => {
      const { snapshot, status, facts } = startPlan(planInputOf(trail), ref);
      return { snapshot, status, facts };
    },
    apply: (state, event) => {
      const result = applyPlanEvent(ref, state.snapshot, event);
      return result.ok ? { ok: true, state: { snapshot: result.snapshot, status: result.status, facts: result.facts } } : { ok: false, message: result.message };
    },
  };
}

/** The plan as it would stand had event `correction.eventSeq` never happened (or happened as `correction.replacement`). */
export function replayPlanWithCorrection(ref: MachineRef, trail: TrailEvent[], correction: Correction<PlanEvent>): PlanCorrectionResult {
  const result = replay(planRules(ref), trail, correction);
  return result.ok ? { ok: true, ...result.state, replacement: result.replacement } : result;
}
