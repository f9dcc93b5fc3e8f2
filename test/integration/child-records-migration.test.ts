import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ChildRecords1795422000000 } from '../../migrations/1795422000000-ChildRecords.js';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options.js';
import { testDatabaseUrl } from '../support/test-app.js';
import { onTestServer } from '../support/test-database.js';

/**
 * The migration that made the child record, on a database holding cases and plans from before it:
 * one child per case, a plan made from a case sharing that case's child, a plan without a case
 * getting its own, and then every case and plan naming a child of its own authority.
 */
describe(ChildRecords1795422000000.name, () => {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_child_records`;
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  let db: DataSource;

  beforeAll(async () => {
    await onTestServer(`CREATE DATABASE ${name}`);
    const at = MIGRATIONS.indexOf(ChildRecords1795422000000);
    const earlier = await new DataSource({ ...dataSourceOptions(url.toString()), migrations: MIGRATIONS.slice(0, at) }).initialize();
    await earlier.runMigrations({ transaction: 'each' });
    await earlier.destroy();
    // Up to this migration only: the later ones are not what is tested, and undoing the last must undo this one.
    db = await new DataSource({ ...dataSourceOptions(url.toString()), migrations: MIGRATIONS.slice(0, at + 1) }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  const insertCase = (authority: string, reference: string) =>
    db.query(
      `INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
         child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source)
       VALUES ($1, $2, 'ehc-needs-assessment', 1, '{}', 'plan_issued', 5, 'Amara', $2, '2017-01-01', '2025-01-06', 'parent') RETURNING id`,
      [authority, reference],
    );
  const insertPlan = (authority: string, reference: string, caseId: string | null) =>
    db.query(
      `INSERT INTO ehc_plan (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
         child_given_name, child_family_name, child_date_of_birth, started_on, case_id)
       VALUES ($1, $2, 'ehc-plan', 1, '{}', 'maintained', 1, 'Amara', $2, '2017-01-01', '2025-06-02', $3) RETURNING id`,
      [authority, reference, caseId],
    );

  it('gives each case its own child, a plan from a case that case’s child, a plan without one its own, and then requires them', async () => {
    const [{ id: a }] = await db.query(`INSERT INTO local_authority (code, name) VALUES ('A', 'Authority A') RETURNING id`);
    const [{ id: b }] = await db.query(`INSERT INTO local_authority (code, name) VALUES ('B', 'Authority B') RETURNING id`);
    const [{ id: withPlan }] = await insertCase(a, 'EHC-2025-000001');
    const [{ id: alone }] = await insertCase(a, 'EHC-2025-000002');
    const [{ id: ofB }] = await insertCase(b, 'EHC-2025-000001');
    const [{ id: fromCase }] = await insertPlan(a, 'PLAN-2025-000001', withPlan);
    await db.query(`UPDATE ehc_case SET plan_id = $2 WHERE id = $1`, [withPlan, fromCase]);
    const [{ id: entered }] = await insertPlan(a, 'PLAN-2025-000002', null);
    const [{ id: enteredOfB }] = await insertPlan(b, 'PLAN-2025-000001', null);

    await db.runMigrations({ transaction: 'each' });
    expect((await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name).toBe(ChildRecords1795422000000.name);

    const childOf = async (table: string, id: string) => (await db.query(`SELECT child_id, local_authority_id FROM ${table} WHERE id = $1`, [id]))[0];
    const cases = { withPlan: await childOf('ehc_case', withPlan), alone: await childOf('ehc_case', alone), ofB: await childOf('ehc_case', ofB) };
    const plans = { fromCase: await childOf('ehc_plan', fromCase), entered: await childOf('ehc_plan', entered), enteredOfB: await childOf('ehc_plan', enteredOfB) };
    expect(plans.fromCase.child_id).toBe(cases.withPlan.child_id);
    const ids = [cases.withPlan, cases.alone, cases.ofB, plans.entered, plans.enteredOfB].map((row) => row.child_id);
    expect(new Set(ids).size).toBe(5);
    const children = await db.query(`SELECT id, local_authority_id, upn, uln, upn_unknown, sex, ethnicity, postcode, version FROM child ORDER BY id`);
    expect(children).toHaveLength(5);
    for (const row of [...Object.values(cases), ...Object.values(plans)]) {
      expect(children).toContainEqual({ id: row.child_id, local_authority_id: row.local_authority_id, upn: null, uln: null, upn_unknown: null, sex: null, ethnicity: null, postcode: null, version: 1 });
    }
    // No other id is reused as a child's: a child record leads to nothing but itself.
    expect(ids.some((id) => [withPlan, alone, ofB, fromCase, entered, enteredOfB].includes(id))).toBe(false);

    // From now on a case or plan must name a child, and one of its own authority.
    await expect(insertCase(a, 'EHC-2025-000003')).rejects.toThrow(/child_id/);
    await expect(
      db.query(
        `INSERT INTO ehc_case (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
           child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, child_id)
         VALUES ($1, 'EHC-2025-000004', 'ehc-needs-assessment', 1, '{}', 'awaiting_decision', 1, 'A', 'B', '2017-01-01', '2025-01-06', 'parent', $2)`,
        [a, cases.ofB.child_id],
      ),
    ).rejects.toThrow(/ehc_case_child_fk/);
    // The cheap format rules hold in the table itself.
    await expect(db.query(`UPDATE child SET ethnicity = 'XXXX' WHERE id = $1`, [cases.alone.child_id])).rejects.toThrow(/child_ethnicity_code/);
    await expect(db.query(`UPDATE child SET upn = 'a123' WHERE id = $1`, [cases.alone.child_id])).rejects.toThrow(/child_upn_format/);
    await expect(db.query(`UPDATE child SET postcode = 'sw1a1aa' WHERE id = $1`, [cases.alone.child_id])).rejects.toThrow(/child_postcode_format/);
    await expect(db.query(`UPDATE child SET uln = '1000000004', upn_unknown = 'UN1' WHERE id = $1`, [cases.alone.child_id])).rejects.toThrow(/child_upn_unknown_only_without_identifier/);
  });

  it('undoes itself', async () => {
    await db.undoLastMigration({ transaction: 'each' });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'child_id' AND table_name IN ('ehc_case', 'ehc_plan', 'access_log')`);
    expect(n).toBe(0);
    expect(await db.query(`SELECT tablename FROM pg_tables WHERE tablename IN ('child', 'child_identity_change')`)).toEqual([]);
    await db.runMigrations({ transaction: 'each' });
  });
});
