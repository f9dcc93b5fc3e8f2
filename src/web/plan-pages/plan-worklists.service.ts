import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addMonths, type IsoDate } from '../../../workflows/calendar/dates.js';
import { nextPhaseTransfer, planFactsOf, type EducationPhase, type PlanStatus } from '../../../workflows/ehc-plan/index.js';
import { limitStatusSql } from '../../limits/limit-sql.js';
import type { LocalAuthority } from '../../local-authorities/local-authority.entity.js';

export interface PageOptions {
  page: number;
  pageSize: number;
}

/** What a plan's review is waiting for: its next step, or what holds it up while the plan is elsewhere in its process. */
export type ReviewStep =
  | 'schedule_meeting'
  | 'send_invitations'
  | 'circulate_advice'
  | 'hold_meeting'
  | 'receive_report'
  | 'decide_and_notify'
  | 'issue_amended_plan'
  | 'finish_reassessment'
  | 'cease_decision_pending';

export interface ReviewDue {
  planId: string;
  reference: string;
  child: { givenName: string; familyName: string };
  assignee: string | null;
  status: PlanStatus;
  /** The open annualReview limit's target. */
  dueOn: IsoDate;
  step: ReviewStep;
}

export type TransferStatus = 'named_on_time' | 'named_late' | 'not_yet_named' | 'overdue';

export interface CohortTransfer {
  planId: string;
  reference: string;
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  from: EducationPhase | null;
  to: EducationPhase | null;
  /** 1 September of the cohort's year, or the day of a post-16 move. */
  transferOn: IsoDate | null;
  /** The reg 18 date: 14 February, 30 March, or 5 months before a post-16 move. */
  dueOn: IsoDate;
  metOn: IsoDate | null;
  status: TransferStatus;
}

export interface Listed<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Reviews due within this many months, or overdue, are on the worklist. */
export const REVIEW_HORIZON_MONTHS = 3;

const TRANSFER_STATUS: Record<string, TransferStatus> = { met: 'named_on_time', met_late: 'named_late', pending: 'not_yet_named', breached: 'overdue' };

/**
 * The phaseTransfer rows of a cohort, current or met (a ceased plan's unmet transfer is not the
 * authority's any more); the predicate on the name is plan_deadline_phase_transfer_idx's own.
 */
const COHORT_ROWS = `d.local_authority_id = $1 AND d.name LIKE 'phaseTransfer%' AND d.due_on BETWEEN $2 AND $3 AND (d.open OR d.met_on IS NOT NULL)`;

/**
 * A reg 18(1) transfer in September of `year` is due on 14 February or 30 March of it; a
 * reg 18(2) post-16 move in `year` is due 5 months before, from 1 August of the year before to
 * 31 July. No other year's transfer falls in that span, so the due date alone finds the cohort.
 */
export function cohortDueSpan(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year - 1}-08-01`, to: `${year}-07-31` };
}

/** The cohort a tracker shows by default: the next 1 September's (on 1 September itself, the following year's). */
export function nextCohortYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? year + 1 : year;
}

/**
 * The two plan worklists as plain data, one query per list and one count, each filtering on
 * plan_deadline's indexed columns: the reviews worklist on plan_deadline_open_target_idx, the
 * phase-transfer tracker on plan_deadline_phase_transfer_idx. Snapshots are read only for the
 * tracker's shown rows, to say which phases a transfer is between.
 */
@Injectable()
export class PlanWorklists {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Plans whose open annual review is due within 3 months of `today`, or overdue: soonest first. */
  async reviewsDue(authority: LocalAuthority, today: IsoDate, options: PageOptions): Promise<Listed<ReviewDue>> {
    const until = addMonths(today, REVIEW_HORIZON_MONTHS);
    const due = `d.local_authority_id = $1 AND d.open AND d.target_on IS NOT NULL AND d.target_on <= $2 AND d.name = 'annualReview'`;
    // Per shown row, by primary key: a scalar subquery is run for each row, where EXISTS may be planned as a hash of every such row.
    const awaited = (name: string) => `coalesce((SELECT s.open FROM plan_deadline s WHERE s.plan_id = page.plan_id AND s.name = '${name}'), false)`;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `WITH page AS MATERIALIZED (
           SELECT d.plan_id, d.target_on FROM plan_deadline d WHERE ${due} ORDER BY d.target_on, d.plan_id LIMIT $3 OFFSET $4)
         SELECT p.id, p.reference, p.child_given_name, p.child_family_name, p.assignee_id, p.status, page.target_on,
           ${awaited('reviewInvitations')} AS invitations_awaited, ${awaited('reviewAdvice')} AS advice_awaited, ${awaited('reviewReport')} AS report_awaited
         FROM page JOIN ehc_plan p ON p.id = page.plan_id
         ORDER BY page.target_on, page.plan_id`,
        [authority.id, until, options.pageSize, (options.page - 1) * options.pageSize],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM plan_deadline d WHERE ${due}`, [authority.id, until]),
    ]);
    return { items: rows.map(reviewDueOf), total, ...options };
  }

  /** Every transfer of the `year` cohort, with its reg 18 date and whether the amended plan named the next setting in time. */
  async phaseTransferCohort(authority: LocalAuthority, today: IsoDate, options: PageOptions & { year: number }): Promise<Listed<CohortTransfer> & { counts: Record<TransferStatus, number> }> {
    const span = cohortDueSpan(options.year);
    const params = [authority.id, span.from, span.to, today];
    const [rows, counted] = await Promise.all([
      this.db.query(
        // The page is chosen from the indexes alone (the names beside the plan id); only its rows' plans are then read.
        `WITH page AS (
           SELECT d.plan_id, d.due_on, d.met_on, ${limitStatusSql('d', '$4')} AS status, n.child_family_name, n.child_given_name
           FROM plan_deadline d JOIN ehc_plan n ON n.id = d.plan_id
           WHERE ${COHORT_ROWS} ORDER BY d.due_on, n.child_family_name, n.child_given_name, d.plan_id LIMIT $5 OFFSET $6)
         SELECT p.id, p.reference, p.child_given_name, p.child_family_name, p.child_date_of_birth, p.snapshot, page.due_on, page.met_on, page.status
         FROM page JOIN ehc_plan p ON p.id = page.plan_id
         ORDER BY page.due_on, page.child_family_name, page.child_given_name, page.plan_id`,
        [...params, options.pageSize, (options.page - 1) * options.pageSize],
      ),
      this.db.query(`SELECT ${limitStatusSql('d', '$4')} AS status, count(*)::int AS n FROM plan_deadline d WHERE ${COHORT_ROWS} GROUP BY 1`, params),
    ]);
    const counts: Record<TransferStatus, number> = { named_on_time: 0, named_late: 0, not_yet_named: 0, overdue: 0 };
    for (const { status, n } of counted as { status: string; n: number }[]) counts[TRANSFER_STATUS[status]] += n;
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return { items: rows.map(cohortTransferOf), total, counts, page: options.page, pageSize: options.pageSize };
  }
}

function reviewDueOf(row: Record<string, any>): ReviewDue {
  return {
    planId: row.id,
    reference: row.reference,
    child: { givenName: row.child_given_name, familyName: row.child_family_name },
    assignee: row.assignee_id,
    status: row.status,
    dueOn: row.target_on,
    step: reviewStep(row.status, { invitations: row.invitations_awaited, advice: row.advice_awaited, report: row.report_awaited }),
  };
}

/** The review's steps in the order the regulations set them (reg 20), from the plan's status and its open step limits. */
export function reviewStep(status: PlanStatus, awaited: { invitations: boolean; advice: boolean; report: boolean }): ReviewStep {
  switch (status) {
    case 'review_scheduled':
      return awaited.invitations ? 'send_invitations' : awaited.advice ? 'circulate_advice' : 'hold_meeting';
    case 'review_held':
      return awaited.report ? 'receive_report' : 'decide_and_notify';
    // A review cannot be arranged while an amendment, a re-assessment or a decision to cease is running.
    case 'amendment_proposed':
      return 'issue_amended_plan';
    case 'reassessment_requested':
    case 'reassessing':
      return 'finish_reassessment';
    case 'cease_pending_appeal_window':
      return 'cease_decision_pending';
    default:
      return 'schedule_meeting';
  }
}

/** The transfer a row is of: a met one as it was recorded, the open one as the plan's phase now makes it. */
function cohortTransferOf(row: Record<string, any>): CohortTransfer {
  const facts = planFactsOf(row.snapshot);
  const met = row.met_on === null ? undefined : facts.phaseTransfers.find((transfer) => transfer.dueOn === row.due_on);
  const transfer = met ?? nextPhaseTransfer(facts);
  return {
    planId: row.id,
    reference: row.reference,
    child: { givenName: row.child_given_name, familyName: row.child_family_name, dateOfBirth: row.child_date_of_birth },
    from: transfer?.from ?? null,
    to: transfer?.to ?? null,
    transferOn: transfer?.transferOn ?? null,
    dueOn: row.due_on,
    metOn: row.met_on,
    status: TRANSFER_STATUS[row.status],
  };
}
