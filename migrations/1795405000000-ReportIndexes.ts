import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN_STATUSES = `'awaiting_decision','assessing','drafting','draft_issued'`;

/**
 * Indexes for the management-information reports (src/reports), so that each report over a
 * million cases is a handful of index-only scans rather than visits to the event heap. Payloads
 * are included only where the DTOs bound their size (contributor, contact, assignee): free-text
 * reasons could exceed an index row's limit.
 */
const INDEXES: Record<string, string> = {
  // Every period count: events of one type dated between from and to.
  case_event_type_date_idx: `ON case_event (local_authority_id, type, occurred_on) INCLUDE (case_id, seq)`,
  // Conversion: the refusals to assess and the decisions not to issue, counted without the heap.
  case_event_declined_idx: `ON case_event (local_authority_id, occurred_on) INCLUDE (case_id, seq)
    WHERE type = 'DECISION_TO_ASSESS' AND payload->>'decision' = 'decline'`,
  case_event_not_issued_idx: `ON case_event (local_authority_id, occurred_on) INCLUDE (case_id, seq)
    WHERE type = 'DECISION_TO_ISSUE' AND payload->>'decision' = 'not_issue'`,
  // Advice timeliness: receipts in a period, each paired with the latest earlier request.
  case_event_advice_received_idx: `ON case_event (local_authority_id, occurred_on) INCLUDE (case_id, seq, payload)
    WHERE type = 'ADVICE_RECEIVED'`,
  case_event_advice_requested_idx: `ON case_event (case_id, seq) INCLUDE (occurred_on, payload) WHERE type = 'ADVICE_REQUESTED'`,
  // Breakdown by caseworker: who held the case at a step (the last ASSIGNED before it).
  case_event_assigned_idx: `ON case_event (case_id, seq) INCLUDE (occurred_on, payload) WHERE type = 'ASSIGNED'`,
  // Timeliness: the steps that met a limit, by date, with the due date and the exception flag.
  case_deadline_met_idx: `ON case_deadline (local_authority_id, name, met_on) INCLUDE (due_on, excepted, case_id)
    WHERE met_on IS NOT NULL`,
  // Weeks from request to plan without visiting the case rows.
  ehc_case_received_idx: `ON ehc_case (id) INCLUDE (request_received_on)`,
  // Caseload and early warning: the open cases per caseworker, oldest request first.
  ehc_case_open_by_assignee_idx: `ON ehc_case (local_authority_id, assignee_id, request_received_on)
    INCLUDE (status) WHERE status IN (${OPEN_STATUSES})`,
};

export class ReportIndexes1795405000000 implements MigrationInterface {
  name = 'ReportIndexes1795405000000';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) await db.query(`CREATE INDEX ${name} ${definition}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES).reverse()) await db.query(`DROP INDEX ${name}`);
  }
}
