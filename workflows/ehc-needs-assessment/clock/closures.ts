/**
 * The school / early-years closure exceptions (SEND Regs 2014 reg 5(4)(a)-(b), reg 10(4)(a)-(b),
 * applied to the final plan by reg 13(3)). Domain document section 4, operational rule:
 * the closure lasts at least 4 continuous weeks (O - C >= 28, C = first closed day, O = the day
 * it reopens) and the LA requested the head teacher's (or early years lead's) advice on a day R
 * with C - 7 <= R <= O - 7, both bounds inclusive.
 */
import type { CaseFacts, ExceptionRecordedEvent, IsoDate } from '../types.js';
import { addDays, daysBetween } from '../../calendar/dates.js';

export interface ClosureWindow {
  from: IsoDate;
  to: IsoDate;
}

const MIN_CLOSURE_DAYS = 28;

/**
 * The window in which an advice request qualifies, for a closure whose first closed day is
 * `firstClosedDay` and last closed day `lastClosedDay` (the event's `from` and `to`); null when
 * the closure is shorter than 4 weeks (half-terms, Christmas and Easter never qualify).
 */
export function closureWindow(firstClosedDay: IsoDate, lastClosedDay: IsoDate): ClosureWindow | null {
  const reopensOn = addDays(lastClosedDay, 1);
  if (daysBetween(firstClosedDay, reopensOn) < MIN_CLOSURE_DAYS) return null;
  return { from: addDays(firstClosedDay, -7), to: addDays(reopensOn, -7) };
}

function paragraph(event: ExceptionRecordedEvent): string {
  return event.exception === 'school_closure' ? 'SEND Regs 2014 reg 10(4)(a)' : 'SEND Regs 2014 reg 10(4)(b)';
}

export function closureClaimError(facts: CaseFacts, event: ExceptionRecordedEvent): string | null {
  if (event.exception !== 'school_closure' && event.exception !== 'early_years_closure') return null;
  const reg = paragraph(event);
  if (event.to === undefined) {
    return `${event.exception} needs "to" (the last day closed): ${reg} applies only to a closure of at least 4 continuous weeks.`;
  }
  const window = closureWindow(event.from, event.to);
  if (window === null) {
    const days = daysBetween(event.from, event.to) + 1;
    return `A closure from ${event.from} to ${event.to} lasts ${days} days; ${reg} needs at least 4 continuous weeks (28 days).`;
  }
  const requests = facts.advice.filter((a) => a.contributor === 'education');
  if (requests.length === 0) {
    // Before the decision to assess the engine holds no request to the school (reg 4(2) stage):
    // the claim is recorded, and relaxes a limit only once educational advice is requested
    // within the window (case-limits). From the assessment on, it is checked here.
    if (facts.decisionToAssess === undefined) return null;
    return `Record the request for the head teacher's or early years lead's advice (ADVICE_REQUESTED, contributor education) first: ${reg} turns on the day that advice was requested.`;
  }
  if (requests.some((r) => r.requestedOn >= window.from && r.requestedOn <= window.to)) return null;
  const dates = requests.map((r) => r.requestedOn).join(', ');
  return `Educational advice was requested on ${dates}, outside ${window.from} to ${window.to} (one week before the closure to one week before it reopens), so ${reg} does not apply.`;
}
