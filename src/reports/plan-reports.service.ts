import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { amendmentFigures, type AmendmentFigures } from './plan-amendments.js';
import { ceasedFigures, type CeasedFigures } from './plan-ceases.js';
import { dueLimitOutcomes, type LimitOutcomes, type OutcomesByDueDate } from './plan-limit-outcomes.js';
import { limitDays, type Period } from './report-period.js';

/** SEND Regs 2014 reg 20 / 21 (R (L, M and P) v Devon CC [2022]): the decision within 4 weeks of the meeting. */
const REVIEW_DECISION_WEEKS = 4;

interface PlanReport extends Period {
  /** Statuses are as of this day (Europe/London): a limit not yet met may still be met on time. */
  today: string;
}

export interface AnnualReviewsReport extends PlanReport {
  annualReviews: LimitOutcomes;
}

export interface ReviewDecisionsReport extends PlanReport {
  reviewDecisions: LimitOutcomes;
}

export interface AmendmentsReport extends PlanReport {
  amendments: AmendmentFigures;
}

export interface PhaseTransfersReport extends PlanReport {
  phaseTransfers: LimitOutcomes;
  byDueDate: OutcomesByDueDate['byDueDate'];
}

export interface CeasedReport extends Period, CeasedFigures {}

/**
 * The plan measures of issue 13, from the plan_deadline rows and the plan trail only (never the
 * snapshots), each a period report as the assessment's timeliness is.
 */
@Injectable()
export class PlanReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** CFA 2014 s.44(1): the annualReview limits due in the period, met when the review's decision is notified. */
  async annualReviews(authority: LocalAuthority, period: Period): Promise<AnnualReviewsReport> {
    const today = this.clock.today();
    const { total } = await dueLimitOutcomes(this.db, authority.id, period, today, { kind: 'annualReview', daysAfterPeriodDate: 0, byDueDate: false });
    return { ...period, today, annualReviews: total };
  }

  /** The DfE measure from 2024: reviews whose meeting fell in the period, the decision notified within 4 weeks of it. */
  async reviewDecisions(authority: LocalAuthority, period: Period): Promise<ReviewDecisionsReport> {
    const today = this.clock.today();
    // A reviewDecision row exists once the meeting is held and is due 4 weeks after it, so the meeting is its due date less those days.
    const daysAfterPeriodDate = limitDays(REVIEW_DECISION_WEEKS, authority.strictDayCounting);
    const { total } = await dueLimitOutcomes(this.db, authority.id, period, today, { kind: 'reviewDecision', daysAfterPeriodDate, byDueDate: false });
    return { ...period, today, reviewDecisions: total };
  }

  async amendments(authority: LocalAuthority, period: Period): Promise<AmendmentsReport> {
    const today = this.clock.today();
    return { ...period, today, amendments: await amendmentFigures(this.db, authority.id, period, today, authority.strictDayCounting) };
  }

  /** Reg 18: the phaseTransfer limits due in the period, by due date (each date is a cohort). */
  async phaseTransfers(authority: LocalAuthority, period: Period): Promise<PhaseTransfersReport> {
    const today = this.clock.today();
    const outcomes = await dueLimitOutcomes(this.db, authority.id, period, today, { kind: 'phaseTransfer', daysAfterPeriodDate: 0, byDueDate: true });
    return { ...period, today, phaseTransfers: outcomes.total, byDueDate: outcomes.byDueDate };
  }

  async ceased(authority: LocalAuthority, period: Period): Promise<CeasedReport> {
    return { ...period, ...(await ceasedFigures(this.db, authority.id, period)) };
  }
}
