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

type Kind = 'request' | 'decision' | 'declined' | 'assessed' | 'not_issue' | 'plan' | 'withdrawn_after' | 'withdrawn_before';

/**
 * Each branch reads live_case_event (superseded events left out, replacements in their place): an
 * index-only scan of case_event (case_event_type_date_idx, or the partial indexes of the refusals
 * and no-plan notices) less the few supersessions, so no event payload is read; "agreed" and "decided to issue" are
 * the decisions less the refusals and no-plan notices.
 */
const BRANCHES: Record<Kind, (by: Breakdown | undefined) => string> = {
  request: (by) => stepsOf('request', by, 'REQUEST_RECEIVED'),
  decision: (by) => stepsOf('decision', by, 'DECISION_TO_ASSESS'),
  declined: (by) => stepsOf('declined', by, 'DECISION_TO_ASSESS', `AND e.payload->>'decision' = 'decline'`),
  assessed: (by) => stepsOf('assessed', by, 'DECISION_TO_ISSUE'),
  not_issue: (by) => stepsOf('not_issue', by, 'DECISION_TO_ISSUE', `AND e.payload->>'decision' = 'not_issue'`),
  plan: (by) => stepsOf('plan', by, 'FINAL_PLAN_ISSUED'),
  withdrawn_after: (by) => stepsOf('withdrawn_after', by, 'WITHDRAWN', `AND ${AFTER_DECISION}`),
  withdrawn_before: (by) => stepsOf('withdrawn_before', by, 'WITHDRAWN', `AND NOT ${AFTER_DECISION}`),
};

/**
 * The steps in two parts of about the same size (a third of a year's steps are decisions and
 * their refusals, a third requests), each part holding both sides of its differences. PostgreSQL
 * runs a query's per-step look-ups (the caseworker who held the case) one after another in one
 * process, so the parts are run at once on two connections and their counts added up.
 */
const PARTS: Kind[][] = [
  ['request', 'assessed', 'not_issue', 'withdrawn_after', 'withdrawn_before'],
  ['decision', 'declined', 'plan'],
];

/** A kind a part does not read counts 0 in it. */
const conversionSql = (by: Breakdown | undefined, kinds: Kind[]) => `
  WITH steps AS (
    ${kinds.map((kind) => BRANCHES[kind](by)).join('\n    UNION ALL ')})
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

const COUNTS = ['requests', 'agreed', 'declined', 'issue', 'not_issue', 'plans', 'withdrawn_before', 'withdrawn_after'] as const;

type ConversionRow = GroupedRow & Record<(typeof COUNTS)[number], string>;

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

/** The parts' rows summed, one row per group (and one total). */
function addedUp(rows: ConversionRow[]): ConversionRow[] {
  const byGroup = new Map<string, ConversionRow>();
  for (const row of rows) {
    const key = `${Number(row.is_total)}:${row.grp ?? ''}:${row.grp === null}`;
    const sum = byGroup.get(key);
    if (!sum) byGroup.set(key, { ...row });
    else for (const count of COUNTS) sum[count] = String(Number(sum[count]) + Number(row[count]));
  }
  return [...byGroup.values()];
}

@Injectable()
export class ConversionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(authority: LocalAuthority, period: Period, by?: Breakdown): Promise<ConversionReport> {
    const parts = await Promise.all(PARTS.map((kinds) => reportQuery<ConversionRow>(this.db, conversionSql(by, kinds), [authority.id, period.from, period.to])));
    const rows = addedUp(parts.flat());
    const { total, groups } = splitTotal(rows);
    const report: ConversionReport = { ...period, ...toFigures(total) };
    if (by) {
      const sorted = [...groups].sort((a, b) => byKey(a.grp, b.grp));
      report.breakdown = { by, groups: sorted.map((g) => ({ key: g.grp, ...toFigures(g) })) };
    }
    return report;
  }
}
