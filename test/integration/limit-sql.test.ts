import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { dueBetweenSql, dueByOrOverdueSql, limitStatusSql, overdueSql } from '../../src/limits/limit-sql.js';
import { addDays, isDueSoon, isOverdue, limitStatus, LIMIT_ROLES, type LimitRecord } from '../../workflows/ehc-needs-assessment/index.js';
import { testDatabaseUrl } from '../support/test-app.js';

/**
 * The lists, reports, digest and sweep decide overdue, due soon and status in SQL; the case
 * page and the alert plan decide them in TypeScript. Both must say the same of every record.
 */
const day = (offset: number) => addDays('2027-01-01', offset);
const date = fc.integer({ min: 0, max: 60 }).map(day);
const maybeDate = fc.option(date, { nil: null });

/** Any record the schema's CHECK constraints allow (open ⇒ unmet and not closed; held ⇒ no target). */
const record: fc.Arbitrary<LimitRecord> = fc
  .record({
    role: fc.constantFrom(...LIMIT_ROLES),
    dueOn: date,
    metOn: maybeDate,
    open: fc.boolean(),
    closedOn: maybeDate,
    excepted: fc.boolean(),
    held: fc.boolean(),
    revisedTarget: maybeDate,
    targetOn: maybeDate,
  })
  .map((r) => ({
    ...r,
    name: 'finalPlan',
    open: r.open && r.metOn === null && r.closedOn === null,
    targetOn: r.held ? null : r.targetOn,
    statutory: true,
    regulation: 'SEND Regs 2014 reg 13(2)',
    noticeAssumed: false,
    measuredFrom: null,
  }));

describe('The SQL of limits (src/limits/limit-sql.ts)', () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
  });
  afterAll(() => client.end());

  /** Evaluates the four SQL rules on one record as a row, the way the queries read case_deadline. */
  async function inSql(limit: LimitRecord, today: string, until: string) {
    const { rows } = await client.query(
      `SELECT ${limitStatusSql('d', '$10::date')} AS status, ${overdueSql('d', '$10::date')} AS overdue,
              ${dueBetweenSql('d', '$10::date', '$11::date')} AS due_soon, ${dueByOrOverdueSql('d', '$11::date')} AS due_by
       FROM (SELECT $1::text AS role, $2::date AS due_on, $3::date AS met_on, $4::boolean AS open, $5::date AS closed_on,
                    $6::boolean AS excepted, $7::boolean AS held, $8::date AS revised_target, $9::date AS target_on) d`,
      [limit.role, limit.dueOn, limit.metOn, limit.open, limit.closedOn, limit.excepted, limit.held, limit.revisedTarget, limit.targetOn, today, until],
    );
    return rows[0] as { status: string; overdue: boolean; due_soon: boolean; due_by: boolean };
  }

  it('gives every record the same status, overdue and due-soon answers as the TypeScript', async () => {
    await fc.assert(
      fc.asyncProperty(record, date, fc.integer({ min: 0, max: 20 }), async (limit, today, ahead) => {
        const until = addDays(today, ahead);
        const sql = await inSql(limit, today, until);
        expect(sql.status).toBe(limitStatus(limit, today));
        expect(sql.overdue).toBe(isOverdue(limit, today));
        expect(sql.due_soon).toBe(isDueSoon(limit, today, until));
        // What the digest and the sweep read: every open limit with a target by `until`, overdue or not (latest dates included).
        expect(sql.due_by).toBe(limit.open && limit.role !== 'window' && limit.targetOn !== null && limit.targetOn <= until);
        if (isOverdue(limit, today) || isDueSoon(limit, today, until)) expect(sql.due_by).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
