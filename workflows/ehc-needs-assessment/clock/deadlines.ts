/**
 * The statutory clock: every deadline of a case with its status on `today` (design section 4,
 * domain document sections 4 and 5). A pure function of the case's facts and the date.
 */
import type { CaseFacts, ClockOptions, Deadline, DeadlineStatus, ExceptionRecord, IsoDate } from '../types.js';
import { caseLimits, type CaseLimit } from './case-limits.js';
import { addDays, toDate } from '../../calendar/dates.js';
import { daysInclusive, overlaps } from './exceptions.js';
import { LIMIT_RULES } from './limits.js';

/** A late refusal to assess answers to reg 4(1) as well, which has no exceptions. */
const REFUSAL_REGULATION = 'SEND Regs 2014 reg 4(1) and reg 5(1)';

/** Reg 8(1) binds only bodies asked to co-operate under CFA 2014 s.31: in practice, health. */
function isStatutory(limit: CaseLimit): boolean {
  if (limit.kind === 'advice') return limit.name === 'advice.health';
  return limit.kind !== 'representations';
}

/** Exceptions accepted against this limit that fall within its current period. */
function coveringExceptions(facts: CaseFacts, limit: CaseLimit, standardDueOn: IsoDate): ExceptionRecord[] {
  if (limit.exceptionsIgnored) return [];
  // The overlap uses the standard due date, as when the claim was accepted; it drops a claim
  // made against an earlier request for the same advice.
  const period = { ...limit, dueOn: standardDueOn };
  return facts.exceptions.filter((e) => e.limits.includes(limit.name) && overlaps(e, period));
}

/**
 * Domain 4 rule 4: revised target = due date + the exception's length. An open exception runs
 * to `today` for now. Judgement call: several exceptions add their lengths, even if they overlap.
 */
function revisedTarget(dueOn: IsoDate, exceptions: ExceptionRecord[], today: IsoDate): IsoDate {
  const days = exceptions.reduce((sum, e) => sum + Math.max(0, daysInclusive(e.from, e.to ?? today)), 0);
  return addDays(dueOn, days);
}

function statusOf(limit: CaseLimit, dueOn: IsoDate, today: IsoDate, covered: boolean): DeadlineStatus {
  if (limit.notApplicable) return 'not_applicable';
  if (limit.metOn !== null) return limit.metOn <= dueOn ? 'met' : covered ? 'exception' : 'met_late';
  // Judgement call: a case that ends (withdrawal) on or before a due date makes it not_applicable;
  // a deadline already missed when the case ended stays breached (it was missed).
  if (limit.endedOn !== null && limit.endedOn <= dueOn) return 'not_applicable';
  const missed = today > dueOn || limit.endedOn !== null;
  if (!missed) return 'pending';
  return covered ? 'exception' : 'breached';
}

/**
 * Reg 13(1)(a) is the family's window, never the LA's breach: pending while it runs, then met
 * on its last day (or on the day the family waived the rest, if the plan was finalised early).
 */
function representationsDeadline(limit: CaseLimit, today: IsoDate): Deadline {
  const base = { name: limit.name, dueOn: limit.dueOn, regulation: LIMIT_RULES.representations.regulation, statutory: false, revisedTarget: null };
  if (limit.metOn !== null) return { ...base, metOn: limit.metOn, status: 'met' };
  if (limit.endedOn !== null && limit.endedOn <= limit.dueOn) return { ...base, metOn: null, status: 'not_applicable' };
  if (today > limit.dueOn || limit.endedOn !== null) return { ...base, metOn: limit.dueOn, status: 'met' };
  return { ...base, metOn: null, status: 'pending' };
}

function toDeadline(facts: CaseFacts, limit: CaseLimit, standardDueOn: IsoDate, today: IsoDate): Deadline {
  if (limit.kind === 'representations') return representationsDeadline(limit, today);
  const exceptions = coveringExceptions(facts, limit, standardDueOn);
  const status = statusOf(limit, limit.dueOn, today, exceptions.length > 0);
  const applies = status !== 'not_applicable';
  return {
    name: limit.name,
    dueOn: limit.dueOn,
    metOn: applies ? limit.metOn : null,
    status,
    regulation: limit.exceptionsIgnored ? REFUSAL_REGULATION : LIMIT_RULES[limit.kind].regulation,
    statutory: isStatutory(limit),
    revisedTarget: applies && exceptions.length > 0 ? revisedTarget(limit.dueOn, exceptions, today) : null,
  };
}

/** Every deadline that exists on the case, in a stable order: request limits, advice, representations. */
export function computeDeadlines(facts: CaseFacts, today: IsoDate, options: ClockOptions): Deadline[] {
  toDate(today); // a malformed "today" is a programming error: fail loudly
  const standard = new Map(caseLimits(facts, false).map((l) => [l.name, l.dueOn]));
  return caseLimits(facts, options.strictMode).map((limit) =>
    toDeadline(facts, limit, standard.get(limit.name) ?? limit.dueOn, today),
  );
}
