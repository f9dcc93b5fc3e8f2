/**
 * The limits that exist on a case, derived from its dated facts alone (no "today"), so the
 * machine can check exception claims and the clock can compute statuses from one source.
 */
import { CONTRIBUTORS, type CaseFacts, type IsoDate } from '../types.js';
import { addDays, latest } from '../../calendar/dates.js';
import { LIMIT_WEEKS, REPRESENTATION_DAYS, type LimitKind } from './limits.js';

export interface CaseLimit {
  name: string;
  kind: LimitKind;
  /** The day the clock starts: T0, the advice request, or the draft's service day. */
  periodStart: IsoDate;
  /** The standard (not strict-mode) due date. */
  dueOn: IsoDate;
  /** The date of the step that satisfies the limit, if it has happened. */
  metOn: IsoDate | null;
  /** The limit can never fall due (for example issueDecision once the decision is to issue). */
  notApplicable: boolean;
  /** The case stopped without the step (withdrawal; for advice also the end of the assessment). */
  endedOn: IsoDate | null;
  /** SEND Regs 2014 reg 4(1): a refusal to assess has no exceptions. */
  exceptionsIgnored: boolean;
}

/** Design section 4 / domain 5.2: "within N weeks of X" is X + 7N (strict mode: X + 7N - 1). */
export function dueWithin(start: IsoDate, weeks: number, strictMode: boolean): IsoDate {
  return addDays(start, 7 * weeks - (strictMode ? 1 : 0));
}

export function representationsDueOn(draftIssuedOn: IsoDate): IsoDate {
  return addDays(draftIssuedOn, REPRESENTATION_DAYS - 1);
}

export function caseLimits(facts: CaseFacts, strictMode = false): CaseLimit[] {
  return [...requestLimits(facts, strictMode), ...adviceLimits(facts, strictMode), ...representationLimit(facts)];
}

function requestLimits(facts: CaseFacts, strict: boolean): CaseLimit[] {
  const t0 = facts.requestReceivedOn;
  const ended = facts.withdrawnOn ?? null;
  const declined = facts.decisionToAssess?.decision === 'decline';
  const issue = facts.issueDecision;
  const base = { periodStart: t0, endedOn: ended, exceptionsIgnored: false };
  return [
    {
      ...base,
      name: 'decisionToAssess',
      kind: 'decisionToAssess',
      dueOn: dueWithin(t0, LIMIT_WEEKS.decisionToAssess, strict),
      metOn: facts.decisionToAssess?.on ?? null,
      notApplicable: false,
      exceptionsIgnored: declined,
    },
    {
      ...base,
      name: 'issueDecision',
      kind: 'issueDecision',
      dueOn: dueWithin(t0, LIMIT_WEEKS.issueDecision, strict),
      // Reg 10(1) times only a notice that no plan will be issued.
      metOn: issue?.decision === 'not_issue' ? issue.on : null,
      notApplicable: declined || issue?.decision === 'issue',
    },
    {
      ...base,
      name: 'finalPlan',
      kind: 'finalPlan',
      dueOn: dueWithin(t0, LIMIT_WEEKS.finalPlan, strict),
      metOn: facts.finalIssuedOn ?? null,
      notApplicable: declined || issue?.decision === 'not_issue',
    },
  ];
}

function adviceLimits(facts: CaseFacts, strict: boolean): CaseLimit[] {
  // Judgement call: advice still outstanding when the assessment ends (no plan, plan issued,
  // withdrawal) is "no longer needed" (domain 8): it stops falling due from that day.
  const notIssuedOn = facts.issueDecision?.decision === 'not_issue' ? facts.issueDecision.on : undefined;
  const endedOn = latest([facts.withdrawnOn, facts.finalIssuedOn, notIssuedOn]) ?? null;
  return CONTRIBUTORS.flatMap((contributor): CaseLimit[] => {
    const record = facts.advice[contributor];
    if (!record) return [];
    return [
      {
        name: `advice.${contributor}`,
        kind: 'advice',
        periodStart: record.requestedOn,
        dueOn: dueWithin(record.requestedOn, LIMIT_WEEKS.advice, strict),
        metOn: record.receivedOn ?? null,
        notApplicable: false,
        endedOn,
        exceptionsIgnored: false,
      },
    ];
  });
}

function representationLimit(facts: CaseFacts): CaseLimit[] {
  const served = facts.draftIssuedOn;
  if (!served) return [];
  // Already "beginning with" the service day, so strict mode does not move it.
  const dueOn = representationsDueOn(served);
  const finalOn = facts.finalIssuedOn;
  // The window is honoured when it has run its course, or earlier by the family's written waiver.
  const waivedEarly = finalOn !== undefined && finalOn <= dueOn ? facts.representationsWaivedOn : undefined;
  return [
    {
      name: 'representations',
      kind: 'representations',
      periodStart: served,
      dueOn,
      metOn: waivedEarly ?? null,
      notApplicable: false,
      endedOn: facts.withdrawnOn ?? null,
      exceptionsIgnored: true,
    },
  ];
}

/** Open = it still awaits its step: it applies, the step has not happened, the case has not ended. */
export function isOpen(limit: CaseLimit): boolean {
  return !limit.notApplicable && limit.metOn === null && limit.endedOn === null;
}
