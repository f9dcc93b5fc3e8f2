import { Clock } from '../../src/common/clock.js';

/** A clock that stands still at noon UTC on a given day until the test moves it. */
export class FixedClock extends Clock {
  private instant: Date;

  constructor(today: string) {
    super();
    this.instant = new Date(`${today}T12:00:00Z`);
  }

  now(): Date {
    return new Date(this.instant);
  }

  setToday(today: string): void {
    this.instant = new Date(`${today}T12:00:00Z`);
  }

  /** A precise moment, for what happens at a time of day (07:00 digests, 08:00 alerts). */
  setNow(instant: Date): void {
    this.instant = new Date(instant);
  }
}
