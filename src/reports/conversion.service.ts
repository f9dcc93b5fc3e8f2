import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { liveTrailValue } from './live-trail.js';
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

/** Steps of one type dated in the period; `extra` must repeat a partial index's predicate exactly. */
function stepsOf(kind: string, by: Breakdown | undefined, type: string, extra = ''): string {
  return `SELECT ${groupKeySql(by, 'e.case_id', 'e.occurred_on')} AS grp, '${kind}' AS kind FROM live_case_event e
    WHERE e.local_authority_id = $1 AND e.type = '${type}' ${extra} AND e.occurred_on BETWEEN $2 AND $3`;
}

/**
 * Whether a withdrawal came after a decision whether to assess: a probe of the withdrawn case's
 * own trail. Written as a scalar subquery rather than EXISTS, which PostgreSQL turns into a hash
 * (anti) join over every decision of the authority (a sequential scan of case_event, 0.6 s at a
 * million cases) to answer for a few thousand withdrawals.
 */
const AFTER_DECISION = `coalesce(${liveTrailValue('e.case_id', 'true', `a.seq < e.seq AND a.type = 'DECISION_TO_ASSESS'`, 'LIMIT 1')}, false)`;

/**
 * Each branch reads live_case_event (superseded events left out, replacements in their place): an
 * index-only scan of case_event (case_event_type_date_idx, or the partial indexes of the refusals
 * and no-plan notices) less the few supersessions, so no event payload is read; "agreed" and "decided to issue" are
 * the decisions less the refusals and no-plan notices.
 */
const conversionSql = (by: Breakdown | undefined) => `
  WITH steps AS (
    ${stepsOf('request', by, 'REQUEST_RECEIVED')}
    UNION ALL ${stepsOf('decision', by, 'DECISION_TO_ASSESS')}
    UNION ALL ${stepsOf('declined', by, 'DECISION_TO_ASSESS', `AND e.payload->>'decision' = 'decline'`)}
    UNION ALL ${stepsOf('assessed', by, 'DECISION_TO_ISSUE')}
    UNION ALL ${stepsOf('not_issue', by, 'DECISION_TO_ISSUE', `AND e.payload->>'decision' = 'not_issue'`)}
    UNION ALL ${stepsOf('plan', by, 'FINAL_PLAN_ISSUED')}
    UNION ALL ${stepsOf('withdrawn_after', by, 'WITHDRAWN', `AND ${AFTER_DECISION}`)}
    UNION ALL ${stepsOf('withdrawn_before', by, 'WITHDRAWN', `AND NOT ${AFTER_DECISION}`)})
  SELECT grp, GROUPING(grp) AS is_total,
    count(*) FILTER (WHERE kind = 'request') AS requests,
    count(*) FILTER (WHERE kind = 'decision') - count(*) FILTER (WHERE kind = 'declined') AS agreed,
    count(*) FILTER (WHERE kind = 'declined') AS declined,
    count(*) FILTER (WHERE kind = 'assessed') - count(*) FILTER (WHERE kind = 'not_issue') AS issue,
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
