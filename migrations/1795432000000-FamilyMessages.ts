import type { MigrationInterface, QueryRunner } from 'typeorm';
import { extendCheck } from './check-values.js';

const ACCESS_ACTIONS = ['family_message_read', 'family_document_read'];
const NOTIFICATION_KINDS = ['family_message'];

/**
 * Messages and documents from the family (issue 16 item 3; design section 8). A family member
 * signed in on the family pages writes to the SEN team about their own case, with files if they
 * like; the caseworker answers and records how. Each message carries the date an answer is due,
 * fixed when it arrives from the authority's target (`alert_settings.family_answer_working_days`,
 * 10 working days unless the authority sets another), so changing the target later moves no
 * message already waiting. A message is never edited: only its answer is added, once.
 * The family hears by email what changed (`family_update`): that an answer is waiting, or what
 * the SEN team recorded on the case since it last wrote (a decision, advice received, a plan
 * sent, a review decided), batched per contact. Each contact keeps the last step of the case's
 * trail, and of the trail of the plan the case made, it was told of (`told_through_seq`,
 * `told_through_plan_seq`), so nothing is told twice and nothing from before it was named.
 * Staff reading the messages or a document are in the access log.
 */
export class FamilyMessages1795432000000 implements MigrationInterface {
  name = 'FamilyMessages1795432000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE alert_settings ADD COLUMN family_answer_working_days integer NOT NULL DEFAULT 10
      CHECK (family_answer_working_days BETWEEN 1 AND 60)`);
    await db.query(`
      CREATE TABLE family_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        contact_id uuid NOT NULL REFERENCES family_contact(id),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
        sent_at timestamptz NOT NULL,
        received_on date NOT NULL,
        answer_due_on date NOT NULL CHECK (answer_due_on > received_on),
        answered_on date CHECK (answered_on >= received_on),
        answered_at timestamptz,
        answered_by text,
        answer_method text CHECK (answer_method IN ('reply', 'phone', 'meeting', 'letter', 'email')),
        answer text CHECK (length(btrim(answer)) BETWEEN 1 AND 5000),
        CONSTRAINT family_message_answer_whole CHECK (
          (answered_on IS NULL AND answered_at IS NULL AND answered_by IS NULL AND answer_method IS NULL AND answer IS NULL)
          OR (answered_on IS NOT NULL AND answered_at IS NOT NULL AND answered_by IS NOT NULL AND answer_method IS NOT NULL AND answer IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX family_message_case_idx ON family_message (case_id, sent_at)`);
    // The sweep and the inbox look for messages still waiting for an answer.
    await db.query(`CREATE INDEX family_message_unanswered_idx ON family_message (answer_due_on) WHERE answered_on IS NULL`);
    // Once answered a message is a record: nothing of it changes again.
    await db.query(`
      CREATE FUNCTION family_message_answer_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.answered_on IS NOT NULL OR NEW.body IS DISTINCT FROM OLD.body OR NEW.sent_at IS DISTINCT FROM OLD.sent_at
           OR NEW.received_on IS DISTINCT FROM OLD.received_on OR NEW.answer_due_on IS DISTINCT FROM OLD.answer_due_on
           OR NEW.contact_id IS DISTINCT FROM OLD.contact_id OR NEW.case_id IS DISTINCT FROM OLD.case_id THEN
          RAISE EXCEPTION 'a family message is never changed, only answered once';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER family_message_answer_once BEFORE UPDATE ON family_message FOR EACH ROW EXECUTE FUNCTION family_message_answer_once()`);
    await db.query(`
      CREATE TABLE family_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        message_id uuid NOT NULL REFERENCES family_message(id),
        filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content bytea NOT NULL,
        CONSTRAINT family_document_size CHECK (length(content) = size_bytes)
      )`);
    await db.query(`CREATE INDEX family_document_message_idx ON family_document (message_id)`);
    await db.query(`ALTER TABLE family_contact ADD COLUMN told_through_seq integer NOT NULL DEFAULT 0 CHECK (told_through_seq >= 0),
      ADD COLUMN told_through_plan_seq integer NOT NULL DEFAULT 0 CHECK (told_through_plan_seq >= 0)`);
    // Contacts named before this release are told only of what happens from now on, on the case and on the plan it made.
    await db.query(`UPDATE family_contact f SET told_through_seq = COALESCE((SELECT max(seq) FROM case_event e WHERE e.case_id = f.case_id), 0),
      told_through_plan_seq = COALESCE((SELECT max(e.seq) FROM plan_event e JOIN ehc_plan p ON p.id = e.plan_id WHERE p.case_id = f.case_id), 0)`);
    await db.query(`
      CREATE TABLE family_update (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        contact_id uuid NOT NULL REFERENCES family_contact(id),
        kind text NOT NULL CHECK (kind IN ('answer', 'changes')),
        message_id uuid REFERENCES family_message(id),
        through_seq integer,
        through_plan_seq integer,
        changes jsonb CHECK (jsonb_typeof(changes) = 'array'),
        created_at timestamptz NOT NULL,
        CONSTRAINT family_update_answer CHECK ((kind = 'answer') = (message_id IS NOT NULL)),
        CONSTRAINT family_update_changes CHECK ((kind = 'changes') = (changes IS NOT NULL AND through_seq IS NOT NULL AND through_plan_seq IS NOT NULL))
      )`);
    // A contact is told of each stretch of the trail once, whoever tells it.
    await db.query(`CREATE UNIQUE INDEX family_update_once ON family_update (contact_id, through_seq, through_plan_seq) WHERE kind = 'changes'`);
    await db.query(`CREATE INDEX family_update_case_idx ON family_update (case_id)`);
    await db.query(`
      CREATE TABLE family_update_delivery (
        update_id uuid NOT NULL REFERENCES family_update(id),
        channel text NOT NULL CHECK (channel = 'email'),
        target text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        sent_at timestamptz,
        PRIMARY KEY (update_id, channel, target)
      )`);
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'add');
    await extendCheck(db, 'notification', 'notification_kind_check', 'kind', NOTIFICATION_KINDS, 'add');
  }

  async down(db: QueryRunner): Promise<void> {
    // Fails while the access log holds these lines: it is append-only.
    await extendCheck(db, 'notification', 'notification_kind_check', 'kind', NOTIFICATION_KINDS, 'remove');
    await extendCheck(db, 'access_log', 'access_log_action_check', 'action', ACCESS_ACTIONS, 'remove');
    await db.query(`DROP TABLE family_update_delivery`);
    await db.query(`DROP TABLE family_update`);
    await db.query(`ALTER TABLE family_contact DROP COLUMN told_through_seq, DROP COLUMN told_through_plan_seq`);
    await db.query(`DROP TABLE family_document`);
    await db.query(`DROP TABLE family_message`);
    await db.query(`DROP FUNCTION family_message_answer_once()`);
    await db.query(`ALTER TABLE alert_settings DROP COLUMN family_answer_working_days`);
  }
}
