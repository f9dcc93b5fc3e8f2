/**
 * Which alerts a case's deadlines call for, and when (domain document 5.2): warnings a number
 * of working days before a statutory limit, a reminder on the day it falls due, a breach alert
 * the day after; for advice, reminders to the contributor before and on the due day and an
 * escalation the day after, repeated weekly while the advice is outstanding. Every alert fires
 * at the authority's alert time (Europe/London), never at midnight.
 */
import { LocalDate, LocalDateTime, LocalTime, ZoneId, ZonedDateTime } from '@js-joda/core';
import '@js-joda/timezone';
import type { LimitRecord } from '../../limits/index.js';
import type { IsoDate } from '../types.js';
import { addDays } from '../../calendar/dates.js';
import { addWorkingDays } from '../../calendar/working-days.js';

/**
 * `advice_received` and `family_message` are never planned: the advice portal raises the first
 * when a contributor sends the advice (issue 16 item 2), the family pages the second when the
 * family writes (issue 16 item 3).
 */
export const ALERT_KINDS = ['deadline_warning', 'deadline_breach', 'advice_reminder', 'advice_escalation', 'advice_received', 'family_message'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What alerting needs of a stored limit: alerts fall on its target (the revised one when excepted). */
export type DeadlineFacts = Pick<LimitRecord, 'name' | 'role' | 'open' | 'targetOn'>;

export interface AlertPolicy {
  /** Working days before the due date; default 10 and 5 (domain document 5.2). */
  warningWorkingDays: number[];
  /** Local time of day, `HH:mm`. */
  alertTime: string;
}

export interface PlannedAlert {
  kind: AlertKind;
  deadline: string;
  /** The date the alert is about: the limit's target when it was planned. */
  dueOn: IsoDate;
  /** Stable within a deadline and due date: `w10`, `w5`, `due`, `breach`, `esc1`, `esc2`, … */
  slot: string;
  on: IsoDate;
  at: Date;
}

export interface AlertPlan {
  /** The most recent alert per deadline whose time has come: raise it now (if not raised yet). */
  now: PlannedAlert[];
  /** Alerts still to come, to be scheduled. */
  later: PlannedAlert[];
}

const WEEK = 7;

type Alerted = DeadlineFacts & { targetOn: IsoDate };

export function planAlerts(deadlines: DeadlineFacts[], policy: AlertPolicy, now: Date): AlertPlan {
  const plan: AlertPlan = { now: [], later: [] };
  for (const deadline of deadlines) {
    // A window never alerts; a limit held by a running exception has no target to alert on yet.
    if (!deadline.open || deadline.targetOn === null || !alertsFor(deadline)) continue;
    const slots = slotsFor(deadline as Alerted, policy, now);
    const past = slots.filter((slot) => slot.at <= now);
    if (past.length > 0) plan.now.push(past[past.length - 1]);
    plan.later.push(...slots.filter((slot) => slot.at > now));
  }
  return plan;
}

/** Windows (`representations`) are the family's time, not the authority's limit: they never alert. */
export function alertsFor(deadline: Pick<LimitRecord, 'role'>): boolean {
  return deadline.role !== 'window';
}

function slotsFor(deadline: Alerted, policy: AlertPolicy, now: Date): PlannedAlert[] {
  const advice = deadline.name.startsWith('advice.');
  const before: AlertKind = advice ? 'advice_reminder' : 'deadline_warning';
  const after: AlertKind = advice ? 'advice_escalation' : 'deadline_breach';
  const offsets = [...new Set(policy.warningWorkingDays)].filter((n) => n > 0).sort((a, b) => b - a);
  const slot = (kind: AlertKind, name: string, on: IsoDate): PlannedAlert => ({
    kind,
    deadline: deadline.name,
    dueOn: deadline.targetOn,
    slot: name,
    on,
    at: londonInstant(on, policy.alertTime),
  });
  const slots = offsets.map((n) => slot(before, `w${n}`, addWorkingDays(deadline.targetOn, -n)));
  slots.push(slot(before, 'due', deadline.targetOn));
  // Reg 10(1) times only a "no plan" notice: the 16-week date is warned about, never breached.
  if (deadline.role === 'limit') slots.push(slot(after, advice ? 'esc1' : 'breach', addDays(deadline.targetOn, 1)));
  if (advice && deadline.role === 'limit') slots.push(...weeklyEscalations(deadline, now, slot));
  return slots.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Escalations repeat weekly after the first, up to the next one still to come. */
function weeklyEscalations(deadline: Alerted, now: Date, slot: (k: AlertKind, n: string, on: IsoDate) => PlannedAlert): PlannedAlert[] {
  const first = addDays(deadline.targetOn, 1);
  const slots: PlannedAlert[] = [];
  for (let week = 1; slots.length === 0 || slots[slots.length - 1].at <= now; week++) {
    slots.push(slot('advice_escalation', `esc${week + 1}`, addDays(first, WEEK * week)));
  }
  return slots;
}

/** The instant of a local date and time in Europe/London, across the clock changes. */
export function londonInstant(date: IsoDate, time: string): Date {
  const local = LocalDateTime.of(LocalDate.parse(date), LocalTime.parse(time));
  return new Date(ZonedDateTime.of(local, ZoneId.of('Europe/London')).toInstant().toEpochMilli());
}
