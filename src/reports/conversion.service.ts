import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { groupKeySql, splitTotal, type GroupedRow } from './report-grouping.js';
import type { Period } from './report-period.js';
import { reportQuery } from './read-only-query.js';
import type { Breakdown } from './report-query.dto.js';
import { byKey } from './timeliness.service.js';

/**
 * Each figure counts the steps dated in the period (not a cohort of requests followed to its
 * end), so a past period's figures never change as cases move on.
 */
export interface ConversionFigures {
  requestsReceived: number;
  agreedToAssess: number;
  declinedToAssess: number;
  /** Assessments completed: decisions whether to issue a plan. */
  decidedToIssue: number;
  decidedNotToIssue: number;
  plansIssued: number;
  withdrawn: number;
  /** Of `withdrawn`: before any decision whether to assess (SEN2 RequestOutcome "withdrawn"). */
  withdrawnBeforeDecisionToAssess: number;
  /** Of `withdrawn`: after the decision to assess (SEN2 AssessmentOutcome "withdrawn" or later). */
  withdrawnAfterDecisionToAssess: number;
}

export interface ConversionReport extends ConversionFigures {
  from: string;
  to: string;
  breakdown?: { by: Breakdown; groups: (ConversionFigures & { key: string | null })[] };
}

/**
 * Each step of the live trails dated in the period, as kept in case_report_step (migration
 * CaseReportSteps: its kind and who held the case that day), counted by kind: one index-only
 * range scan of case_report_step_period_idx, with or without a breakdown.
 */
const conversionSql = (by: Breakdown | undefined) => `
  WITH steps AS (
    SELECT ${groupKeySql(by, 's.occurred_on', 's.held_by')} AS grp, s.kind FROM case_report_step s
    WHERE s.local_authority_id = $1 AND s.occurred_on BETWEEN $2 AND $3)
  SELECT grp, GROUPING(grp) AS is_total,
    count(*) FILTER (WHERE kind = 'request') AS requests,
    count(*) FILTER (WHERE kind = 'agreed') AS agreed,
    count(*) FILTER (WHERE kind = 'declined') AS declined,
    count(*) FILTER (WHERE kind = 'issue') AS issue,
    count(*) FILTER (WHERE kind = 'not_issue') AS not_issue,
    count(*) FILTER (WHERE kind = 'plan') AS plans,
    count(*) FILTER (WHERE kind = 'withdrawn_before') AS withdrawn_before,
    count(*) FILTER (WHERE kind = 'withdrawn_after') AS withdrawn_after
  FROM steps GROUP BY GROUPING SETS ((), (grp))`;

type ConversionRow = GroupedRow & Record<'requests' | 'agreed' | 'declined' | 'issue' | 'not_issue' | 'plans' | 'withdrawn_before' | 'withdrawn_after', string>;

function toFigures(row: ConversionRow | undefined): ConversionFigures {
  const n = (v: string | undefined) => Number(v ?? 0);
  return {
    requestsReceived: n(row?.requests),
    agreedToAssess: n(row?.agreed),
    declinedToAssess: n(row?.declined),
    decidedToIssue: n(row?.issue),
    decidedNotToIssue: n(row?.not_issue),
    plansIssued: n(row?.plans),
    withdrawn: n(row?.withdrawn_before) + n(row?.withdrawn_after),
    withdrawnBeforeDecisionToAssess: n(row?.withdrawn_before),
    withdrawnAfterDecisionToAssess: n(row?.withdrawn_after),
  };
}

@Injectable()
export class ConversionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(authority: LocalAuthority, period: Period, by?: Breakdown): Promise<ConversionReport> {
    const rows = await reportQuery<ConversionRow>(this.db, conversionSql(by), [authority.id, period.from, period.to]);
    const { total, groups } = splitTotal(rows);
    const report: ConversionReport = { ...period, ...toFigures(total) };
    if (by) {
      const sorted = [...groups].sort((a, b) => byKey(a.grp, b.grp));
      report.breakdown = { by, groups: sorted.map((g) => ({ key: g.grp, ...toFigures(g) })) };
    }
    return report;
  }
}
