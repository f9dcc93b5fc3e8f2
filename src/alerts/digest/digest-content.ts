import { addDays, daysBetween, isDueSoon, isOverdue, type IsoDate, type LimitRole } from '../../../workflows/ehc-needs-assessment/index.js';
import type { DisputeDigest } from './dispute-digest.js';
import type { PlanDigest } from './plan-digest.js';

/** How far ahead the digest looks for statutory limits falling due. */
export const DUE_SOON_DAYS = 14;

/** An open limit with a target (not held by a running exception), with the caseworker it is assigned to. */
export interface DigestDeadline {
  caseId: string;
  reference: string;
  /** The assignee as recorded on the case, and the account's email when it names one. */
  assigneeId: string | null;
  assigneeEmail: string | null;
  deadline: string;
  role: LimitRole;
  /** Its target: the revised target when an exception relaxes it. */
  dueOn: IsoDate;
}

export interface DigestItem {
  /** Null once the case was deleted under the retention review: the line stays as it was sent, without the link. */
  caseId: string | null;
  reference: string;
  deadline: string;
  dueOn: IsoDate;
  /** Days overdue for the overdue lists, days left for the due-soon list. */
  days: number;
}

export interface DigestTeam {
  /** The caseworker: the account's email, the recorded assignee, or null when nobody is assigned. */
  assignee: string | null;
  overdue: DigestItem[];
  dueSoon: DigestItem[];
  adviceOverdue: DigestItem[];
}

/** The assessments' sections (`totals`, `teams`), then the maintained plans', then the disputes'. */
export interface DigestContent {
  digestOn: IsoDate;
  totals: { overdue: number; dueSoon: number; adviceOverdue: number };
  teams: DigestTeam[];
  /** Absent from digests raised before plans were tracked: they are kept as sent. */
  plans?: PlanDigest;
  /** Tribunal orders and agreements due; absent from digests raised before disputes were tracked. */
  disputes?: DisputeDigest;
}

type Section = 'overdue' | 'dueSoon' | 'adviceOverdue';

/**
 * The managers' morning list, per caseworker ("team"; there is no team record yet): statutory
 * limits already missed, statutory limits due within 14 days, and advice past its 6 weeks.
 */
export function composeDigest(deadlines: DigestDeadline[], today: IsoDate): DigestContent {
  const teams = new Map<string | null, DigestTeam>();
  const totals = { overdue: 0, dueSoon: 0, adviceOverdue: 0 };
  for (const row of [...deadlines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference))) {
    const section = sectionOf(row, today);
    if (!section) continue;
    const assignee = row.assigneeEmail ?? row.assigneeId;
    const team = teams.get(assignee) ?? { assignee, overdue: [], dueSoon: [], adviceOverdue: [] };
    teams.set(assignee, team);
    const days = section === 'dueSoon' ? daysBetween(today, row.dueOn) : daysBetween(row.dueOn, today);
    team[section].push({ caseId: row.caseId, reference: row.reference, deadline: row.deadline, dueOn: row.dueOn, days });
    totals[section]++;
  }
  return { digestOn: today, totals, teams: [...teams.values()].sort(byAssignee) };
}

function sectionOf(row: DigestDeadline, today: IsoDate): Section | undefined {
  const advice = row.deadline.startsWith('advice.');
  const limit = { open: true, role: row.role, targetOn: row.dueOn };
  if (isOverdue(limit, today)) return advice ? 'adviceOverdue' : 'overdue';
  if (!advice && isDueSoon(limit, today, addDays(today, DUE_SOON_DAYS))) return 'dueSoon';
  return undefined;
}

/** Named caseworkers alphabetically; unassigned cases and plans last, where they stand out. */
export function byAssignee(a: { assignee: string | null }, b: { assignee: string | null }): number {
  if (a.assignee === null || b.assignee === null) return a.assignee === null ? 1 : -1;
  return a.assignee.localeCompare(b.assignee);
}
