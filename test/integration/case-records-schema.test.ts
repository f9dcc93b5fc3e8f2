import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { overdueSql } from '../../src/limits/limit-sql.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('Case records in PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
    await t.reset();
  });
  afterAll(async () => t.close());

  it('refuses to update or delete the audit trail', async () => {
    const { id } = await createCase(t);
    await expect(t.db.query(`UPDATE case_event SET actor = 'someone else' WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM case_event WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    const [{ count }] = await t.db.query('SELECT count(*)::int AS count FROM case_event WHERE case_id = $1', [id]);
    expect(count).toBe(1);
  });

  it('keeps derived deadline rows that the overdue query reads through its partial index', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-01', decision: 'assess' });
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-02', contributor: 'social_care' });
    const rows = await t.db.query('SELECT name, due_on, met_on, open FROM case_deadline WHERE case_id = $1 ORDER BY name', [id]);
    expect(rows).toEqual([
      { name: 'advice.social_care', due_on: '2026-12-14', met_on: null, open: true },
      { name: 'decisionToAssess', due_on: '2026-11-16', met_on: '2026-11-01', open: false },
      { name: 'finalPlan', due_on: '2027-02-22', met_on: null, open: true },
      { name: 'issueDecision', due_on: '2027-01-25', met_on: null, open: true },
    ]);
    // On a table this small the planner prefers a scan; forbid it to see that the index serves the query.
    const plan = await t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query(
        `EXPLAIN SELECT case_id FROM case_deadline d WHERE local_authority_id = $1 AND ${overdueSql('d', `'2026-12-01'`)}`,
        ['00000000-0000-0000-0000-000000000000'],
      );
    });
    expect(JSON.stringify(plan)).toContain('case_deadline_open_target_idx');
  });

  it('keeps every case in its local authority and every reference unique within it', async () => {
    const { id, reference } = await createCase(t);
    const [row] = await t.db.query('SELECT local_authority_id FROM ehc_case WHERE id = $1', [id]);
    await expect(
      t.db.query(
        `WITH child AS (INSERT INTO child (local_authority_id) VALUES ($1) RETURNING id)
         INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
           child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, child_id)
         SELECT $1, $2, 'ehc-needs-assessment', 1, '{}', 'awaiting_decision', 1, 'A', 'B', '2017-01-01', '2026-01-01', 'parent', child.id FROM child`,
        [row.local_authority_id, reference],
      ),
    ).rejects.toThrow(/ehc_case_reference_unique/);
  });
});
