import type { MigrationInterface, QueryRunner } from 'typeorm';

/* The code lists as of this migration (workflows/sen2/codes.ts; a migration never imports code that may change). */
const SEN_TYPES = `'SPLD','MLD','SLD','PMLD','SEMH','SLCN','HI','VI','MSI','PD','ASD','DS','OTH'`;
const SEN_SETTINGS = `'OLA','OPA','EHE','EYP','OTH','NEET','NIEC','NIEO'`;

/**
 * The plan's SEN2 items (issue 15 item 1; sen2.md §1.1–1.3): the named plan's PlanRes, PlanWBP,
 * PB, OA and DP and the plan's SEN needs (`plan_sen2_detail`, one row per plan, versioned for
 * If-Match), and the settings attended (`plan_placement`: PlanDetail / PlacementDetail, each
 * named by exactly one of URN, UKPRN or SEN setting, rank 1 or 2, dated; at most one open
 * placement per plan and rank).
 *
 * Every change is appended to `plan_sen2_change` (who, when, what); a trigger refuses UPDATE and
 * DELETE. Plans are not deleted by the retention deletion (a case's deletion keeps its plan), so
 * no erasure exception is needed here; when plans join the retention review, these three tables
 * go with the plan.
 *
 * The CHECKs hold the cheap rules; workflows/sen2 (via src/plans/plan-sen2-rules.ts) says what is wrong.
 */
export class PlanSen2Items1795423000000 implements MigrationInterface {
  name = 'PlanSen2Items1795423000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_sen2_detail (
        plan_id uuid PRIMARY KEY REFERENCES ehc_plan(id),
        local_authority_id uuid NOT NULL,
        plan_res text NULL CONSTRAINT plan_sen2_detail_plan_res_code CHECK (plan_res IN ('A', 'B')),
        plan_wbp text NULL CONSTRAINT plan_sen2_detail_plan_wbp_code CHECK (plan_wbp IN ('A', 'T', 'S')),
        personal_budget boolean NULL,
        organised_arrangements boolean NULL,
        direct_payments text NULL CONSTRAINT plan_sen2_detail_direct_payments_code CHECK (direct_payments IN ('E', 'S', 'H', 'I')),
        primary_need text NULL CONSTRAINT plan_sen2_detail_primary_need_code CHECK (primary_need IN (${SEN_TYPES})),
        secondary_need text NULL CONSTRAINT plan_sen2_detail_secondary_need_code CHECK (secondary_need IN (${SEN_TYPES})),
        version integer NOT NULL CHECK (version >= 1),
        updated_at timestamptz NOT NULL,
        CONSTRAINT plan_sen2_detail_secondary_with_primary CHECK (secondary_need IS NULL OR (primary_need IS NOT NULL AND secondary_need <> primary_need))
      )`);
    await db.query(`CREATE INDEX plan_sen2_detail_authority_idx ON plan_sen2_detail (local_authority_id)`);

    await db.query(`
      CREATE TABLE plan_placement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES ehc_plan(id),
        local_authority_id uuid NOT NULL,
        urn text NULL CONSTRAINT plan_placement_urn_format CHECK (urn ~ '^[0-9]{6}$'),
        ukprn text NULL CONSTRAINT plan_placement_ukprn_format CHECK (ukprn ~ '^[0-9]{8}$'),
        sen_setting text NULL CONSTRAINT plan_placement_sen_setting_code CHECK (sen_setting IN (${SEN_SETTINGS})),
        sen_setting_other text NULL,
        placement_rank smallint NOT NULL CONSTRAINT plan_placement_rank CHECK (placement_rank IN (1, 2)),
        entry_date date NOT NULL,
        leaving_date date NULL CONSTRAINT plan_placement_leaving_after_entry CHECK (leaving_date >= entry_date),
        sen_unit boolean NOT NULL DEFAULT false,
        resourced_provision boolean NOT NULL DEFAULT false,
        residential text NULL CONSTRAINT plan_placement_residential_code CHECK (residential IN ('A', 'B')),
        work_based text NULL CONSTRAINT plan_placement_work_based_code CHECK (work_based IN ('A', 'T', 'S')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_placement_one_setting CHECK (num_nonnulls(urn, ukprn, sen_setting) = 1),
        CONSTRAINT plan_placement_other_text_only_for_oth_nieo CHECK (sen_setting_other IS NULL OR sen_setting IN ('OTH', 'NIEO'))
      )`);
    await db.query(`CREATE INDEX plan_placement_plan_idx ON plan_placement (plan_id, entry_date)`);
    await db.query(`CREATE UNIQUE INDEX plan_placement_one_open_per_rank ON plan_placement (plan_id, placement_rank) WHERE leaving_date IS NULL`);

    await db.query(`
      CREATE TABLE plan_sen2_change (
        id bigserial PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES ehc_plan(id),
        local_authority_id uuid NOT NULL,
        placement_id uuid NULL REFERENCES plan_placement(id),
        action text NOT NULL CHECK (action IN ('detail_changed', 'placement_added', 'placement_left')),
        detail_version integer NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor text NOT NULL,
        changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'object' AND changes <> '{}'::jsonb),
        CONSTRAINT plan_sen2_change_detail_version CHECK ((action = 'detail_changed') = (detail_version IS NOT NULL)),
        CONSTRAINT plan_sen2_change_placement CHECK ((action = 'detail_changed') = (placement_id IS NULL))
      )`);
    await db.query(`CREATE INDEX plan_sen2_change_plan_idx ON plan_sen2_change (plan_id, id)`);
    await db.query(`
      CREATE FUNCTION plan_sen2_change_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_sen2_change is append-only: the record of a plan''s SEN2 changes cannot be changed or deleted';
      END $$`);
    await db.query(`
      CREATE TRIGGER plan_sen2_change_append_only BEFORE UPDATE OR DELETE ON plan_sen2_change
      FOR EACH ROW EXECUTE FUNCTION plan_sen2_change_is_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE plan_sen2_change`);
    await db.query(`DROP FUNCTION plan_sen2_change_is_append_only()`);
    await db.query(`DROP TABLE plan_placement`);
    await db.query(`DROP TABLE plan_sen2_detail`);
  }
}
