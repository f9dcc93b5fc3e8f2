import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two more report indexes (issue 15 item 5), so that the reads below are index-only range scans
 * rather than a sequential scan of case_deadline and a visit to every case row.
 */
const INDEXES: Record<string, string> = {
  // Advice timeliness: the advice limits met in a period. The predicate repeats the report's
  // `name LIKE 'advice.%'` exactly: under a non-C collation LIKE cannot bound a range of
  // case_deadline_met_idx's `name`, so the report read every deadline row of the authority.
  case_deadline_advice_met_idx: `ON case_deadline (local_authority_id, met_on) INCLUDE (name, due_on, case_id)
    WHERE met_on IS NOT NULL AND name LIKE 'advice.%'`,
  // The SEN2 extract: its requests put in order (received, reference) without reading the case rows.
  ehc_case_extract_order_idx: `ON ehc_case (id) INCLUDE (request_received_on, reference)`,
};

export class ReportSpeedIndexes1795426000000 implements MigrationInterface {
  name = 'ReportSpeedIndexes1795426000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) await db.query(`CREATE INDEX ${name} ${definition}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES).reverse()) await db.query(`DROP INDEX ${name}`);
  }
}
