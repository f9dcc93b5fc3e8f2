/**
 * Agenda scheduling rules. Nothing pauses the statutory clock for a panel date (domain 5.5):
 * a case whose limit falls before the following meeting must be decided at this one, or it is
 * deferred into a breach (domain 6.2, "Scheduling").
 */
import { LocalDate } from '@js-joda/core';
import type { IsoDate } from '../ehc-needs-assessment/index.js';

export const DEFAULT_CADENCE_DAYS = 14;

export const AGENDA_FLAGS = ['limit_passed_before_meeting', 'due_before_following_meeting'] as const;
export type AgendaFlag = (typeof AGENDA_FLAGS)[number];

/** The next scheduled meeting after this one, or this one plus the panel's cadence if none is set. */
export function followingMeetingDate(meetingDate: IsoDate, laterScheduled: readonly IsoDate[], cadenceDays: number): IsoDate {
  const next = laterScheduled.filter((d) => d > meetingDate).sort()[0];
  return next ?? LocalDate.parse(meetingDate).plusDays(cadenceDays).toString();
}

export function agendaFlags(dueOn: IsoDate, meetingDate: IsoDate, followingMeeting: IsoDate): AgendaFlag[] {
  const flags: AgendaFlag[] = [];
  if (dueOn < meetingDate) flags.push('limit_passed_before_meeting');
  if (dueOn < followingMeeting) flags.push('due_before_following_meeting');
  return flags;
}
