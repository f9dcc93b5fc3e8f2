import { applyEvent, startCase, type CaseEvent, type CaseState, type IsoDate, type StartedCase } from '../../workflows/ehc-needs-assessment/index.js';
import { applyPlanEvent, startPlan, type PlanEvent, type PlanInput, type PlanState, type StartedPlan } from '../../workflows/ehc-plan/index.js';
import { locatedProblem, type ImportedRecord, type ImportedStep, type RowProblem, type SourceRow } from './import-rows.js';

export interface BuiltCase {
  started: StartedCase;
  state: CaseState;
  events: CaseEvent[];
}

export interface BuiltPlan {
  input: PlanInput;
  started: StartedPlan;
  state: PlanState;
  events: PlanEvent[];
}

export interface BuiltHistory {
  assessment?: BuiltCase;
  plan?: BuiltPlan;
  problems: RowProblem[];
}

/**
 * Replays a row's history through the process machines, exactly as if each step had been
 * recorded on its day: a step the machine refuses (a final plan before its decision, a draft
 * less than 15 days before the final) is the row's problem, named by the column it came from.
 * `assigneeId` is the account `assigned_to` named: the open assessment is assigned to it on
 * `today`, or the plan the assessment made is.
 */
export function buildHistory(row: SourceRow, record: ImportedRecord, assigneeId: string | undefined, today: IsoDate): BuiltHistory {
  const problems: RowProblem[] = [];
  const refuse = (column: string, message: string) => problems.push(locatedProblem(row, column, message, ': '));
  const assessment = record.assessment && replayCase(record, assigneeId, today, refuse);
  if (problems.length > 0) return { problems };
  const planInput = planInputOf(record, assessment, assigneeId);
  const plan = planInput && replayPlan(planInput, record.plan?.steps ?? [], refuse);
  return problems.length > 0 ? { problems } : { ...(assessment && { assessment }), ...(plan && { plan }), problems };
}

type Refuse = (column: string, message: string) => void;

function replayCase(record: ImportedRecord, assigneeId: string | undefined, today: IsoDate, refuse: Refuse): BuiltCase | undefined {
  const started = startCase(record.assessment!.input);
  const ref = { machineId: started.machineId, machineVersion: started.machineVersion };
  const steps: ImportedStep<CaseEvent>[] = [...record.assessment!.steps];
  const madePlan = steps.some((s) => s.event.type === 'FINAL_PLAN_ISSUED');
  if (assigneeId && !madePlan) steps.push({ column: 'assigned_to', event: { type: 'ASSIGNED', occurredOn: today, assigneeId } });
  const state = replaySteps<CaseEvent, CaseState>(started, steps, (snapshot, event) => applyEvent(ref, snapshot, event), refuse);
  return state && { started, state, events: steps.map((s) => s.event) };
}

/** A plan row's start; or the plan an assessment's final plan made, from the day the family received it. */
function planInputOf(record: ImportedRecord, assessment: BuiltCase | undefined, assigneeId: string | undefined): PlanInput | undefined {
  const plan = record.plan;
  const common = {
    childDateOfBirth: record.child.dateOfBirth,
    ...(plan?.importedReviewOn && { importedReviewOn: plan.importedReviewOn }),
    ...(assigneeId && { assigneeId }),
  };
  if (record.kind === 'plan') {
    return { startedOn: plan!.startedOn!, ...common, ...(plan!.namedSetting && { namedSetting: plan!.namedSetting }), ...(plan!.transferredInOn && { transferredInOn: plan!.transferredInOn }) };
  }
  const final = assessment?.events.find((e) => e.type === 'FINAL_PLAN_ISSUED');
  if (final?.type !== 'FINAL_PLAN_ISSUED') return undefined;
  return { startedOn: final.notice!.sentOn, issuedOn: final.occurredOn, ...common, ...(final.placement && { namedSetting: final.placement }) };
}

function replayPlan(input: PlanInput, steps: ImportedStep<PlanEvent>[], refuse: Refuse): BuiltPlan | undefined {
  const started = startPlan(input);
  const ref = { machineId: started.machineId, machineVersion: started.machineVersion };
  const state = replaySteps<PlanEvent, PlanState>(started, steps, (snapshot, event) => applyPlanEvent(ref, snapshot, event), refuse);
  return state && { input, started, state, events: steps.map((s) => s.event) };
}

type Applied<S> = ({ ok: true } & S) | { ok: false; message: string };

/** Each step applied in turn; the first the machine refuses is refused at its column, and nothing is built. */
function replaySteps<E, S extends { snapshot: unknown; status: string; facts: unknown }>(
  started: S,
  steps: ImportedStep<E>[],
  apply: (snapshot: S['snapshot'], event: E) => Applied<S>,
  refuse: Refuse,
): S | undefined {
  // Only the state: the started process's other fields (its allowed events, its machine) go stale with the first step.
  let state = { snapshot: started.snapshot, status: started.status, facts: started.facts } as S;
  for (const { event, column } of steps) {
    const result = apply(state.snapshot, event);
    if (!result.ok) {
      refuse(column, result.message);
      return undefined;
    }
    state = { snapshot: result.snapshot, status: result.status, facts: result.facts } as S;
  }
  return state;
}
