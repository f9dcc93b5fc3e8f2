import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Importing an existing caseload (issue 15 item 4). Each file imported (who, when, its digest),
 * each row of it by the previous system's reference (so the same row imported again is found,
 * and skipped), the batch each imported trail line came from, and the moment a process's alerts
 * start: an imported case or plan raises nothing for what was already past when it arrived.
 */
export class CaseloadImports1795425000000 implements MigrationInterface {
  name = 'CaseloadImports1795425000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority (id),
        file_name text NOT NULL,
        file_sha256 text NOT NULL,
        imported_by uuid,
        actor text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        rows integer NOT NULL,
        assessments integer NOT NULL,
        plans integer NOT NULL,
        skipped integer NOT NULL,
        UNIQUE (id, local_authority_id)
      )`);
    await db.query(`
      CREATE TABLE import_record (
        local_authority_id uuid NOT NULL REFERENCES local_authority (id),
        legacy_reference text NOT NULL,
        batch_id uuid NOT NULL,
        line integer NOT NULL,
        content_sha256 text NOT NULL,
        case_id uuid REFERENCES ehc_case (id) ON DELETE SET NULL,
        plan_id uuid REFERENCES ehc_plan (id) ON DELETE SET NULL,
        PRIMARY KEY (local_authority_id, legacy_reference),
        FOREIGN KEY (batch_id, local_authority_id) REFERENCES import_batch (id, local_authority_id)
      )`);
    for (const table of ['case_event', 'plan_event']) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN import_batch_id uuid REFERENCES import_batch (id)`);
    }
    for (const table of ['ehc_case', 'ehc_plan']) await db.query(`ALTER TABLE ${table} ADD COLUMN alerts_from timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['ehc_case', 'ehc_plan']) await db.query(`ALTER TABLE ${table} DROP COLUMN alerts_from`);
    for (const table of ['case_event', 'plan_event']) await db.query(`ALTER TABLE ${table} DROP COLUMN import_batch_id`);
    await db.query(`DROP TABLE import_record`);
    await db.query(`DROP TABLE import_batch`);
  }
}
