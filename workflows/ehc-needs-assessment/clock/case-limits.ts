/**
 * The limits that exist on a case, derived from its dated facts alone (no "today"), so the
 * machine can check exception claims and the clock and the stored rows come from one source.
 */
import { addDays, type IsoDate } from '../../calendar/dates.js';
import { dueDate, type ExceptionPeriod, type LimitInstance } from '../../limits/index.js';
import type { CaseFacts, ExceptionRecord } from '../types.js';
import { closureWindow } from './closures.js';
import { LIMIT_RULES, REPRESENTATION_DAYS, type LimitKind } from './limits.js';
import { draftServedOn, notifiedOn, type StepDate } from './notices.js';

/** A late refusal to assess answers to reg 4(1) as well, which has no exceptions. */
const REFUSAL_REGULATION = 'SEND Regs 2014 reg 4(1) and reg 5(1)';

export interface CaseLimit extends LimitInstance {
  kind: LimitKind;
  /** The standard (not strict-mode) due date, against which exception claims are checked. */
  standardDueOn: IsoDate;
}

/** The day the case closed (declined, no plan, plan issued, withdrawn), if it has. */
export function caseClosedOn(facts: CaseFacts): IsoDate | null {
  if (facts.withdrawnOn !== undefined) return facts.withdrawnOn;
  // Reopened by an order: closed again only by the decision or the plan the order leads to.
  if (facts.order !== undefined) return facts.order.action === 'assess' && facts.issueDecision?.decision === 'not_issue' ? facts.issueDecision.on : (facts.finalIssuedOn ?? null);
  if (facts.decisionToAssess?.decision === 'decline') return facts.decisionToAssess.on;
  if (facts.issueDecision?.decision === 'not_issue') return facts.issueDecision.on;
  return facts.finalIssuedOn ?? null;
}

export function representationsDueOn(draftServed: IsoDate): IsoDate {
  return addDays(draftServed, REPRESENTATION_DAYS - 1);
}

interface LimitFacts {
  name: string;
  kind: LimitKind;
  periodStart: IsoDate;
  met: StepDate | null;
  notApplicable?: boolean;
  closedOn: IsoDate | null;
  statutory?: boolean;
  regulation?: string;
  exceptionsPending?: boolean;
  exceptionsIgnored?: boolean;
}

function instance(facts: CaseFacts, limit: LimitFacts, strictMode: boolean): CaseLimit {
  const rule = LIMIT_RULES[limit.kind];
  const standardDueOn = dueDate(rule.due, limit.periodStart, { strictMode: false });
  const covering = limit.exceptionsIgnored ? [] : relaxingExceptions(facts, limit.name, limit.periodStart, standardDueOn);
  const ownTargets = covering.map((e) => e.revisedTarget).filter((d): d is IsoDate => d !== undefined).sort();
  return {
    name: limit.name,
    kind: limit.kind,
    role: rule.role,
    statutory: limit.statutory ?? rule.statutory,
    regulation: limit.regulation ?? rule.regulation,
    periodStart: limit.periodStart,
    dueOn: dueDate(rule.due, limit.periodStart, { strictMode }),
    standardDueOn,
    metOn: limit.met?.on ?? null,
    noticeAssumed: limit.met?.noticeAssumed ?? false,
    notApplicable: limit.notApplicable ?? false,
    closedOn: limit.closedOn,
    exceptions: [...covering.map((e): ExceptionPeriod => ({ from: e.from, to: e.to ?? null })), ...exceptionFromReturn(facts, limit)],
    ownTarget: ownTargets.at(-1) ?? null,
    exceptionsPending: limit.exceptionsPending ?? false,
  };
}

/** The limits that close an assessment against the 20 weeks: the final plan, or the notice that there will be none. */
const TWENTY_WEEK_CLOSING_LIMITS = ['finalPlan', 'issueDecision'];

/**
 * An SEN2 return's Week20: an exception applied to the 20 weeks. The return gives neither its kind
 * nor its dates, so it covers the limit that closed the assessment, from the request to the step.
 */
function exceptionFromReturn(facts: CaseFacts, limit: LimitFacts): ExceptionPeriod[] {
  if (!facts.importedFromReturn?.week20 || limit.met === null || !TWENTY_WEEK_CLOSING_LIMITS.includes(limit.name)) return [];
  return [{ from: limit.periodStart, to: limit.met.on }];
}

/** "during that period": the exception overlaps [start, due]; a running one has no end yet. */
export function overlapsPeriod(exception: { from: IsoDate; to?: IsoDate }, start: IsoDate, dueOn: IsoDate): boolean {
  return exception.from <= dueOn && (exception.to === undefined || exception.to >= start);
}

/**
 * Approved exceptions claimed against the limit that overlap its period. A closure counts only
 * once educational advice was requested within its window (reg 10(4)(a)-(b)), whenever the
 * closure was recorded.
 */
function relaxingExceptions(facts: CaseFacts, name: string, start: IsoDate, dueOn: IsoDate): ExceptionRecord[] {
  return facts.exceptions.filter(
    (e) =>
      e.approvedBy !== undefined &&
      e.limits.includes(name) &&
      !(e.lapsed ?? []).some((l) => l.limit === name) &&
      closureQualifies(facts, e) &&
      overlapsPeriod(e, start, dueOn),
  );
}

export function closureQualifies(facts: CaseFacts, exception: Pick<ExceptionRecord, 'exception' | 'from' | 'to'>): boolean {
  if (exception.exception !== 'school_closure' && exception.exception !== 'early_years_closure') return true;
  const window = exception.to === undefined ? null : closureWindow(exception.from, exception.to);
  if (window === null) return false;
  return facts.advice.some((a) => a.contributor === 'education' && a.requestedOn >= window.from && a.requestedOn <= window.to);
}

export function caseLimits(facts: CaseFacts, strictMode = false): CaseLimit[] {
  return [...requestLimits(facts), ...adviceLimits(facts), ...representationLimit(facts)].map((l) => instance(facts, l, strictMode));
}

function requestLimits(facts: CaseFacts): LimitFacts[] {
  const periodStart = facts.requestReceivedOn;
  const closedOn = facts.withdrawnOn ?? null;
  const decision = facts.decisionToAssess;
  const declined = decision?.decision === 'decline';
  const issue = facts.issueDecision;
  return [
    {
      name: 'decisionToAssess',
      kind: 'decisionToAssess',
      periodStart,
      met: notifiedOn(facts, 'decision_to_assess', decision?.on),
      closedOn,
      // Reg 4(1): until the decision is made it may be a refusal, which no exception excuses.
      exceptionsPending: decision === undefined,
      exceptionsIgnored: declined,
      regulation: declined ? REFUSAL_REGULATION : undefined,
    },
    {
      name: 'issueDecision',
      kind: 'issueDecision',
      periodStart,
      met: issue?.decision === 'not_issue' ? notifiedOn(facts, 'decision_to_issue', issue.on) : null,
      notApplicable: declined || issue?.decision === 'issue',
      closedOn,
    },
    {
      name: 'finalPlan',
      kind: 'finalPlan',
      periodStart,
      met: notifiedOn(facts, 'final_plan', facts.finalIssuedOn),
      notApplicable: declined || issue?.decision === 'not_issue',
      closedOn,
    },
  ];
}

function adviceLimits(facts: CaseFacts): LimitFacts[] {
  // Advice still outstanding when the assessment ends is no longer needed (domain 8): it stops
  // falling due that day. Advice that arrives later is still logged, for the contributor's figures.
  const closedOn = caseClosedOn(facts);
  // Advice asked for before an order stopped falling due with the refusal the order overturned.
  const order = facts.order;
  const refusedOn = order && (order.action === 'assess' ? facts.decisionToAssess?.on : facts.issueDecision?.on);
  return facts.advice.map((request) => ({
    name: request.name,
    kind: 'advice',
    periodStart: request.deliveredOn,
    met: request.receivedOn === undefined ? null : { on: request.receivedOn, noticeAssumed: false },
    closedOn: order && request.requestedOn < order.on ? (refusedOn ?? null) : closedOn,
    // Reg 8(1) binds only bodies asked to co-operate under CFA 2014 s.31: in practice, health.
    statutory: request.contributor === 'health',
  }));
}

function representationLimit(facts: CaseFacts): LimitFacts[] {
  const served = draftServedOn(facts);
  if (served === undefined) return [];
  const finalOn = facts.finalIssuedOn;
  const waivedEarly = finalOn !== undefined && finalOn <= representationsDueOn(served) ? facts.representationsWaivedOn : undefined;
  return [
    {
      name: 'representations',
      kind: 'representations',
      periodStart: served,
      met: waivedEarly === undefined ? null : { on: waivedEarly, noticeAssumed: false },
      closedOn: facts.withdrawnOn ?? finalOn ?? null,
      exceptionsIgnored: true,
    },
  ];
}
