import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections (design section 7): a mis-recorded event is superseded, never changed or
 * deleted. `case_event_supersession` says which event, by which correcting event
 * (EVENT_CORRECTED, whose payload may carry a replacement), who and why; it is append-only like
 * the trail. `live_case_event` is the trail as the reports must read it: superseded events left
 * out, each replacement standing at the place of the event it replaces.
 */
export class EventSupersessions1795415000000 implements MigrationInterface {
  name = 'EventSupersessions1795415000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_event_supersession (
        case_id uuid NOT NULL,
        seq integer NOT NULL,
        superseded_by_seq integer NOT NULL,
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        actor text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, seq),
        CONSTRAINT case_event_supersession_superseded FOREIGN KEY (case_id, seq) REFERENCES case_event (case_id, seq),
        CONSTRAINT case_event_supersession_by FOREIGN KEY (case_id, superseded_by_seq) REFERENCES case_event (case_id, seq),
        CONSTRAINT case_event_supersession_later CHECK (superseded_by_seq > seq)
      )`);
    await db.query(`
      CREATE FUNCTION case_event_supersession_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_event_supersession is append-only: a correction is itself corrected by another, never changed';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_event_supersession_append_only BEFORE UPDATE OR DELETE ON case_event_supersession
      FOR EACH ROW EXECUTE FUNCTION case_event_supersession_is_append_only()`);
    await db.query(`
      CREATE VIEW live_case_event AS
        SELECT e.case_id, e.seq, e.local_authority_id, e.type, e.occurred_on, e.recorded_at, e.actor, e.machine_version, e.payload
        FROM case_event e
        WHERE NOT EXISTS (SELECT 1 FROM case_event_supersession s WHERE s.case_id = e.case_id AND s.seq = e.seq)
        UNION ALL
        SELECT s.case_id, s.seq, c.local_authority_id, c.payload->'replacement'->>'type', (c.payload->'replacement'->>'occurredOn')::date,
          c.recorded_at, c.actor, c.machine_version, (c.payload->'replacement') - 'type' - 'occurredOn'
        FROM case_event_supersession s
        JOIN case_event c ON c.case_id = s.case_id AND c.seq = s.superseded_by_seq
        WHERE c.payload ? 'replacement'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP VIEW live_case_event`);
    await db.query(`DROP TABLE case_event_supersession`);
    await db.query(`DROP FUNCTION case_event_supersession_is_append_only()`);
  }
}
