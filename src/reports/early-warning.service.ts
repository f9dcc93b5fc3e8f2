import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EARLY_WARNING_DAYS,
  latestStepDates,
  stepsAtRisk,
  caseFactsOf,
  type PersistedCaseSnapshot,
  type CaseStatus,
  type IsoDate,
  type OutstandingStep,
} from '../../workflows/ehc-needs-assessment/index.js';
import { Clock } from '../common/clock.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { epochDay, OPEN_STATUSES } from './open-cases.js';
import type { EarlyWarningScope } from './report-query.dto.js';
import { reportQuery } from './read-only-query.js';

export interface EarlyWarningStep {
  step: OutstandingStep;
  latestOn: IsoDate;
  /** Negative when the latest date has passed. */
  daysLeft: number;
  atRisk: boolean;
}

export interface EarlyWarningCase {
  caseId: string;
  reference: string;
  status: CaseStatus;
  caseworker: string | null;
  requestReceivedOn: IsoDate;
  /** The final-plan deadline worked back from: its revised target when an exception relaxes it. */
  finalPlanTarget: IsoDate;
  exceptionApplies: boolean;
  steps: EarlyWarningStep[];
}

export interface EarlyWarningList {
  today: IsoDate;
  warningDays: number;
  scope: EarlyWarningScope;
  total: number;
  /** Present when the list was asked for one page at a time (JSON). */
  page?: number;
  pageSize?: number;
  cases: EarlyWarningCase[];
}

export interface Paging {
  page: number;
  pageSize: number;
}

interface OpenCaseRow {
  id: string;
  reference: string;
  status: CaseStatus;
  assignee_id: string | null;
  request_received_on: IsoDate;
  /** The finalPlan limit's target (its revised target when excepted); null while an exception is running. */
  target_on: IsoDate | null;
  excepted: boolean;
  snapshot: PersistedCaseSnapshot;
}

/**
 * An "as of today" list: it reads each open case's current facts (the context its snapshot
 * carries, as the statutory clock does) and its finalPlan deadline row.
 */
const OPEN_CASES_SQL = `
  SELECT c.id, c.reference, c.status, c.assignee_id, c.request_received_on, d.target_on, d.excepted, c.snapshot
  FROM ehc_case c JOIN case_deadline d ON d.case_id = c.id AND d.name = 'finalPlan'
  WHERE c.local_authority_id = $1 AND c.status = ANY($2)`;

@Injectable()
export class EarlyWarningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Most urgent first (byUrgency). */
  async list(authority: LocalAuthority, scope: EarlyWarningScope, paging?: Paging): Promise<EarlyWarningList> {
    const today = this.clock.today();
    const rows = await reportQuery<OpenCaseRow>(this.db, OPEN_CASES_SQL, [authority.id, [...OPEN_STATUSES]]);
    const todayDay = epochDay(today);
    const listed = rows
      .map((row) => toWarning(row, today, todayDay))
      .filter((c): c is EarlyWarningCase => c !== null && c.steps.length > 0 && (scope === 'all' || c.steps.some((s) => s.atRisk)));
    const cases = byUrgency(listed);
    const list = { today, warningDays: EARLY_WARNING_DAYS, scope, total: cases.length };
    if (!paging) return { ...list, cases };
    const start = (paging.page - 1) * paging.pageSize;
    return { ...list, ...paging, cases: cases.slice(start, start + paging.pageSize) };
  }
}

function toWarning(row: OpenCaseRow, today: IsoDate, todayDay: number): EarlyWarningCase | null {
  const target = row.target_on;
  // While an exception is running the final plan has no target yet, so nothing can be worked back from it.
  if (target === null) return null;
  const steps = latestStepDates(caseFactsOf(row.snapshot), target);
  const atRisk = stepsAtRisk(steps, today);
  return {
    caseId: row.id,
    reference: row.reference,
    status: row.status,
    caseworker: row.assignee_id,
    requestReceivedOn: row.request_received_on,
    finalPlanTarget: target,
    exceptionApplies: row.excepted,
    // Fields named rather than spread, and the at-risk steps found by identity (a case has each
    // step once): this runs for about 100,000 steps at a million cases.
    steps: steps.map((s) => ({ step: s.step, latestOn: s.latestOn, daysLeft: epochDay(s.latestOn) - todayDay, atRisk: atRisk.includes(s) })),
  };
}

/**
 * Most urgent first: by the earliest latest date, then reference. Sorted on one string per case
 * (the date is always 10 characters, so comparing date + reference compares the date first), as
 * a comparator reading both fields of both cases ran 400,000 times for 28,000 open cases.
 */
function byUrgency(cases: EarlyWarningCase[]): EarlyWarningCase[] {
  const keyed = cases.map((c) => ({ key: c.steps[0]!.latestOn + c.reference, c }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.c);
}
