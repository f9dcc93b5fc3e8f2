import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A panel recommends; a named officer decides (domain document 6.2). `panel_decision` keeps the
 * panel's recommendation (`decision`, `reasons`, `decided_on`: the meeting day, `recorded_by`) and
 * now names the member who recorded it; the officer's decision on the case sits beside it, with
 * the line of the case trail it wrote. Rows written before this migration had the recorder's word
 * applied to the case at once: they become decisions adopted by that same account.
 */
export class PanelRecommendations1795414000000 implements MigrationInterface {
  name = 'PanelRecommendations1795414000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE panel_decision
        ADD COLUMN recommended_by_member_id uuid REFERENCES panel_member(id),
        ADD COLUMN officer_decision text,
        ADD COLUMN officer_reasons text,
        ADD COLUMN officer_decided_on date,
        ADD COLUMN decided_by text,
        ADD COLUMN decided_at timestamptz`);
    await db.query(`
      UPDATE panel_decision
      SET officer_decision = decision, officer_decided_on = decided_on, decided_by = recorded_by, decided_at = recorded_at
      WHERE case_event_seq IS NOT NULL`);
    await db.query(`ALTER TABLE panel_decision DROP CONSTRAINT panel_decision_drives_case`);
    await db.query(`
      ALTER TABLE panel_decision
        ADD CONSTRAINT panel_decision_officer_complete CHECK (
          (officer_decision IS NULL) = (case_event_seq IS NULL) AND (officer_decision IS NULL) = (decided_by IS NULL)
          AND (officer_decision IS NULL) = (officer_decided_on IS NULL) AND (officer_decision IS NULL) = (decided_at IS NULL)),
        ADD CONSTRAINT panel_decision_deferral_undecided CHECK (decision <> 'defer' OR officer_decision IS NULL),
        ADD CONSTRAINT panel_decision_officer_fits_purpose CHECK (
          officer_decision IS NULL
          OR (purpose = 'decision_to_assess' AND officer_decision IN ('assess', 'decline'))
          OR (purpose = 'decision_to_issue' AND officer_decision IN ('issue', 'not_issue'))),
        ADD CONSTRAINT panel_decision_departure_reasons CHECK (
          officer_decision IS NULL OR officer_decision = decision OR length(btrim(coalesce(officer_reasons, ''))) > 0),
        ADD CONSTRAINT panel_decision_officer_after_meeting CHECK (officer_decided_on IS NULL OR officer_decided_on >= decided_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE panel_decision
        DROP CONSTRAINT panel_decision_officer_after_meeting,
        DROP CONSTRAINT panel_decision_departure_reasons,
        DROP CONSTRAINT panel_decision_officer_fits_purpose,
        DROP CONSTRAINT panel_decision_deferral_undecided,
        DROP CONSTRAINT panel_decision_officer_complete`);
    // Recommendations still awaiting an officer break the old rule; NOT VALID keeps them, and the rule holds for new rows.
    await db.query(`ALTER TABLE panel_decision ADD CONSTRAINT panel_decision_drives_case CHECK ((decision = 'defer') = (case_event_seq IS NULL)) NOT VALID`);
    await db.query(`
      ALTER TABLE panel_decision
        DROP COLUMN decided_at,
        DROP COLUMN decided_by,
        DROP COLUMN officer_decided_on,
        DROP COLUMN officer_reasons,
        DROP COLUMN officer_decision,
        DROP COLUMN recommended_by_member_id`);
  }
}
