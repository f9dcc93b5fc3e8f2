/**
 * What the subject of a dispute does to carry out an order (issue 14, "meeting them meets the
 * order"): the case's or plan's own events, recorded by the caseworker there, meet the order's
 * steps on the dispute, so nobody records the same step twice and the two records cannot disagree.
 */
import type { IsoDate } from '../calendar/dates.js';
import type { ServiceMethod } from '../limits/served-dates.js';
import type { PlanEvent, PlanStatus } from '../ehc-plan/types.js';
import { isOrderedAssessmentNotice } from '../ehc-needs-assessment/facts.js';
import type { CaseEvent, CaseFacts } from '../ehc-needs-assessment/types.js';
import { pendingDuties } from './dispute-limits.js';
import type { DisputeFacts, OrderStep, OrderStepMetEvent } from './types.js';

/** A step of the subject's own process that an order can require, dated by its notice to the family. */
export type SubjectStep =
  /** The family told the authority will (re-)assess as ordered (reg 44(2)(a), (c)). */
  | { kind: 'assessment_notice'; sentOn: IsoDate; method?: ServiceMethod }
  /** The decision whether to issue (or, on a plan, whether to amend after the re-assessment). */
  | { kind: 'issue_decision'; sentOn: IsoDate; method?: ServiceMethod; decision: 'issue' | 'not_issue' }
  | { kind: 'draft_plan'; sentOn: IsoDate; method?: ServiceMethod }
  /** A final plan or final amended plan, with the setting it names. */
  | { kind: 'final_plan'; sentOn: IsoDate; method?: ServiceMethod; namedSetting?: string }
  | { kind: 'ceased'; sentOn: IsoDate };

/** The order steps each subject step can meet, in the order they are tried. */
const STEPS_MET_BY: Readonly<Record<SubjectStep['kind'], readonly OrderStep[]>> = {
  assessment_notice: ['orderNotice'],
  issue_decision: ['orderIssueDecision'],
  draft_plan: ['orderDraftPlan'],
  // Under an order to re-assess the amended plan is its final plan; otherwise it carries out an order to amend or to name a school.
  final_plan: ['orderFinalPlan', 'orderAmendedPlan', 'orderSchoolNamed'],
  ceased: ['orderCease'],
};

/**
 * The ORDER_STEP_MET events `step` makes on a dispute whose facts are `facts`: every pending step
 * of the order in force it carries out, none when it predates the order. A final plan naming no
 * setting does not carry out an order to change the school named.
 */
export function orderStepsMetBy(facts: DisputeFacts, step: SubjectStep): OrderStepMetEvent[] {
  const order = facts.orders.at(-1);
  if (order === undefined || facts.closedOn !== undefined || step.sentOn < order.on) return [];
  const pending = new Set(pendingDuties(facts));
  const method = 'method' in step ? step.method : undefined;
  return STEPS_MET_BY[step.kind]
    .filter((name) => pending.has(name))
    .filter((name) => name !== 'orderSchoolNamed' || (step.kind === 'final_plan' && step.namedSetting !== undefined && step.namedSetting.trim() !== ''))
    .map((name) => ({
      type: 'ORDER_STEP_MET' as const,
      step: name,
      occurredOn: step.sentOn,
      ...(method !== undefined && { method }),
      ...(step.kind === 'issue_decision' && { decision: step.decision }),
    }));
}

/** The plan events planSubjectStep can map to an order step: the plan writes these in one transaction with its disputes. */
export const PLAN_EVENTS_CARRYING_OUT_ORDERS: readonly PlanEvent['type'][] = ['REASSESSMENT_DECISION', 'AMENDMENT_NOTICE_SENT', 'DECISION_NOT_TO_AMEND', 'AMENDED_PLAN_ISSUED', 'CEASED'];

/** The case events caseSubjectStep can map to an order step. */
export const CASE_EVENTS_CARRYING_OUT_ORDERS: readonly CaseEvent['type'][] = ['NOTICE_SENT', 'DECISION_TO_ISSUE', 'DRAFT_PLAN_ISSUED', 'FINAL_PLAN_ISSUED'];

/**
 * The order step a plan event takes, if any; `status` is the plan's before the event (a notice of
 * proposed amendments sent while re-assessing is the decision to amend after the re-assessment).
 */
export function planSubjectStep(event: PlanEvent, status: PlanStatus): SubjectStep | null {
  switch (event.type) {
    case 'REASSESSMENT_DECISION':
      return event.decision === 'reassess' ? { kind: 'assessment_notice', ...noticeOf(event) } : null;
    case 'AMENDMENT_NOTICE_SENT':
      return status === 'reassessing' ? { kind: 'issue_decision', decision: 'issue', sentOn: event.occurredOn, method: event.method } : null;
    case 'DECISION_NOT_TO_AMEND':
      return status === 'reassessing' ? { kind: 'issue_decision', decision: 'not_issue', ...noticeOf(event) } : null;
    case 'AMENDED_PLAN_ISSUED':
      return { kind: 'final_plan', ...noticeOf(event), namedSetting: event.namedSetting };
    case 'CEASED':
      return { kind: 'ceased', sentOn: event.occurredOn };
    default:
      return null;
  }
}

/**
 * The order step a case event takes, if any; `facts` are the case's before the event. Only a case
 * an order reopened (DISPUTE_ORDERED) is carrying one out.
 */
export function caseSubjectStep(event: CaseEvent, facts: CaseFacts): SubjectStep | null {
  if (facts.order === undefined) return null;
  switch (event.type) {
    case 'NOTICE_SENT':
      return isOrderedAssessmentNotice(facts, event) ? { kind: 'assessment_notice', sentOn: event.sentOn, method: event.method } : null;
    case 'DECISION_TO_ISSUE':
      return { kind: 'issue_decision', decision: event.decision, ...noticeOf(event) };
    case 'DRAFT_PLAN_ISSUED':
      return { kind: 'draft_plan', ...noticeOf(event) };
    case 'FINAL_PLAN_ISSUED':
      return { kind: 'final_plan', ...noticeOf(event), namedSetting: event.placement };
    default:
      return null;
  }
}

/** A step is met by its notice to the family; without one recorded, on the day of the step. */
function noticeOf(event: { occurredOn: IsoDate; notice?: { sentOn: IsoDate; method: ServiceMethod } }): { sentOn: IsoDate; method?: ServiceMethod } {
  return event.notice ? { sentOn: event.notice.sentOn, method: event.notice.method } : { sentOn: event.occurredOn };
}
