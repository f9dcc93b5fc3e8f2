/**
 * From what a process knows of one limit to the record that is stored (design section 7):
 * every process kind derives these instances from its own facts, and this turns them into
 * LimitRecords the same way for all of them, exceptions included (domain document section 4).
 */
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.js';
import type { LimitRecord, LimitRole } from './limit-record.js';

/** An approved exception's dates; `to` is null while it is still running. */
export interface ExceptionPeriod {
  from: IsoDate;
  to: IsoDate | null;
}

export interface LimitInstance {
  name: string;
  role: LimitRole;
  statutory: boolean;
  regulation: string;
  /** The day its period starts: the date the clock runs from. */
  periodStart: IsoDate;
  dueOn: IsoDate;
  metOn: IsoDate | null;
  noticeAssumed: boolean;
  /** It can never fall due (for example the "no plan" notice once the decision is to issue). */
  notApplicable: boolean;
  closedOn: IsoDate | null;
  /** The approved exceptions that relax this limit. */
  exceptions: ExceptionPeriod[];
  /** A revised target the authority set itself for this limit. */
  ownTarget: IsoDate | null;
  /**
   * Exceptions are shown but do not yet move its alerts (reg 4(1): a refusal to assess has no
   * exceptions, so until the decision is made, the 6-week date stands).
   */
  exceptionsPending: boolean;
  /** The earlier step a timeliness measure also counts it from (LimitRecord.measuredFrom). */
  measuredFrom?: IsoDate | null;
}

/**
 * Domain 4, rule 4: the due date plus the days the exceptions covered, from the start of the
 * limit's period; overlapping exceptions count once.
 */
export function daysCovered(periods: ExceptionPeriod[], periodStart: IsoDate): number {
  const spans = periods
    .filter((p): p is { from: IsoDate; to: IsoDate } => p.to !== null)
    .map((p) => ({ from: p.from < periodStart ? periodStart : p.from, to: p.to }))
    .filter((p) => p.from <= p.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let days = 0;
  let coveredTo: IsoDate | null = null;
  for (const span of spans) {
    const from: IsoDate = coveredTo !== null && span.from <= coveredTo ? addDays(coveredTo, 1) : span.from;
    if (from <= span.to) days += daysBetween(from, span.to) + 1;
    if (coveredTo === null || span.to > coveredTo) coveredTo = span.to;
  }
  return days;
}

interface ExceptionEffect {
  excepted: boolean;
  held: boolean;
  revisedTarget: IsoDate | null;
}

function exceptionEffect(limit: LimitInstance): ExceptionEffect {
  if (limit.exceptions.length === 0) return { excepted: false, held: false, revisedTarget: null };
  if (limit.ownTarget !== null) return { excepted: true, held: false, revisedTarget: limit.ownTarget };
  const running = limit.exceptions.some((e) => e.to === null);
  if (running) return { excepted: true, held: true, revisedTarget: null };
  return { excepted: true, held: false, revisedTarget: addDays(limit.dueOn, daysCovered(limit.exceptions, limit.periodStart)) };
}

export function limitRecord(limit: LimitInstance): LimitRecord {
  const base = { name: limit.name, role: limit.role, dueOn: limit.dueOn, statutory: limit.statutory, regulation: limit.regulation, measuredFrom: limit.measuredFrom ?? null };
  if (limit.notApplicable) {
    return { ...base, metOn: null, open: false, closedOn: null, excepted: false, held: false, revisedTarget: null, targetOn: null, noticeAssumed: false };
  }
  const effect = exceptionEffect(limit);
  const relaxing = limit.exceptionsPending ? { excepted: false, held: false } : effect;
  const targetOn = relaxing.held ? null : relaxing.excepted ? effect.revisedTarget : limit.dueOn;
  const met = limit.metOn !== null;
  return {
    ...base,
    ...relaxing,
    revisedTarget: effect.revisedTarget,
    targetOn,
    metOn: limit.metOn,
    noticeAssumed: met && limit.noticeAssumed,
    open: !met && limit.closedOn === null,
    closedOn: met ? null : limit.closedOn,
  };
}
