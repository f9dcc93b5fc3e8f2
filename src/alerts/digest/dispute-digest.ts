import { addDays, daysBetween, isDueSoon, isOverdue, type IsoDate, type LimitRole } from '../../../workflows/ehc-needs-assessment/index.js';
import { ORDER_STEPS } from '../../../workflows/ehc-dispute/index.js';
import { byAssignee, DUE_SOON_DAYS } from './digest-content.js';

/** An open order step or mediation agreement of a dispute, with its target up to the digest's horizon. */
export interface DisputeDigestDeadline {
  disputeId: string;
  reference: string;
  assigneeId: string | null;
  assigneeEmail: string | null;
  deadline: string;
  role: LimitRole;
  dueOn: IsoDate;
}

export interface DisputeDigestItem {
  /** Null once the dispute's case was deleted under the retention review: the line stays as it was sent. */
  disputeId: string | null;
  reference: string;
  deadline: string;
  dueOn: IsoDate;
  /** Days overdue for overdue steps; days left for those due soon. */
  days: number;
}

export interface DisputeDigestTeam {
  assignee: string | null;
  ordersOverdue: DisputeDigestItem[];
  ordersDueSoon: DisputeDigestItem[];
}

/** "Tribunal orders and agreements due". */
export interface DisputeDigest {
  totals: { ordersOverdue: number; ordersDueSoon: number };
  teams: DisputeDigestTeam[];
}

// An earlier order's steps left open carry its place (`orderNotice.1`); a mediation agreement has one limit.
const ORDER_LIMIT = new RegExp(`^((${ORDER_STEPS.join('|')})(\\.\\d+)?|mediationAgreement)$`);

/** The dispute limits the digest reads, in SQL over the dispute_deadline alias `d`. */
export function disputeDigestLimitsSql(d: string): string {
  return `(${d}.name ~ '${ORDER_LIMIT.source}')`;
}

/**
 * The disputes' part of the morning list, per caseworker: the steps of a Tribunal order, a
 * concession or a mediation agreement already late (SEND Regs 2014 reg 44(2), reg 45, reg 42)
 * and those due within 14 days. A latest date (the decision not to issue) is never overdue.
 */
export function composeDisputeDigest(deadlines: DisputeDigestDeadline[], today: IsoDate): DisputeDigest {
  const teams = new Map<string | null, DisputeDigestTeam>();
  const totals = { ordersOverdue: 0, ordersDueSoon: 0 };
  for (const row of [...deadlines].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference))) {
    if (!ORDER_LIMIT.test(row.deadline)) continue;
    const limit = { open: true, role: row.role, targetOn: row.dueOn };
    const section = isOverdue(limit, today) ? 'ordersOverdue' : isDueSoon(limit, today, addDays(today, DUE_SOON_DAYS)) ? 'ordersDueSoon' : undefined;
    if (!section) continue;
    const assignee = row.assigneeEmail ?? row.assigneeId;
    const team = teams.get(assignee) ?? { assignee, ordersOverdue: [], ordersDueSoon: [] };
    teams.set(assignee, team);
    const days = section === 'ordersOverdue' ? daysBetween(row.dueOn, today) : daysBetween(today, row.dueOn);
    team[section].push({ disputeId: row.disputeId, reference: row.reference, deadline: row.deadline, dueOn: row.dueOn, days });
    totals[section]++;
  }
  return { totals, teams: [...teams.values()].sort(byAssignee) };
}
