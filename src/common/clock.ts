import { londonToday, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/**
 * The source of "now". Injected everywhere time matters so that tests and simulations
 * can move time; statutory "today" is always the calendar date in Europe/London.
 */
export abstract class Clock {
  abstract now(): Date;

  today(): IsoDate {
    return londonToday(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
