/**
 * The statutory clock: every limit of a case as stored (facts only) and as read on a day
 * (design section 4, domain document sections 4 and 5). Pure functions of the case's facts.
 */
import { toDate } from '../../calendar/dates.js';
import { deadlineOn, limitRecord, type LimitRecord } from '../../limits/index.js';
import type { CaseFacts, ClockOptions, Deadline, IsoDate } from '../types.js';
import { caseLimits } from './case-limits.js';

/** Every limit of the case in a stable order (request limits, advice, representations); nothing here depends on today. */
export function computeLimitRecords(facts: CaseFacts, options: ClockOptions): LimitRecord[] {
  return caseLimits(facts, options.strictMode).map(limitRecord);
}

/** Every deadline with its status on `today`. */
export function computeDeadlines(facts: CaseFacts, today: IsoDate, options: ClockOptions): Deadline[] {
  toDate(today); // a malformed "today" is a programming error: fail loudly
  return computeLimitRecords(facts, options).map((limit) => deadlineOn(limit, today));
}
