/**
 * An exception as a process records it (domain document section 4, engine rules 1–4): the claim
 * with its dates and evidence, its approval by a manager, its end, and the refusals of an
 * approval or an ending that every process shares. Which limits an exception may relax, and
 * when, is each process's own rule.
 */
import { daysBetween, isIsoDate, type IsoDate } from '../calendar/dates.js';
import { defined } from '../process/defined.js';

/** What a caseworker claims, on whichever process. */
export interface ExceptionClaim {
  from: IsoDate;
  to?: IsoDate;
  /** A closure: the day the head teacher's (or early years lead's) advice was requested. */
  adviceRequestedOn?: IsoDate;
  note?: string;
  evidence?: string;
  impracticalBecause?: string;
  familyToldOn?: IsoDate;
  /** Set by the engine: the event's place in the trail, which approvals and endings name. */
  seq?: number;
  /** Set by the engine when the account recording it may approve exceptions. */
  approvedBy?: string;
}

export interface ExceptionApprovedEvent {
  type: 'EXCEPTION_APPROVED';
  occurredOn: IsoDate;
  exceptionSeq: number;
  revisedTarget?: IsoDate;
  approvedBy?: string;
}

export interface ExceptionEndedEvent {
  type: 'EXCEPTION_ENDED';
  occurredOn: IsoDate;
  exceptionSeq: number;
  to: IsoDate;
  revisedTarget?: IsoDate;
}

export interface ExceptionRecordFields extends Omit<ExceptionClaim, 'seq' | 'approvedBy'> {
  seq: number;
  recordedOn: IsoDate;
  approvedBy?: string;
  approvedOn?: IsoDate;
  revisedTarget?: IsoDate;
  endedOn?: IsoDate;
}

/** The record of a claim made on `recordedOn`, numbered after the ones before it when the engine gave it no place. */
export function claimedException(existing: readonly { seq: number }[], claim: ExceptionClaim, recordedOn: IsoDate): ExceptionRecordFields {
  return defined({
    seq: claim.seq ?? Math.max(0, ...existing.map((e) => e.seq)) + 1,
    from: claim.from,
    to: claim.to,
    adviceRequestedOn: claim.adviceRequestedOn,
    note: claim.note,
    evidence: claim.evidence,
    impracticalBecause: claim.impracticalBecause,
    familyToldOn: claim.familyToldOn,
    recordedOn,
    approvedBy: claim.approvedBy,
    approvedOn: claim.approvedBy === undefined ? undefined : recordedOn,
  });
}

/** The exceptions after an approval or an ending. */
export function withExceptionChange<Record extends ExceptionRecordFields>(exceptions: Record[], event: ExceptionApprovedEvent | ExceptionEndedEvent): Record[] {
  return exceptions.map((e) => {
    if (e.seq !== event.exceptionSeq) return e;
    const revisedTarget = event.revisedTarget ?? e.revisedTarget;
    return event.type === 'EXCEPTION_APPROVED'
      ? defined({ ...e, approvedBy: event.approvedBy, approvedOn: event.occurredOn, revisedTarget })
      : defined({ ...e, to: event.to, endedOn: event.occurredOn, revisedTarget });
  });
}

/** Null when the approval or ending may be recorded; otherwise why not. */
export function exceptionChangeRefusal(exceptions: readonly ExceptionRecordFields[], event: ExceptionApprovedEvent | ExceptionEndedEvent): string | null {
  const exception = exceptions.find((e) => e.seq === event.exceptionSeq);
  if (exception === undefined) return `There is no exception recorded at trail place ${event.exceptionSeq}; exceptions: ${exceptions.map((e) => e.seq).join(', ') || 'none'}.`;
  if (event.revisedTarget !== undefined && !isIsoDate(event.revisedTarget)) return `revisedTarget must be a calendar date YYYY-MM-DD, not "${event.revisedTarget}".`;
  if (event.type === 'EXCEPTION_APPROVED') return exception.approvedBy === undefined ? null : `The exception at trail place ${event.exceptionSeq} was already approved by ${exception.approvedBy} on ${exception.approvedOn}.`;
  if (exception.to !== undefined) return `The exception at trail place ${event.exceptionSeq} already ended on ${exception.to}.`;
  if (!isIsoDate(event.to)) return `to must be a calendar date YYYY-MM-DD, not "${String(event.to)}".`;
  if (event.to < exception.from) return `The exception cannot end (${event.to}) before it started (${exception.from}).`;
  return event.to > event.occurredOn ? `The exception's end (${event.to}) cannot be after the day it is recorded (${event.occurredOn}).` : null;
}

/**
 * The days of an absence from the area that fall within a limit's period, both ends counted:
 * days before the period starts or after its due date excuse nothing (reg 27(3)(d), reg 44(3)).
 */
export function absenceDaysWithin(absence: { from: IsoDate; to: IsoDate }, period: { start: IsoDate; dueOn: IsoDate }): number {
  const from = absence.from > period.start ? absence.from : period.start;
  const to = absence.to < period.dueOn ? absence.to : period.dueOn;
  return to < from ? 0 : daysBetween(from, to) + 1;
}
