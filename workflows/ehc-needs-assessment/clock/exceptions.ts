/**
 * Exception claims, approvals and endings (domain document section 4, engine rules 1-3): which
 * limits a claim relaxes, and why one may not be recorded. Pure; the machine's rules call these.
 */
import { daysBetween, isIsoDate, type IsoDate } from '../../calendar/dates.js';
import {
  EXCEPTION_KINDS,
  type CaseFacts,
  type ExceptionApprovedEvent,
  type ExceptionEndedEvent,
  type ExceptionRecord,
  type ExceptionRecordedEvent,
} from '../types.js';
import { caseLimits, overlapsPeriod, type CaseLimit } from './case-limits.js';
import { closureClaimError } from './closures.js';
import { canRelax, limitKindOf, whyCannotRelax } from './limits.js';

/** Reg 8(2)(b) and reg 10(4)(d): a continuous absence of at least 4 weeks within the period. */
const MIN_ABSENCE_DAYS = 28;

export function isOpen(limit: CaseLimit): boolean {
  return !limit.notApplicable && limit.metOn === null && limit.closedOn === null;
}

/** Length of a span counting both its first and last day. */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1;
}

/** The days of an ended absence that fall inside the limit's period. */
function absenceDaysWithin(from: IsoDate, to: IsoDate, limit: CaseLimit): number {
  const start = from > limit.periodStart ? from : limit.periodStart;
  const end = to < limit.standardDueOn ? to : limit.standardDueOn;
  return start > end ? 0 : daysInclusive(start, end);
}

function shortAbsence(exception: Pick<ExceptionRecord, 'exception' | 'from' | 'to'>, limit: CaseLimit): string | null {
  if (exception.exception !== 'absence_from_area' || exception.to === undefined) return null;
  const days = absenceDaysWithin(exception.from, exception.to, limit);
  if (days >= MIN_ABSENCE_DAYS) return null;
  return `absence_from_area needs a continuous absence of at least 4 weeks within the period of ${limit.name} (${limit.periodStart} to ${limit.standardDueOn}) (SEND Regs 2014 reg 8(2)(b), reg 10(4)(d)); ${exception.from} to ${exception.to} has ${days} days in it`;
}

function datesError(facts: CaseFacts, event: ExceptionRecordedEvent): string | null {
  if (!EXCEPTION_KINDS.includes(event.exception)) return `exception must be one of ${EXCEPTION_KINDS.join(', ')}, not "${String(event.exception)}".`;
  for (const field of ['from', 'to', 'familyToldOn'] as const) {
    const value = event[field];
    if (value !== undefined && !isIsoDate(value)) return `The exception's "${field}" must be a calendar date YYYY-MM-DD, not "${value}".`;
  }
  if (event.to !== undefined && event.to < event.from) return `The exception ends (${event.to}) before it starts (${event.from}).`;
  // Every limit it could relax starts on or after T0, so earlier days could not have delayed it.
  if (event.from < facts.requestReceivedOn) {
    return `The exception cannot start (${event.from}) before the request was received on ${facts.requestReceivedOn}; give ${facts.requestReceivedOn} as "from" if it was already running.`;
  }
  return null;
}

/** Can this kind of exception ever relax the named limit (domain exceptions table)? */
function legalityError(event: ExceptionRecordedEvent, name: string, limits: CaseLimit[]): string | null {
  const kind = limitKindOf(name);
  if (kind === null || !limits.some((l) => l.name === name)) {
    return `${name} is not a deadline of this case; its deadlines are ${limits.map((l) => l.name).join(', ')}.`;
  }
  return canRelax(event.exception, kind) ? null : `${whyCannotRelax(event.exception, name, kind)}.`;
}

/** Does it apply to this case's limit now: still open, overlapping its period, long enough? */
function applicabilityError(event: ExceptionRecordedEvent, limit: CaseLimit): string | null {
  if (!isOpen(limit)) {
    return `${limit.name} is not open (${limit.metOn ? `its step was recorded on ${limit.metOn}` : 'it no longer applies'}), so there is nothing for ${event.exception} to relax.`;
  }
  if (!overlapsPeriod(event, limit.periodStart, limit.standardDueOn)) {
    return `The exception (${event.from} to ${event.to ?? 'open'}) does not overlap the period of ${limit.name} (${limit.periodStart} to ${limit.standardDueOn}), so it cannot have made that limit impractical.`;
  }
  const short = shortAbsence(event, limit);
  return short && `${short}.`;
}

/** Reg 8(2)(c): a missed appointment excuses only the advice of the body that made it. */
function missedAppointmentError(event: ExceptionRecordedEvent, names: string[]): string | null {
  if (event.exception !== 'missed_appointment') return null;
  if (names.length === 1 && limitKindOf(names[0]) === 'advice') return null;
  return 'missed_appointment excuses only the advice of the body whose examination or test appointment was missed (SEND Regs 2014 reg 8(2)(c)): name that one advice deadline in "limits", for example ["advice.health"].';
}

function explicitClaimError(facts: CaseFacts, event: ExceptionRecordedEvent, names: string[]): string | null {
  const limits = caseLimits(facts);
  for (const name of names) {
    const error = legalityError(event, name, limits);
    if (error) return error;
  }
  const circumstance = missedAppointmentError(event, names) ?? closureClaimError(facts, event);
  if (circumstance) return circumstance;
  for (const name of names) {
    const error = applicabilityError(event, limits.find((l) => l.name === name)!);
    if (error) return error;
  }
  return null;
}

/**
 * The limits a claim is against: those named, or (design section 4) every open one it can
 * legally relax and whose period it overlaps (for an ended absence, by at least 4 weeks).
 * Judgement call: an empty `limits` list counts as naming none.
 */
export function resolveExceptionLimits(facts: CaseFacts, event: ExceptionRecordedEvent): string[] {
  if (event.limits && event.limits.length > 0) return [...new Set(event.limits)];
  return caseLimits(facts)
    .filter((l) => isOpen(l) && canRelax(event.exception, l.kind) && applicabilityError(event, l) === null)
    .map((l) => l.name);
}

/** Null when the claim may be recorded; otherwise why not, citing the regulation. */
export function exceptionClaimError(facts: CaseFacts, event: ExceptionRecordedEvent): string | null {
  const dates = datesError(facts, event);
  if (dates) return dates;
  if (event.limits && event.limits.length > 0) return explicitClaimError(facts, event, [...new Set(event.limits)]);
  const circumstance = missedAppointmentError(event, []) ?? closureClaimError(facts, event);
  if (circumstance) return circumstance;
  if (resolveExceptionLimits(facts, event).length > 0) return null;
  const openLimits = caseLimits(facts).filter(isOpen);
  // An absence that overlaps limits it could relax but is too short within them: say by how much.
  const short = openLimits
    .filter((l) => canRelax(event.exception, l.kind) && overlapsPeriod(event, l.periodStart, l.standardDueOn))
    .map((l) => shortAbsence(event, l))
    .find((reason) => reason !== null);
  if (short) return `${short}.`;
  const open = openLimits.map((l) => l.name);
  return `${event.exception} (${event.from} to ${event.to ?? 'open'}) relaxes none of this case's open deadlines (${open.join(', ') || 'none'}): it must overlap a deadline's period, be an exception that deadline allows (domain exceptions table), and an absence must last at least 4 weeks within it.`;
}

export function findException(facts: CaseFacts, seq: number): ExceptionRecord | undefined {
  return facts.exceptions.find((e) => e.seq === seq);
}

function unknownException(facts: CaseFacts, seq: number): string {
  const known = facts.exceptions.map((e) => e.seq).join(', ');
  return `No exception was recorded as event ${seq} of this case; its exceptions are events ${known || '(none)'}.`;
}

/** The authority's own target may move a limit later, never earlier (domain 4, rule 4). */
function revisedTargetError(facts: CaseFacts, exception: ExceptionRecord, target: IsoDate | undefined): string | null {
  if (target === undefined) return null;
  if (!isIsoDate(target)) return `revisedTarget must be a calendar date YYYY-MM-DD, not "${target}".`;
  const limits = caseLimits(facts).filter((l) => exception.limits.includes(l.name));
  const latestDue = limits.map((l) => l.dueOn).sort().at(-1);
  if (latestDue !== undefined && target < latestDue) {
    return `A revised target (${target}) cannot come before the due date it revises (${latestDue}); an exception can only give more time.`;
  }
  return null;
}

export function approvalError(facts: CaseFacts, event: ExceptionApprovedEvent): string | null {
  const exception = findException(facts, event.exceptionSeq);
  if (!exception) return unknownException(facts, event.exceptionSeq);
  if (exception.approvedBy !== undefined) return `The exception of event ${event.exceptionSeq} was already approved on ${exception.approvedOn}.`;
  if (event.approvedBy === undefined) return 'Only a manager with delegated authority can approve an exception.';
  if (event.occurredOn < exception.recordedOn) return `EXCEPTION_APPROVED cannot be dated ${event.occurredOn}, before the exception was recorded on ${exception.recordedOn}.`;
  return revisedTargetError(facts, exception, event.revisedTarget);
}

export function endingError(facts: CaseFacts, event: ExceptionEndedEvent): string | null {
  const exception = findException(facts, event.exceptionSeq);
  if (!exception) return unknownException(facts, event.exceptionSeq);
  if (exception.to !== undefined) {
    return `The exception of event ${event.exceptionSeq} already ends on ${exception.to}; correct that event (POST /api/cases/:id/corrections) to change it.`;
  }
  if (!isIsoDate(event.to)) return `"to" must be a calendar date YYYY-MM-DD, not "${String(event.to)}".`;
  if (event.to < exception.from) return `The exception cannot end (${event.to}) before it started (${exception.from}).`;
  if (event.to > event.occurredOn) return `An exception's end (${event.to}) cannot be recorded before it happens (${event.occurredOn}).`;
  return revisedTargetError(facts, exception, event.revisedTarget);
}

/** Once an absence has ended, the limits within whose period it lasted under 4 weeks lapse. */
export function lapsedOnEnding(facts: CaseFacts, exception: ExceptionRecord): ExceptionRecord['lapsed'] {
  const lapsed = caseLimits(facts)
    .filter((l) => exception.limits.includes(l.name))
    .flatMap((l) => {
      const reason = shortAbsence(exception, l);
      return reason === null ? [] : [{ limit: l.name, reason }];
    });
  return lapsed.length > 0 ? lapsed : undefined;
}
