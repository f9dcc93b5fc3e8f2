import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A plan limit's kind: its name without the number of an earlier review or amendment (`annualReview.2` is an `annualReview`). */
const KIND = `(split_part(name, '.', 1))`;
const DECIDES_TO_CEASE = `type = 'CEASE_DECISION' OR (type = 'REVIEW_DECISION' AND payload->>'decision' = 'cease')`;

/**
 * Indexes for the plan reports (src/reports/plan-*.ts), so that each stays a few index-only
 * scans at 640,000 plans. The limit rows are found by kind and due or met date, with every
 * column the status definition (src/limits/limit-sql.ts) reads; `name` is included because
 * PostgreSQL answers from an expression index only when the column under the expression is in it.
 * The trail indexes serve the per-row look-ups of the ceased plans: the plans that ceased in a
 * period, and the cease decision before each.
 */
const INDEXES: Record<string, string> = {
  plan_deadline_kind_due_idx: `ON plan_deadline (local_authority_id, ${KIND}, due_on)
    INCLUDE (name, role, met_on, open, closed_on, excepted, held, revised_target, target_on)`,
  plan_deadline_kind_met_idx: `ON plan_deadline (local_authority_id, ${KIND}, met_on) INCLUDE (name, due_on, plan_id, measured_from)
    WHERE met_on IS NOT NULL`,
  plan_event_ceased_idx: `ON plan_event (local_authority_id, occurred_on) INCLUDE (plan_id, seq) WHERE type = 'CEASED'`,
  plan_event_cease_decision_idx: `ON plan_event (plan_id, seq) WHERE ${DECIDES_TO_CEASE}`,
};

/** The plan trail as the reports must read it, as live_case_event is the case's: a superseded event no longer counts, its replacement counts in its place. */
const LIVE_PLAN_EVENT = `
  CREATE VIEW live_plan_event AS
    SELECT e.plan_id, e.seq, e.local_authority_id, e.type, e.occurred_on, e.recorded_at, e.actor, e.machine_version, e.payload
    FROM plan_event e
    WHERE NOT EXISTS (SELECT 1 FROM plan_event_supersession s WHERE s.plan_id = e.plan_id AND s.seq = e.seq)
    UNION ALL
    SELECT s.plan_id, s.seq, c.local_authority_id, c.payload->'replacement'->>'type', (c.payload->'replacement'->>'occurredOn')::date,
      c.recorded_at, c.actor, c.machine_version, (c.payload->'replacement') - 'type' - 'occurredOn'
    FROM plan_event_supersession s
    JOIN plan_event c ON c.plan_id = s.plan_id AND c.seq = s.superseded_by_seq
    WHERE c.payload ? 'replacement'`;

export class PlanReportIndexes1795419000000 implements MigrationInterface {
  name = 'PlanReportIndexes1795419000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) await db.query(`CREATE INDEX ${name} ${definition}`);
    await db.query(LIVE_PLAN_EVENT);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW live_plan_event`);
    for (const name of Object.keys(INDEXES).reverse()) await db.query(`DROP INDEX ${name}`);
  }
}
