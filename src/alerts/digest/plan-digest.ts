import { addDays, daysBetween, isDueSoon, isOverdue, type IsoDate, type LimitRole } from '../../../workflows/ehc-needs-assessment/index.js';
import { byAssignee, DUE_SOON_DAYS } from './digest-content.js';

/** An open annual review or phase transfer limit of a maintained plan, with its target up to the digest's horizon. */
export interface PlanDigestDeadline {
  planId: string;
  reference: string;
  assigneeId: string | null;
  assigneeEmail: string | null;
  deadline: string;
  role: LimitRole;
  dueOn: IsoDate;
}

export interface PlanDigestItem {
  planId: string;
  reference: string;
  deadline: string;
  dueOn: IsoDate;
  /** Days overdue for overdue reviews; days left for the other lists, negative once the target has passed. */
  days: number;
}

export interface PlanDigestTeam {
  assignee: string | null;
  reviewsOverdue: PlanDigestItem[];
  reviewsDueSoon: PlanDigestItem[];
  phaseTransfersAtRisk: PlanDigestItem[];
}

export interface PlanDigest {
  totals: { reviewsOverdue: number; reviewsDueSoon: number; phaseTransfersAtRisk: number };
  teams: PlanDigestTeam[];
}

type Section = 'reviewsOverdue' | 'reviewsDueSoon' | 'phaseTransfersAtRisk';

// The latest cycle's limit is unsuffixed; an earlier cycle left open (`annualReview.1`) is as late.
const ANNUAL_REVIEW = /^annualReview(\.\d+)?$/;
const PHASE_TRANSFER = /^phaseTransfer(\.\d+)?$/;

/** The plan limits the digest reads, in SQL over the plan_deadline alias `d`. */
export function planDigestLimitsSql(d: string): string {
  return `(${d}.name ~ '${ANNUAL_REVIEW.source}' OR ${d}.name ~ '${PHASE_TRANSFER.source}')`;
}

/**
 * The maintained plans' part of the morning list, per caseworker: annual reviews missed (CFA 2014
 * s.44(1)) and due within 14 days, and phase transfers whose amended plan is due within 14 days
 * or already late (reg 18: the 15 February and 31 March dates cannot move).
 */
export function composePlanDigest(deadlines: PlanDigestDeadline[], today: IsoDate): PlanDigest {
  const teams = new Map<string | null, PlanDigestTeam>();
  const totals = { reviewsOverdue: 0, reviewsDueSoon: 0, phaseTransfersAtRisk: 0 };
  for (const row of [...deadlines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference))) {
    const section = sectionOf(row, today);
    if (!section) continue;
    const assignee = row.assigneeEmail ?? row.assigneeId;
    const team = teams.get(assignee) ?? { assignee, reviewsOverdue: [], reviewsDueSoon: [], phaseTransfersAtRisk: [] };
    teams.set(assignee, team);
    const days = section === 'reviewsOverdue' ? daysBetween(row.dueOn, today) : daysBetween(today, row.dueOn);
    team[section].push({ planId: row.planId, reference: row.reference, deadline: row.deadline, dueOn: row.dueOn, days });
    totals[section]++;
  }
  return { totals, teams: [...teams.values()].sort(byAssignee) };
}

function sectionOf(row: PlanDigestDeadline, today: IsoDate): Section | undefined {
  const limit = { open: true, role: row.role, targetOn: row.dueOn };
  const overdue = isOverdue(limit, today);
  const dueSoon = isDueSoon(limit, today, addDays(today, DUE_SOON_DAYS));
  if (ANNUAL_REVIEW.test(row.deadline)) return overdue ? 'reviewsOverdue' : dueSoon ? 'reviewsDueSoon' : undefined;
  if (PHASE_TRANSFER.test(row.deadline) && (overdue || dueSoon)) return 'phaseTransfersAtRisk';
  return undefined;
}
