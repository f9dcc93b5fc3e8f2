import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/calendar/dates.js';
import { disputeFactsOf } from '../../workflows/ehc-dispute/index.js';

/**
 * The dates an order sets (reg 44(2)), as its dispute's clock holds them: to assess or re-assess,
 * a decision whether to issue and the final plan; to issue a plan, the final plan only.
 */
export interface OrderDates {
  issueDecisionBy?: IsoDate;
  finalPlanBy?: IsoDate;
}

/** An order in force to re-assess a plan's child: a refusal to re-assess overturned, conceded or agreed at mediation. */
export interface ReassessmentOrder extends Required<OrderDates> {
  disputeReference: string;
  on: IsoDate;
}

/** Undefined before the dispute's clock has computed any of them. */
export async function orderDatesOf(db: EntityManager, disputeId: string): Promise<OrderDates | undefined> {
  const rows: { name: string; due_on: IsoDate }[] = await db.query(
    `SELECT name, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM dispute_deadline WHERE dispute_id = $1 AND name IN ('orderIssueDecision', 'orderFinalPlan')`,
    [disputeId],
  );
  const due = Object.fromEntries(rows.map((row) => [row.name, row.due_on]));
  if (!due.orderIssueDecision && !due.orderFinalPlan) return undefined;
  return { ...(due.orderIssueDecision && { issueDecisionBy: due.orderIssueDecision }), ...(due.orderFinalPlan && { finalPlanBy: due.orderFinalPlan }) };
}

/** The latest dispute of the plan's refusal to re-assess, when the order in force there is to re-assess. */
export async function reassessmentOrderOf(db: EntityManager, planId: string): Promise<ReassessmentOrder | undefined> {
  const [dispute] = await db.query(
    `SELECT id, reference, snapshot FROM dispute WHERE plan_id = $1 AND decision = 'refusal_to_reassess' ORDER BY created_at DESC, id LIMIT 1`,
    [planId],
  );
  const order = dispute && disputeFactsOf(dispute.snapshot).orders.at(-1);
  if (!order?.actions.includes('reassess')) return undefined;
  const dates = await orderDatesOf(db, dispute.id);
  if (!dates?.issueDecisionBy || !dates.finalPlanBy) return undefined;
  return { disputeReference: dispute.reference, on: order.on, issueDecisionBy: dates.issueDecisionBy, finalPlanBy: dates.finalPlanBy };
}
