import type { EntityManager } from 'typeorm';
import { caseFactsOf } from '../../workflows/ehc-needs-assessment/index.js';
import { planFactsOf } from '../../workflows/ehc-plan/index.js';
import type { CaseRecord, ChildRecord, CollectionPeriod, PlanRecord } from '../../workflows/sen2/index.js';
import { disputedItemsLateral } from '../reports/sen2-extract.service.js';

/**
 * The records a return may carry, read in one read-only transaction (so the cases, plans and
 * children agree with each other): cases received by the end of the collection period that were
 * received in it, are open, or have an event dated from its start (workflows/sen2's
 * caseInReturn decides); plans started by the census date that have not ended, or ended after
 * the previous census; and the children of either.
 */
const CASES_SQL = `
  SELECT c.id, c.reference, c.child_id, c.child_given_name, c.child_family_name, c.child_date_of_birth::text AS date_of_birth, c.snapshot, c.plan_id, disputed.*
  FROM ehc_case c
  ${disputedItemsLateral('c.id', '$4')}
  WHERE c.local_authority_id = $1 AND c.request_received_on <= $3
    AND (c.request_received_on >= $2
      OR c.status IN ('awaiting_decision', 'assessing', 'drafting', 'draft_issued')
      OR EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.occurred_on >= $2))`;

const PLANS_SQL = `
  SELECT p.id, p.reference, p.child_id, p.case_id, p.child_given_name, p.child_family_name, p.child_date_of_birth::text AS date_of_birth, p.snapshot,
    started.payload->>'fromAuthority' AS from_authority,
    to_jsonb(d) AS detail,
    coalesce((SELECT jsonb_agg(to_jsonb(pl) ORDER BY pl.entry_date, pl.placement_rank) FROM plan_placement pl WHERE pl.plan_id = p.id), '[]') AS placements,
    coalesce((SELECT jsonb_agg(jsonb_build_object('dueOn', pd.due_on, 'metOn', pd.met_on)) FROM plan_deadline pd WHERE pd.plan_id = p.id AND pd.name LIKE 'phaseTransfer%'), '[]') AS phase_transfers
  FROM ehc_plan p
  JOIN plan_event started ON started.plan_id = p.id AND started.seq = 1
  LEFT JOIN plan_sen2_detail d ON d.plan_id = p.id
  WHERE p.local_authority_id = $1 AND p.started_on <= $2
    AND (p.status NOT IN ('ceased', 'transferred_out')
      OR EXISTS (SELECT 1 FROM plan_event e WHERE e.plan_id = p.id AND e.type IN ('CEASED', 'TRANSFERRED_OUT') AND e.occurred_on > $3))`;

const CHILDREN_SQL = `SELECT id, upn, uln, upn_unknown, sex, ethnicity, postcode FROM child WHERE local_authority_id = $1 AND id = ANY($2::uuid[])`;

type Row = Record<string, any>;

function caseRecord(row: Row): CaseRecord {
  return {
    ref: { kind: 'case', id: row.id, reference: row.reference },
    childId: row.child_id,
    givenName: row.child_given_name,
    familyName: row.child_family_name,
    dateOfBirth: row.date_of_birth,
    facts: caseFactsOf(row.snapshot),
    disputes: {
      requestMediation: row.request_mediation,
      requestTribunal: row.request_tribunal,
      assessmentMediation: row.assessment_mediation,
      assessmentTribunal: row.assessment_tribunal,
      otherMediation: row.other_mediation,
      otherTribunal: row.other_tribunal,
    },
    planId: row.plan_id,
  };
}

function planRecord(row: Row): PlanRecord {
  const detail = row.detail;
  return {
    ref: { kind: 'plan', id: row.id, reference: row.reference },
    childId: row.child_id,
    caseId: row.case_id,
    givenName: row.child_given_name,
    familyName: row.child_family_name,
    dateOfBirth: row.date_of_birth,
    facts: planFactsOf(row.snapshot),
    fromAuthority: row.from_authority,
    detail: detail && {
      planRes: detail.plan_res,
      planWbp: detail.plan_wbp,
      personalBudget: detail.personal_budget,
      organisedArrangements: detail.organised_arrangements,
      directPayments: detail.direct_payments,
      primaryNeed: detail.primary_need,
      secondaryNeed: detail.secondary_need,
    },
    placements: (row.placements as Row[]).map((p) => ({
      urn: p.urn,
      ukprn: p.ukprn,
      senSetting: p.sen_setting,
      senSettingOther: p.sen_setting_other,
      placementRank: p.placement_rank,
      entryDate: p.entry_date,
      leavingDate: p.leaving_date,
      senUnit: p.sen_unit,
      resourcedProvision: p.resourced_provision,
      residential: p.residential,
      workBased: p.work_based,
    })),
    phaseTransfers: row.phase_transfers,
  };
}

function childRecord(row: Row): ChildRecord {
  return { id: row.id, upn: row.upn, uln: row.uln, upnUnknown: row.upn_unknown, sex: row.sex, ethnicity: row.ethnicity, postcode: row.postcode };
}

export interface ReturnRecords {
  children: ChildRecord[];
  casesOf: Map<string, CaseRecord[]>;
  plansOf: Map<string, PlanRecord[]>;
}

function groupByChild<T extends { childId: string }>(records: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const record of records) grouped.set(record.childId, [...(grouped.get(record.childId) ?? []), record]);
  return grouped;
}

/** `tx` is a read-only transaction: one snapshot of the database for every query. */
export async function readReturnRecords(tx: EntityManager, localAuthorityId: string, period: CollectionPeriod): Promise<ReturnRecords> {
  const cases = (await tx.query(CASES_SQL, [localAuthorityId, period.from, period.to, period.referenceDate])).map(caseRecord);
  const plans = (await tx.query(PLANS_SQL, [localAuthorityId, period.referenceDate, period.endedAfter])).map(planRecord);
  const childIds = [...new Set([...cases, ...plans].map((r) => r.childId))];
  const children = (await tx.query(CHILDREN_SQL, [localAuthorityId, childIds])).map(childRecord);
  return { children, casesOf: groupByChild(cases), plansOf: groupByChild(plans) };
}
