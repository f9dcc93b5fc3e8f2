import type { MigrationInterface, QueryRunner } from 'typeorm';

const PURPOSES = `'decision_to_assess','decision_to_issue'`;
const ROLES = `'chair','head_teacher','senco','trust_leader','educational_psychologist','health','social_care','sen_officer'`;
const nonBlank = (column: string) => `CHECK (length(btrim(${column})) > 0)`;

/**
 * Decision-making panels: members, meetings, agendas, attendance and decisions. The schema
 * carries the invariants of a defensible record (domain document 6.3): one active chair per
 * panel, a case at most once on a meeting's live agenda, one decision per meeting and case,
 * reasons for every refusal or deferral, and decisions that match the panel's purpose.
 * `panel_member.user_id` names a user account; it has no foreign key so that this migration
 * does not depend on the accounts schema's order of arrival.
 */
export class Panels1795407000000 implements MigrationInterface {
  name = 'Panels1795407000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE panel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        name text NOT NULL ${nonBlank('name')},
        purpose text NOT NULL CHECK (purpose IN (${PURPOSES})),
        cadence_days integer NOT NULL DEFAULT 14 CHECK (cadence_days BETWEEN 1 AND 92),
        quorum_chair_required boolean NOT NULL DEFAULT true,
        quorum_min_school_members integer NOT NULL DEFAULT 2 CHECK (quorum_min_school_members BETWEEN 0 AND 20),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT panel_name_unique UNIQUE (local_authority_id, name),
        CONSTRAINT panel_id_authority_unique UNIQUE (id, local_authority_id)
      )`);
    await db.query(`
      CREATE TABLE panel_member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        panel_id uuid NOT NULL,
        name text NOT NULL ${nonBlank('name')},
        role text NOT NULL CHECK (role IN (${ROLES})),
        organisation text,
        schools text[] NOT NULL DEFAULT '{}',
        user_id uuid,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (panel_id, local_authority_id) REFERENCES panel(id, local_authority_id)
      )`);
    // A panel has one chair at a time, and an account sits on a panel once.
    await db.query(`CREATE UNIQUE INDEX panel_member_one_chair ON panel_member (panel_id) WHERE role = 'chair' AND active`);
    await db.query(`CREATE UNIQUE INDEX panel_member_one_account ON panel_member (panel_id, user_id) WHERE user_id IS NOT NULL AND active`);
    await db.query(`CREATE INDEX panel_member_user_idx ON panel_member (local_authority_id, user_id) WHERE user_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE panel_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        panel_id uuid NOT NULL,
        meeting_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('scheduled', 'ad_hoc')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (panel_id, local_authority_id) REFERENCES panel(id, local_authority_id),
        CONSTRAINT panel_meeting_one_per_day UNIQUE (panel_id, meeting_date)
      )`);

    await db.query(`
      CREATE TABLE agenda_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        meeting_id uuid NOT NULL REFERENCES panel_meeting(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        origin text NOT NULL CHECK (origin IN ('proposed', 'added', 'carried_forward')),
        added_reason text,
        child_school text CHECK (child_school IS NULL OR length(btrim(child_school)) > 0),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        removed_reason text,
        removed_by text,
        removed_at timestamptz,
        CONSTRAINT agenda_item_added_with_reason CHECK (origin <> 'added' OR length(btrim(coalesce(added_reason, ''))) > 0),
        CONSTRAINT agenda_item_removed_with_reason CHECK (
          (removed_at IS NULL AND removed_reason IS NULL AND removed_by IS NULL)
          OR (removed_at IS NOT NULL AND length(btrim(coalesce(removed_reason, ''))) > 0 AND removed_by IS NOT NULL))
      )`);
    // A case is on a meeting's live agenda at most once; removed items stay as the record of why.
    await db.query(`CREATE UNIQUE INDEX agenda_item_live_unique ON agenda_item (meeting_id, case_id) WHERE removed_at IS NULL`);
    await db.query(`CREATE INDEX agenda_item_case_idx ON agenda_item (case_id) WHERE removed_at IS NULL`);

    await db.query(`
      CREATE TABLE attendance (
        meeting_id uuid NOT NULL REFERENCES panel_meeting(id),
        member_id uuid NOT NULL REFERENCES panel_member(id),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, member_id)
      )`);

    await db.query(`
      CREATE TABLE panel_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        local_authority_id uuid NOT NULL REFERENCES local_authority(id),
        meeting_id uuid NOT NULL REFERENCES panel_meeting(id),
        case_id uuid NOT NULL REFERENCES ehc_case(id),
        agenda_item_id uuid NOT NULL REFERENCES agenda_item(id),
        purpose text NOT NULL CHECK (purpose IN (${PURPOSES})),
        decision text NOT NULL,
        reasons text,
        decided_on date NOT NULL,
        voting_member_ids uuid[] NOT NULL,
        conflicts jsonb NOT NULL DEFAULT '[]',
        case_event_seq integer,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT panel_decision_one_per_item UNIQUE (meeting_id, case_id),
        CONSTRAINT panel_decision_fits_purpose CHECK (
          (purpose = 'decision_to_assess' AND decision IN ('assess', 'decline', 'defer'))
          OR (purpose = 'decision_to_issue' AND decision IN ('issue', 'not_issue', 'defer'))),
        CONSTRAINT panel_decision_reasons CHECK (
          decision NOT IN ('decline', 'not_issue', 'defer') OR length(btrim(coalesce(reasons, ''))) > 0),
        CONSTRAINT panel_decision_drives_case CHECK ((decision = 'defer') = (case_event_seq IS NULL)),
        CONSTRAINT panel_decision_has_voters CHECK (cardinality(voting_member_ids) > 0)
      )`);
    await db.query(`CREATE INDEX panel_decision_case_idx ON panel_decision (case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE panel_decision`);
    await db.query(`DROP TABLE attendance`);
    await db.query(`DROP TABLE agenda_item`);
    await db.query(`DROP TABLE panel_meeting`);
    await db.query(`DROP TABLE panel_member`);
    await db.query(`DROP TABLE panel`);
  }
}
