/**
 * Checking an exception claim (domain document section 4, engine rules 2 and 3) and
 * resolving the limits it relaxes when the caseworker names none.
 */
import { EXCEPTION_KINDS, type CaseFacts, type ExceptionRecordedEvent } from '../types.js';
import { caseLimits, isOpen, type CaseLimit } from './case-limits.js';
import { closureClaimError } from './closures.js';
import { daysBetween, isIsoDate } from '../../calendar/dates.js';
import { canRelax, limitKindOf, whyCannotRelax } from './limits.js';

/** "during that period": the exception must overlap [periodStart, dueOn]; an open one has no end. */
export function overlaps(exception: { from: string; to?: string }, limit: CaseLimit): boolean {
  return exception.from <= limit.dueOn && (exception.to === undefined || exception.to >= limit.periodStart);
}

function datesError(facts: CaseFacts, event: ExceptionRecordedEvent): string | null {
  if (!EXCEPTION_KINDS.includes(event.exception)) return `exception must be one of ${EXCEPTION_KINDS.join(', ')}, not "${String(event.exception)}".`;
  if (!isIsoDate(event.from)) return `The exception's "from" must be a calendar date YYYY-MM-DD, not "${event.from}".`;
  if (event.to !== undefined && !isIsoDate(event.to)) return `The exception's "to" must be a calendar date YYYY-MM-DD, not "${event.to}".`;
  if (event.to !== undefined && event.to < event.from) return `The exception ends (${event.to}) before it starts (${event.from}).`;
  // Every limit it could relax starts on or after T0, so earlier days could not have delayed it.
  if (event.from < facts.requestReceivedOn) {
    return `The exception cannot start (${event.from}) before the request was received on ${facts.requestReceivedOn}; give ${facts.requestReceivedOn} as "from" if it was already running.`;
  }
  return null;
}

/** Domain 4: SEND Regs 2014 reg 8(2)(b) and reg 10(4)(d) need a continuous absence of at least 4 weeks. */
function absenceError(event: ExceptionRecordedEvent): string | null {
  if (event.exception !== 'absence_from_area' || event.to === undefined) return null;
  const days = daysInclusive(event.from, event.to);
  if (days >= 28) return null;
  return `absence_from_area needs a continuous absence of at least 4 weeks (SEND Regs 2014 reg 8(2)(b), reg 10(4)(d)); ${event.from} to ${event.to} is ${days} days.`;
}

/** Length of an exception counting both its first and last day. */
export function daysInclusive(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/** Can this kind of exception ever relax the named limit (domain exceptions table)? */
function legalityError(event: ExceptionRecordedEvent, name: string, limits: CaseLimit[]): string | null {
  const kind = limitKindOf(name);
  if (kind === null || !limits.some((l) => l.name === name)) {
    return `${name} is not a deadline of this case; its deadlines are ${limits.map((l) => l.name).join(', ')}.`;
  }
  return canRelax(event.exception, kind) ? null : `${whyCannotRelax(event.exception, name, kind)}.`;
}

/** Does it apply to this case's limit now: still open, and overlapping its period? */
function applicabilityError(event: ExceptionRecordedEvent, limit: CaseLimit): string | null {
  if (!isOpen(limit)) {
    return `${limit.name} is not open (${limit.metOn ? `its step was recorded on ${limit.metOn}` : 'it no longer applies'}), so there is nothing for ${event.exception} to relax.`;
  }
  if (overlaps(event, limit)) return null;
  return `The exception (${event.from} to ${event.to ?? 'open'}) does not overlap the period of ${limit.name} (${limit.periodStart} to ${limit.dueOn}), so it cannot have made that limit impractical.`;
}

function explicitClaimError(facts: CaseFacts, event: ExceptionRecordedEvent, names: string[]): string | null {
  const limits = caseLimits(facts);
  for (const name of names) {
    const error = legalityError(event, name, limits);
    if (error) return error;
  }
  const circumstance = absenceError(event) ?? closureClaimError(facts, event);
  if (circumstance) return circumstance;
  for (const name of names) {
    const error = applicabilityError(event, limits.find((l) => l.name === name)!);
    if (error) return error;
  }
  return null;
}

/**
 * The limits an accepted claim relaxes: those named, or (design section 4) every open one it can
 * legally relax and overlaps. Judgement call: an empty `limits` list counts as naming none.
 */
export function resolveExceptionLimits(facts: CaseFacts, event: ExceptionRecordedEvent): string[] {
  if (event.limits && event.limits.length > 0) return [...new Set(event.limits)];
  return caseLimits(facts)
    .filter((l) => isOpen(l) && canRelax(event.exception, l.kind) && overlaps(event, l))
    .map((l) => l.name);
}

/** Null when the claim may be recorded; otherwise why not, citing the regulation. */
export function exceptionClaimError(facts: CaseFacts, event: ExceptionRecordedEvent): string | null {
  const dates = datesError(facts, event);
  if (dates) return dates;
  if (event.limits && event.limits.length > 0) return explicitClaimError(facts, event, [...new Set(event.limits)]);
  const circumstance = absenceError(event) ?? closureClaimError(facts, event);
  if (circumstance) return circumstance;
  if (resolveExceptionLimits(facts, event).length > 0) return null;
  const open = caseLimits(facts).filter(isOpen).map((l) => l.name);
  return `${event.exception} (${event.from} to ${event.to ?? 'open'}) relaxes none of this case's open deadlines (${open.join(', ') || 'none'}): it must overlap a deadline's period and be an exception that deadline allows (domain exceptions table).`;
}
