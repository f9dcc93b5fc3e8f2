import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { CreatePlacementDto } from './plan-sen2.dto.js';
import { PlacementAlreadyLeftError, PlacementAlreadyOpenError, PlanSen2RefusedError, PlanSen2VersionConflictError } from './plan-sen2.errors.js';
import {
  leavingReason,
  PLAN_SEN2_COLUMNS,
  PLAN_SEN2_FIELDS,
  placementReasons,
  planSen2Reasons,
  tidyCode,
  type NewPlacement,
  type PlanSen2Field,
  type PlanSen2Items,
} from './plan-sen2-rules.js';

/** The plan's NamedPlan and SENneed items; `version` 0 until the first change. */
export interface PlanSen2DetailView extends PlanSen2Items {
  version: number;
  updatedAt: string | null;
}

export interface PlacementView {
  id: string;
  urn: string | null;
  ukprn: string | null;
  senSetting: string | null;
  senSettingOther: string | null;
  placementRank: number;
  entryDate: string;
  leavingDate: string | null;
  senUnit: boolean;
  resourcedProvision: boolean;
  residential: string | null;
  workBased: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/plans/:id/sen2`. */
export interface PlanSen2View {
  detail: PlanSen2DetailView;
  placements: PlacementView[];
}

type Change = { from: unknown; to: unknown };

const DETAIL_COLUMNS = `plan_res, plan_wbp, personal_budget, organised_arrangements, direct_payments, primary_need, secondary_need, version, updated_at`;
const PLACEMENT_COLUMNS = `id, urn, ukprn, sen_setting, sen_setting_other, placement_rank, entry_date, leaving_date, sen_unit, resourced_provision, residential, work_based, created_at, updated_at`;
const OPEN_PER_RANK = 'plan_placement_one_open_per_rank';

/**
 * The plan's SEN2 items (issue 15 item 1): NamedPlan's PlanRes, PlanWBP, PB, OA, DP, the SEN
 * needs, and the placements (PlanDetail / PlacementDetail). Each change is one transaction: lock
 * the plan row (404 for another authority's), compare If-Match, check the items as they would be
 * with plan-sen2-rules.ts (workflows/sen2's code lists and URN/UKPRN rules, dates against the
 * Clock and the plan's start), then write them with their entry in the append-only
 * `plan_sen2_change`. A refused change writes nothing.
 */
@Injectable()
export class PlanSen2Service {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(authority: LocalAuthority, planId: string, db: EntityManager = this.db.manager): Promise<PlanSen2View> {
    await lockPlan(db, authority.id, planId, false);
    return this.viewOf(db, planId);
  }

  async updateDetail(context: RequestContext, planId: string, submitted: Partial<Record<PlanSen2Field, string | boolean | null>>, expectedVersion: number | undefined): Promise<PlanSen2View> {
    return this.db.transaction(async (tx) => {
      await lockPlan(tx, context.authority.id, planId, true);
      const current = await readDetail(tx, planId);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PlanSen2VersionConflictError(expectedVersion, current.version);
      const after: PlanSen2Items = { ...itemsOf(current), ...tidyDetail(submitted) };
      const reasons = planSen2Reasons(after);
      if (Object.keys(reasons).length > 0) throw new PlanSen2RefusedError(reasons);
      const changes: Partial<Record<PlanSen2Field, Change>> = {};
      for (const field of PLAN_SEN2_FIELDS) if (after[field] !== current[field]) changes[field] = { from: current[field], to: after[field] };
      if (Object.keys(changes).length === 0) return this.viewOf(tx, planId);
      const values = PLAN_SEN2_FIELDS.map((field) => after[field]);
      const columns = PLAN_SEN2_FIELDS.map((field) => PLAN_SEN2_COLUMNS[field]);
      const [written] = await tx.query(
        `INSERT INTO plan_sen2_detail (plan_id, local_authority_id, ${columns.join(', ')}, version, updated_at)
         VALUES ($1, $2, ${columns.map((_, i) => `$${i + 3}`).join(', ')}, 1, now())
         ON CONFLICT (plan_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
           version = plan_sen2_detail.version + 1, updated_at = now()
         RETURNING version`,
        [planId, context.authority.id, ...values],
      );
      await recordChange(tx, context, planId, 'detail_changed', null, written.version, changes);
      return this.viewOf(tx, planId);
    });
  }

  async addPlacement(context: RequestContext, planId: string, body: CreatePlacementDto): Promise<PlacementView> {
    return this.db.transaction(async (tx) => {
      const plan = await lockPlan(tx, context.authority.id, planId, true);
      const placement = tidyPlacement(body);
      const reasons = placementReasons(placement, plan, this.clock.today());
      if (Object.keys(reasons).length > 0) throw new PlanSen2RefusedError(reasons);
      const [open] = await tx.query(
        `SELECT id, entry_date FROM plan_placement WHERE plan_id = $1 AND placement_rank = $2 AND leaving_date IS NULL`,
        [planId, placement.placementRank],
      );
      if (open) throw new PlacementAlreadyOpenError(placement.placementRank, { id: open.id, entryDate: open.entry_date });
      let row: Record<string, any>;
      try {
        [row] = await tx.query(
          `INSERT INTO plan_placement (plan_id, local_authority_id, urn, ukprn, sen_setting, sen_setting_other, placement_rank, entry_date, sen_unit, resourced_provision, residential, work_based)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${PLACEMENT_COLUMNS}`,
          [planId, context.authority.id, placement.urn, placement.ukprn, placement.senSetting, placement.senSettingOther, placement.placementRank,
            placement.entryDate, placement.senUnit, placement.resourcedProvision, placement.residential, placement.workBased],
        );
      } catch (error) {
        // The plan row's lock serialises this; the index is the last word all the same.
        if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === OPEN_PER_RANK) {
          throw new PlacementAlreadyOpenError(placement.placementRank);
        }
        throw error;
      }
      const view = placementFromRow(row);
      const { id: _id, createdAt: _c, updatedAt: _u, leavingDate: _l, ...recorded } = view;
      const changes = Object.fromEntries(Object.entries(recorded).map(([field, value]) => [field, { from: null, to: value }]));
      await recordChange(tx, context, planId, 'placement_added', view.id, null, changes);
      return view;
    });
  }

  async recordLeaving(context: RequestContext, planId: string, placementId: string, leavingDate: string): Promise<PlacementView> {
    return this.db.transaction(async (tx) => {
      await lockPlan(tx, context.authority.id, planId, true);
      const [found] = await tx.query(`SELECT ${PLACEMENT_COLUMNS} FROM plan_placement WHERE id = $1 AND plan_id = $2 FOR UPDATE`, [placementId, planId]);
      if (!found) throw new NotFoundError('placement', placementId);
      const current = placementFromRow(found);
      if (current.leavingDate !== null) throw new PlacementAlreadyLeftError(current.leavingDate);
      const reason = leavingReason(leavingDate, current.entryDate, this.clock.today());
      if (reason !== null) throw new PlanSen2RefusedError({ leavingDate: reason });
      const [[row]] = await tx.query(
        `UPDATE plan_placement SET leaving_date = $2, updated_at = now() WHERE id = $1 RETURNING ${PLACEMENT_COLUMNS}`,
        [placementId, leavingDate],
      );
      await recordChange(tx, context, planId, 'placement_left', placementId, null, { leavingDate: { from: null, to: leavingDate } });
      return placementFromRow(row);
    });
  }

  /** Every change of the plan's SEN2 items, oldest first. */
  async changes(authority: LocalAuthority, planId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db.query(
      `SELECT action, placement_id, detail_version, changed_at, actor_user_id, actor, changes FROM plan_sen2_change WHERE plan_id = $1 AND local_authority_id = $2 ORDER BY id`,
      [planId, authority.id],
    );
    return rows.map((row: Record<string, any>) => ({
      action: row.action,
      placementId: row.placement_id,
      detailVersion: row.detail_version,
      changedAt: (row.changed_at as Date).toISOString(),
      actorId: row.actor_user_id,
      actor: row.actor,
      changes: row.changes,
    }));
  }

  private async viewOf(db: EntityManager, planId: string): Promise<PlanSen2View> {
    const detail = await readDetail(db, planId);
    const placements = await db.query(`SELECT ${PLACEMENT_COLUMNS} FROM plan_placement WHERE plan_id = $1 ORDER BY entry_date, placement_rank, created_at`, [planId]);
    return { detail, placements: placements.map(placementFromRow) };
  }
}

/**
 * The plan of this authority (else 404), with its start. A change locks the plan row
 * (`FOR NO KEY UPDATE`): changes of one plan's SEN2 items take turns, and the plan stays.
 */
async function lockPlan(db: EntityManager, localAuthorityId: string, planId: string, forChange: boolean): Promise<{ startedOn: string }> {
  const [plan] = await db.query(
    `SELECT started_on FROM ehc_plan WHERE id = $1 AND local_authority_id = $2 ${forChange ? 'FOR NO KEY UPDATE' : ''}`,
    [planId, localAuthorityId],
  );
  if (!plan) throw new NotFoundError('plan', planId);
  return { startedOn: plan.started_on };
}

async function readDetail(db: EntityManager, planId: string): Promise<PlanSen2DetailView> {
  const [row] = await db.query(`SELECT ${DETAIL_COLUMNS} FROM plan_sen2_detail WHERE plan_id = $1`, [planId]);
  if (!row) {
    return { planRes: null, planWbp: null, personalBudget: null, organisedArrangements: null, directPayments: null, primaryNeed: null, secondaryNeed: null, version: 0, updatedAt: null };
  }
  return {
    planRes: row.plan_res,
    planWbp: row.plan_wbp,
    personalBudget: row.personal_budget,
    organisedArrangements: row.organised_arrangements,
    directPayments: row.direct_payments,
    primaryNeed: row.primary_need,
    secondaryNeed: row.secondary_need,
    version: row.version,
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}

async function recordChange(tx: EntityManager, context: RequestContext, planId: string, action: string, placementId: string | null, detailVersion: number | null, changes: Record<string, Change>): Promise<void> {
  await tx.query(
    `INSERT INTO plan_sen2_change (plan_id, local_authority_id, placement_id, action, detail_version, actor_user_id, actor, changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [planId, context.authority.id, placementId, action, detailVersion, context.user?.id ?? null, context.actor, changes],
  );
}

function itemsOf(detail: PlanSen2Items): PlanSen2Items {
  return Object.fromEntries(PLAN_SEN2_FIELDS.map((field) => [field, detail[field]])) as unknown as PlanSen2Items;
}

const BOOLEAN_FIELDS: readonly PlanSen2Field[] = ['personalBudget', 'organisedArrangements'];

function tidyDetail(submitted: Partial<Record<PlanSen2Field, string | boolean | null>>): Partial<PlanSen2Items> {
  const tidied: Record<string, string | boolean | null> = {};
  for (const field of PLAN_SEN2_FIELDS) {
    const value = submitted[field];
    if (value === undefined) continue;
    tidied[field] = BOOLEAN_FIELDS.includes(field) || typeof value !== 'string' ? value : tidyCode(value) ?? null;
  }
  return tidied as Partial<PlanSen2Items>;
}

function tidyPlacement(body: CreatePlacementDto): NewPlacement {
  const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());
  return {
    urn: text(body.urn),
    ukprn: text(body.ukprn),
    senSetting: tidyCode(body.senSetting) ?? null,
    senSettingOther: text(body.senSettingOther),
    placementRank: body.placementRank,
    entryDate: body.entryDate,
    senUnit: body.senUnit ?? false,
    resourcedProvision: body.resourcedProvision ?? false,
    residential: tidyCode(body.residential) ?? null,
    workBased: tidyCode(body.workBased) ?? null,
  };
}

function placementFromRow(row: Record<string, any>): PlacementView {
  return {
    id: row.id,
    urn: row.urn,
    ukprn: row.ukprn,
    senSetting: row.sen_setting,
    senSettingOther: row.sen_setting_other,
    placementRank: row.placement_rank,
    entryDate: row.entry_date,
    leavingDate: row.leaving_date,
    senUnit: row.sen_unit,
    resourcedProvision: row.resourced_provision,
    residential: row.residential,
    workBased: row.work_based,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
