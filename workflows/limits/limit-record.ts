/**
 * What every statutory process stores of a limit, and the one definition of its status, of
 * "overdue" and of "due soon" (design section 7). A record holds facts only: nothing in it
 * depends on today, so a stored row never goes stale; the status is computed when it is read.
 * `src/limits/limit-sql.ts` states the same rules in SQL, and a test holds the two together.
 */
import type { IsoDate } from '../calendar/dates.js';

export const DEADLINE_STATUSES = ['pending', 'met', 'met_late', 'breached', 'exception', 'not_applicable'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

/**
 * - `limit`: a duty on the authority (statutory, or a target): warnings, "due today", a breach.
 * - `latest_date`: the last day for a step the law times only one way (reg 10(1) times only a
 *   notice that no plan will be issued): shown and warned about, never a breach or overdue.
 * - `window`: a minimum period for the family (reg 13(1)(a)): shown, never alerted or overdue.
 */
export const LIMIT_ROLES = ['limit', 'latest_date', 'window'] as const;
export type LimitRole = (typeof LIMIT_ROLES)[number];

export interface LimitRecord {
  name: string;
  role: LimitRole;
  dueOn: IsoDate;
  /** The day the step that meets it took effect (a notice's served date), if it has. */
  metOn: IsoDate | null;
  /** Still awaiting its step: it applies, the step has not happened, the process has not closed it off. */
  open: boolean;
  /** The day the process closed without the step (a withdrawal, or a decision that ended the case). */
  closedOn: IsoDate | null;
  /** An approved exception relaxes it. */
  excepted: boolean;
  /** An approved exception against it has not ended: it has no target yet, raises nothing, and is `exception`. */
  held: boolean;
  /** The due date moved on by the days the exceptions covered (or the authority's own date). */
  revisedTarget: IsoDate | null;
  /** The date alerts and the overdue and due-soon lists use: the revised target when excepted; null while held. */
  targetOn: IsoDate | null;
  statutory: boolean;
  regulation: string;
  /** `metOn` is the step's own date because no notice to the family was recorded: a guess to check. */
  noticeAssumed: boolean;
  /**
   * The earlier step a timeliness measure also counts this limit from, where one does: an
   * amendment a review proposed is measured from that review's meeting (12 weeks, Devon [2022]).
   */
  measuredFrom: IsoDate | null;
}

export interface Deadline extends LimitRecord {
  status: DeadlineStatus;
}

/** What the overdue and due-soon rules read of a limit. */
export type ListedLimit = Pick<LimitRecord, 'open' | 'role' | 'targetOn'>;

/** Past its target without the step: on the overdue lists, and the day after its breach alert. */
export function isOverdue(limit: ListedLimit, today: IsoDate): boolean {
  return limit.open && limit.role === 'limit' && limit.targetOn !== null && limit.targetOn < today;
}

/** Open with its target between `today` and `until`, both included (warnings, digests, early warning). */
export function isDueSoon(limit: ListedLimit, today: IsoDate, until: IsoDate): boolean {
  return limit.open && limit.role !== 'window' && limit.targetOn !== null && limit.targetOn >= today && limit.targetOn <= until;
}

/** A window is honoured once it has run its course, or earlier by the family's written waiver. */
function windowStatus(limit: LimitRecord, today: IsoDate): DeadlineStatus {
  if (limit.metOn !== null) return 'met';
  if (limit.closedOn !== null) return limit.closedOn <= limit.dueOn ? 'not_applicable' : 'met';
  return today > limit.dueOn ? 'met' : 'pending';
}

function metStatus(limit: LimitRecord, metOn: IsoDate): DeadlineStatus {
  if (metOn <= limit.dueOn) return 'met';
  const withinException = limit.held || (limit.revisedTarget !== null && metOn <= limit.revisedTarget);
  return limit.excepted && withinException ? 'exception' : 'met_late';
}

/** Closed off without its step: missed if its target had passed by then, otherwise it fell away. */
function closedStatus(limit: LimitRecord): DeadlineStatus {
  if (limit.closedOn === null || limit.role !== 'limit' || limit.targetOn === null) return 'not_applicable';
  return limit.closedOn > limit.targetOn ? 'breached' : 'not_applicable';
}

export function limitStatus(limit: LimitRecord, today: IsoDate): DeadlineStatus {
  if (limit.role === 'window') return windowStatus(limit, today);
  if (limit.metOn !== null) return metStatus(limit, limit.metOn);
  if (!limit.open) return closedStatus(limit);
  if (limit.held) return 'exception';
  if (isOverdue(limit, today)) return 'breached';
  return limit.excepted ? 'exception' : 'pending';
}

/** The limit as a caseworker reads it today; a window that has run its course shows its last day as met. */
export function deadlineOn(limit: LimitRecord, today: IsoDate): Deadline {
  const status = limitStatus(limit, today);
  const ranItsCourse = limit.role === 'window' && status === 'met' && limit.metOn === null;
  return { ...limit, metOn: ranItsCourse ? limit.dueOn : limit.metOn, status };
}
