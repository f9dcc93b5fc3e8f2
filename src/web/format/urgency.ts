import { addWorkingDays, type IsoDate, type LimitRecord } from '../../../workflows/ehc-needs-assessment/index.js';
import { daysLeft } from './dates.js';

export type Rag = 'red' | 'amber' | 'green';

export interface Urgency {
  daysLeft: number;
  /** "3 days left", "Due today", "2 days overdue". */
  daysLeftText: string;
  rag: Rag;
  /** The words on the tag: colour alone never carries the meaning (WCAG 2.2, 1.4.1). */
  tagText: string;
  tagClass: string;
}

/** Working days before the due date at which the alerts warn (domain document 5.2): 10, then 5. */
const AMBER_WORKING_DAYS = 10;
const RED_WORKING_DAYS = 5;

const TAGS: Record<Rag, { tagText: string; tagClass: string }> = {
  red: { tagText: 'Urgent', tagClass: 'govuk-tag--red' },
  amber: { tagText: 'Due soon', tagClass: 'govuk-tag--yellow' },
  green: { tagText: 'On track', tagClass: 'govuk-tag--green' },
};

/**
 * The red/amber/green rule, the same on every page: red when the due date has passed or is
 * within 5 working days (the second alert), amber within 10 working days (the first alert),
 * green otherwise. Working days leave out weekends and England's bank holidays.
 */
export function urgency(dueOn: IsoDate, today: IsoDate): Urgency {
  const days = daysLeft(dueOn, today);
  const rag: Rag = dueOn <= addWorkingDays(today, RED_WORKING_DAYS) ? 'red' : dueOn <= addWorkingDays(today, AMBER_WORKING_DAYS) ? 'amber' : 'green';
  const overdue = days < 0;
  return {
    daysLeft: days,
    daysLeftText: daysLeftText(days),
    rag,
    tagText: overdue ? 'Overdue' : TAGS[rag].tagText,
    tagClass: TAGS[rag].tagClass,
  };
}

export function daysLeftText(days: number): string {
  if (days === 0) return 'Due today';
  const count = Math.abs(days);
  const unit = count === 1 ? 'day' : 'days';
  return days > 0 ? `${count} ${unit} left` : `${count} ${unit} overdue`;
}

/**
 * A limit's urgency, counted to the date its alerts use: only while it is open with a target
 * (a held limit has none yet), never for the family's window. A latest date (reg 10(1) times
 * only a notice not to issue) that has passed is urgent, not overdue: nothing was breached.
 */
export function limitUrgency(limit: Pick<LimitRecord, 'open' | 'role' | 'targetOn'>, today: IsoDate): Urgency | undefined {
  if (!limit.open || limit.targetOn === null || limit.role === 'window') return undefined;
  const shown = urgency(limit.targetOn, today);
  if (limit.role !== 'latest_date' || shown.daysLeft >= 0) return shown;
  const days = -shown.daysLeft;
  return { ...shown, daysLeftText: `Latest date passed ${days} ${days === 1 ? 'day' : 'days'} ago`, tagText: TAGS.red.tagText };
}
