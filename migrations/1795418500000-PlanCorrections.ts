import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of plans, as of cases (design section 7): `plan_event_supersession` says which
 * plan event was superseded, by which EVENT_CORRECTED line, who and why; append-only like the trail.
 */
export class PlanCorrections1795418500000 implements MigrationInterface {
  name = 'PlanCorrections1795418500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_event_supersession (
        plan_id uuid NOT NULL,
        seq integer NOT NULL,
        superseded_by_seq integer NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, seq),
        CONSTRAINT plan_event_supersession_superseded FOREIGN KEY (plan_id, seq) REFERENCES plan_event (plan_id, seq),
        CONSTRAINT plan_event_supersession_by FOREIGN KEY (plan_id, superseded_by_seq) REFERENCES plan_event (plan_id, seq),
        CONSTRAINT plan_event_supersession_later CHECK (superseded_by_seq > seq)
      )`);
    await db.query(`
      CREATE FUNCTION plan_event_supersession_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_event_supersession is append-only: a correction is itself corrected by another, never changed';
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_event_supersession_append_only BEFORE UPDATE OR DELETE ON plan_event_supersession
      FOR EACH ROW EXECUTE FUNCTION plan_event_supersession_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plan_event_supersession`);
    await db.query(`DROP FUNCTION plan_event_supersession_is_append_only()`);
  }
}
