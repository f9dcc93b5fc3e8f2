/**
 * Early warning: working back from the final-plan deadline, the latest date each outstanding
 * step can happen for the final plan still to be issued in time (domain document section 1,
 * "practical consequence for the 20 weeks"). Pure: the caller supplies the final deadline.
 */
import type { CaseFacts, IsoDate } from '../types.js';
import { caseClosedOn } from './case-limits.js';
import { addDays, toDate } from '../../calendar/dates.js';
import { REPRESENTATION_DAYS } from './limits.js';

/**
 * CoP chapter 9: a school or college the family asks for should reply to the consultation
 * within 15 days. The family may name it on the last day of its reg 13(1)(a) window.
 */
export const SCHOOL_CONSULTATION_DAYS = 15;

/**
 * Working allowances, not statutory limits (configurable later): the days a caseworker needs to
 * write the draft after the decision to issue, and the days the panel needs to read the last
 * advice before deciding. Chosen from common LA practice ("draft by week 16", fortnightly panels).
 */
export const DRAFTING_ALLOWANCE_DAYS = 14;
export const ADVICE_CONSIDERATION_DAYS = 7;

/** A case is on the early-warning list when a latest date is past or this close (issue 6). */
export const EARLY_WARNING_DAYS = 7;

/** `advice.<contributor>` or `advice.<contributor>.<n>` for an advice request. */
export type OutstandingStep = 'finalPlan' | 'draftPlan' | 'decisionToIssue' | `advice.${string}`;

export interface LatestStepDate {
  step: OutstandingStep;
  latestOn: IsoDate;
}

/** The draft must be served this many days before the final deadline: window, then consultation. */
export const DRAFT_LEAD_DAYS = REPRESENTATION_DAYS + SCHOOL_CONSULTATION_DAYS;

function outstandingAdvice(facts: CaseFacts): string[] {
  return facts.advice.filter((a) => a.receivedOn === undefined).map((a) => a.name);
}

/**
 * Every step not yet taken, with the latest date it can happen, in process order. A closed case
 * (plan issued, withdrawn, declined, no plan) has none, nor has one reopened by an order. `finalDue` is the finalPlan deadline
 * (reg 13(2): request + 20 weeks) or, when an exception relaxes it, its revised target.
 */
export function latestStepDates(facts: CaseFacts, finalDue: IsoDate): LatestStepDate[] {
  // Under an order the 20 weeks no longer govern: the order's own steps are its dispute's limits.
  if (caseClosedOn(facts) !== null || facts.order !== undefined) return [];
  // Parsed once: this runs for every open case of an authority on each early-warning request.
  const draft = toDate(finalDue).minusDays(DRAFT_LEAD_DAYS);
  const decision = draft.minusDays(DRAFTING_ALLOWANCE_DAYS);
  const [draftLatest, decisionLatest] = [draft.toString(), decision.toString()];
  const adviceLatest = decision.minusDays(ADVICE_CONSIDERATION_DAYS).toString();
  const steps: LatestStepDate[] = [];
  if (facts.issueDecision === undefined) {
    steps.push(...outstandingAdvice(facts).map((name): LatestStepDate => ({ step: name as OutstandingStep, latestOn: adviceLatest })));
    steps.push({ step: 'decisionToIssue', latestOn: decisionLatest });
  }
  if (facts.draftIssuedOn === undefined) steps.push({ step: 'draftPlan', latestOn: draftLatest });
  steps.push({ step: 'finalPlan', latestOn: finalDue });
  return steps;
}

/** The steps whose latest date is already past or falls within the next `withinDays` days. */
export function stepsAtRisk(steps: LatestStepDate[], today: IsoDate, withinDays = EARLY_WARNING_DAYS): LatestStepDate[] {
  const horizon = addDays(today, withinDays);
  return steps.filter((s) => s.latestOn <= horizon);
}
