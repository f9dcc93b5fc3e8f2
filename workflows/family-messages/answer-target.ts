/**
 * The authority's target for answering a message from the family (issue 16 item 3). It is not
 * a statutory limit, but the inspections behind this project found families "not informed or
 * answered", so it is kept and alerted like one: the same limit record, the same status, the same
 * "due today" and "missed" alerts. The target is counted in working days (domain document 5.1)
 * from the day the message arrived, and fixed then from the authority's setting.
 */
import type { IsoDate } from '../calendar/dates.js';
import { addWorkingDays, isWorkingDay } from '../calendar/working-days.js';
import { addDays } from '../calendar/dates.js';
import { type DeadlineStatus, type LimitRecord, limitStatus } from '../limits/index.js';

/** The target when the authority has set none: 10 working days, about a fortnight. */
export const DEFAULT_ANSWER_WORKING_DAYS = 10;

/** Names the limit of one message among a case's alerts and notifications: `familyMessage.<message id>`. */
export const ANSWER_LIMIT_PREFIX = 'familyMessage.';

export const ANSWER_REGULATION = 'the authority’s target for answering the family (not a statutory limit)';

export interface FamilyMessageFacts {
  id: string;
  receivedOn: IsoDate;
  answerDueOn: IsoDate;
  answeredOn: IsoDate | null;
}

/** The last day of the target: a message on a Saturday is counted from Monday, as working days are. */
export function answerDueOn(receivedOn: IsoDate, workingDays: number): IsoDate {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new Error('the answer target must be a whole number of working days, at least 1');
  return addWorkingDays(receivedOn, workingDays);
}

/** Working days from the message to its answer: an answer the same day or the next working day took 0 or 1. */
export function workingDaysToAnswer(receivedOn: IsoDate, answeredOn: IsoDate): number {
  let days = 0;
  for (let day = addDays(receivedOn, 1); day <= answeredOn; day = addDays(day, 1)) if (isWorkingDay(day)) days++;
  return days;
}

export function answerLimitName(messageId: string): string {
  return `${ANSWER_LIMIT_PREFIX}${messageId}`;
}

/** The message's target as the limit model keeps every limit: met on the day it was answered. */
export function answerLimit(message: FamilyMessageFacts): LimitRecord {
  return {
    name: answerLimitName(message.id),
    role: 'limit',
    dueOn: message.answerDueOn,
    metOn: message.answeredOn,
    open: message.answeredOn === null,
    closedOn: null,
    excepted: false,
    held: false,
    revisedTarget: null,
    targetOn: message.answerDueOn,
    statutory: false,
    regulation: ANSWER_REGULATION,
    noticeAssumed: false,
    measuredFrom: null,
  };
}

/** `pending`, `met`, `met_late` or `breached` (unanswered after its target), as on every other limit. */
export function answerStatus(message: FamilyMessageFacts, today: IsoDate): DeadlineStatus {
  return limitStatus(answerLimit(message), today);
}
