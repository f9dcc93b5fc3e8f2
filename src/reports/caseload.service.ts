import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { dueBetweenSql, overdueSql } from '../limits/limit-sql.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { daysBetween, daysFrom, OPEN_STATUSES } from './open-cases.js';
import { splitTotal, type GroupedRow } from './report-grouping.js';
import { reportQuery } from './read-only-query.js';
import { byKey } from './timeliness.service.js';

/** "Due soon" looks this far ahead, today included (issue 6). */
export const DUE_SOON_DAYS = 14;

export interface CaseloadFigures {
  openCases: number;
  byStatus: Record<(typeof OPEN_STATUSES)[number], number>;
  /** Open deadlines due from today to today + 14 days (an excepted one by its revised target). */
  deadlinesDueNext14Days: number;
  /** Open deadlines past their due date with no exception: what `GET /api/cases?overdue=true` lists. */
  breachedDeadlines: number;
  oldestOpenCase: { reference: string; requestReceivedOn: string; weeksOpen: number } | null;
}

export interface CaseloadReport {
  today: string;
  total: CaseloadFigures;
  caseworkers: (CaseloadFigures & { caseworker: string | null })[];
}

/** Limits overdue and due soon by the one definition (src/limits/limit-sql.ts); windows count in neither. */
const CASELOAD_SQL = `
  WITH open_cases AS (
    SELECT c.id, c.assignee_id, c.status, c.request_received_on, c.reference
    FROM ehc_case c WHERE c.local_authority_id = $1 AND c.status = ANY($4)),
  deadline_counts AS (
    SELECT d.case_id,
      count(*) FILTER (WHERE ${overdueSql('d', '$2')}) AS breached,
      count(*) FILTER (WHERE ${dueBetweenSql('d', '$2', '$3')}) AS due_soon
    FROM case_deadline d JOIN open_cases o ON o.id = d.case_id
    WHERE d.local_authority_id = $1 AND d.open
    GROUP BY d.case_id)
  SELECT o.assignee_id AS grp, GROUPING(o.assignee_id) AS is_total, count(*) AS open_cases,
    ${OPEN_STATUSES.map((s) => `count(*) FILTER (WHERE o.status = '${s}') AS "${s}"`).join(', ')},
    coalesce(sum(dc.breached), 0) AS breached, coalesce(sum(dc.due_soon), 0) AS due_soon,
    (array_agg(o.reference ORDER BY o.request_received_on, o.reference))[1] AS oldest_reference,
    min(o.request_received_on) AS oldest_received_on
  FROM open_cases o LEFT JOIN deadline_counts dc ON dc.case_id = o.id
  GROUP BY GROUPING SETS ((), (o.assignee_id))`;

type CaseloadRow = GroupedRow & Record<string, string | null>;

@Injectable()
export class CaseloadService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async report(authority: LocalAuthority): Promise<CaseloadReport> {
    const today = this.clock.today();
    const rows = await reportQuery<CaseloadRow>(this.db, CASELOAD_SQL, [authority.id, today, daysFrom(today, DUE_SOON_DAYS), [...OPEN_STATUSES]]);
    const { total, groups } = splitTotal(rows);
    const figures = (row: CaseloadRow | undefined) => toFigures(row, today);
    return {
      today,
      total: figures(total),
      caseworkers: groups.sort((a, b) => byKey(a.grp, b.grp)).map((g) => ({ caseworker: g.grp, ...figures(g) })),
    };
  }
}

function toFigures(row: CaseloadRow | undefined, today: string): CaseloadFigures {
  const n = (key: string) => Number(row?.[key] ?? 0);
  const byStatus = Object.fromEntries(OPEN_STATUSES.map((s) => [s, n(s)])) as CaseloadFigures['byStatus'];
  const oldest = row?.oldest_reference && row.oldest_received_on
    ? { reference: row.oldest_reference, requestReceivedOn: row.oldest_received_on, weeksOpen: Math.floor(daysBetween(row.oldest_received_on, today) / 7) }
    : null;
  return { openCases: n('open_cases'), byStatus, deadlinesDueNext14Days: n('due_soon'), breachedDeadlines: n('breached'), oldestOpenCase: oldest };
}
