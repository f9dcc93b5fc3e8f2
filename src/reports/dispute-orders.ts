import type { DataSource } from 'typeorm';
import { ORDER_STEPS, type OrderRecord, type OrderStep } from '../../workflows/ehc-dispute/index.js';
import { limitStatusSql } from '../limits/limit-sql.js';
import { counted } from './dispute-figures.js';
import { percent, type Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/** A mediation agreement on matters that cannot be appealed: carried out within 2 weeks (reg 42), not as an order. */
const OTHER_AGREEMENT = 'mediationAgreement';
export type CarriedOutStep = OrderStep | typeof OTHER_AGREEMENT;
const STEPS: readonly CarriedOutStep[] = [...ORDER_STEPS, OTHER_AGREEMENT];
const SOURCES: readonly OrderRecord['source'][] = ['tribunal', 'concession', 'mediation'];

const FIELDS = ['due', 'onTime', 'late', 'excepted', 'openOverdue', 'openNotYetDue', 'notRequired', 'replacedAfterDueDate'] as const;

/**
 * The steps of Tribunal orders, concessions (reg 45) and mediation agreements (reg 42) due in a
 * period, each limit row by its status today; the categories add up to `due`.
 */
export interface OrderOutcomes {
  due: number;
  /** Carried out (the family served the authority's notice) on or before the due date. */
  onTime: number;
  late: number;
  /** A reg 44(3) exception applies: met within it, or still within it. */
  excepted: number;
  openOverdue: number;
  openNotYetDue: number;
  /** No longer asked of the authority: a decision not to issue (no final plan), or a later order replacing it before its date. */
  notRequired: number;
  /** Replaced by a later order after its due date without being carried out: a breach. */
  replacedAfterDueDate: number;
  /** onTime ÷ the steps that fell due and were not excepted: onTime + late + openOverdue + replacedAfterDueDate. */
  percentOnTime: number | null;
}

export interface OrdersFigures {
  orders: OrderOutcomes;
  byStep: (OrderOutcomes & { step: CarriedOutStep })[];
  bySource: (OrderOutcomes & { source: OrderRecord['source'] })[];
}

/** An order step's name carries its order's number when a later order followed (`orderNotice.1`); the latest order's has none. */
const ORDER_OF_ROW = `p.snapshot->'context'->'orders'->(
  CASE WHEN strpos(d.name, '.') > 0 THEN split_part(d.name, '.', 2)::int ELSE jsonb_array_length(p.snapshot->'context'->'orders') END - 1)`;

const ORDERS_SQL = `
  WITH due AS (
    SELECT split_part(d.name, '.', 1) AS step,
      CASE WHEN split_part(d.name, '.', 1) = '${OTHER_AGREEMENT}' THEN 'mediation' ELSE ${ORDER_OF_ROW}->>'source' END AS source,
      d.open, ${limitStatusSql('d', '$4::date')} AS status
    FROM dispute_deadline d JOIN dispute p ON p.id = d.dispute_id
    WHERE d.local_authority_id = $1 AND d.due_on BETWEEN $2 AND $3
      AND (split_part(d.name, '.', 1) = ANY($5)
        OR (d.name = '${OTHER_AGREEMENT}' AND p.snapshot->'context'->'mediation'->'agreement'->>'action' = 'other')))
  SELECT step, source, GROUPING(step) AS all_steps, GROUPING(source) AS all_sources, count(*) AS "due",
    count(*) FILTER (WHERE status = 'met') AS "onTime",
    count(*) FILTER (WHERE status = 'met_late') AS "late",
    count(*) FILTER (WHERE status = 'exception') AS "excepted",
    count(*) FILTER (WHERE open AND status = 'breached') AS "openOverdue",
    count(*) FILTER (WHERE open AND status = 'pending') AS "openNotYetDue",
    count(*) FILTER (WHERE NOT open AND status = 'not_applicable') AS "notRequired",
    count(*) FILTER (WHERE NOT open AND status = 'breached') AS "replacedAfterDueDate"
  FROM due GROUP BY GROUPING SETS ((), (step), (source))`;

interface OrderRow extends Record<string, unknown> {
  step: string | null;
  source: string | null;
  all_steps: number;
  all_sources: number;
}

function outcomes(row: OrderRow | undefined): OrderOutcomes {
  const n = counted(row, FIELDS);
  return { ...n, percentOnTime: percent(n.onTime, n.onTime + n.late + n.openOverdue + n.replacedAfterDueDate) };
}

export async function ordersFigures(db: DataSource, authorityId: string, period: Period, today: string): Promise<OrdersFigures> {
  const rows = await reportQuery<OrderRow>(db, ORDERS_SQL, [authorityId, period.from, period.to, today, ORDER_STEPS]);
  const total = rows.find((r) => Number(r.all_steps) === 1 && Number(r.all_sources) === 1);
  const perStep = new Map(rows.filter((r) => Number(r.all_steps) === 0).map((r) => [r.step, r]));
  const perSource = new Map(rows.filter((r) => Number(r.all_sources) === 0).map((r) => [r.source, r]));
  return {
    orders: outcomes(total),
    byStep: STEPS.map((step) => ({ step, ...outcomes(perStep.get(step)) })),
    bySource: SOURCES.map((source) => ({ source, ...outcomes(perSource.get(source)) })),
  };
}
