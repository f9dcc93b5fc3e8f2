import type { DataSource } from 'typeorm';
import { DISPUTED_DECISIONS, type DisputedDecision } from '../../workflows/ehc-dispute/index.js';
import { limitStatusSql } from '../limits/limit-sql.js';
import { splitTotal, type GroupedRow } from './report-grouping.js';

type CountRow = GroupedRow & Record<string, unknown>;
import type { Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';

/**
 * What the dispute reports share: a cohort of disputes chosen by a date in their facts (the
 * replayed snapshot, so a corrected event counts as corrected), counted per disputed decision.
 * Disputes are few beside cases and plans (hundreds a year per authority), so reading their
 * snapshots costs nothing worth an index.
 */

/** The status today of the dispute's limit `name`, by the one definition (src/limits/limit-sql.ts); null when it has none. */
export function disputeLimitStatusSql(name: string, today: string): string {
  return `(SELECT ${limitStatusSql('dl', today)} FROM dispute_deadline dl WHERE dl.dispute_id = p.id AND dl.name = '${name}')`;
}

/** A date of the dispute's facts, as text (ISO dates compare as text). */
export const factSql = (path: string[]): string => `p.snapshot->'context'${path.slice(0, -1).map((key) => `->'${key}'`).join('')}->>'${path.at(-1)}'`;

export type ByDecision<F> = (F & { decision: DisputedDecision })[];

/**
 * Runs `select` (the counts, over the CTE `cohort` with column `decision`) once for the total and
 * once per decision, every decision listed, those with none included.
 */
export async function countByDecision<F>(
  db: DataSource,
  cohortSql: string,
  counts: string,
  params: unknown[],
  figures: (row: CountRow | undefined) => F,
): Promise<{ total: F; byDecision: ByDecision<F> }> {
  const sql = `WITH cohort AS (${cohortSql})
    SELECT decision AS grp, GROUPING(decision) AS is_total, ${counts}
    FROM cohort GROUP BY GROUPING SETS ((), (decision))`;
  const { total, groups } = splitTotal(await reportQuery<CountRow>(db, sql, params));
  const byKey = new Map(groups.map((g) => [g.grp, g]));
  return { total: figures(total), byDecision: DISPUTED_DECISIONS.map((decision) => ({ decision, ...figures(byKey.get(decision)) })) };
}

export const PERIOD_PARAMS = (authorityId: string, period: Period, today: string) => [authorityId, period.from, period.to, today];

/** The counts of a row, each selected `AS "<field>"`, as numbers; 0 where the row is missing (no dispute of that decision). */
export function counted<K extends string>(row: Record<string, unknown> | undefined, fields: readonly K[]): Record<K, number> {
  return Object.fromEntries(fields.map((field) => [field, Number(row?.[field] ?? 0)])) as Record<K, number>;
}
