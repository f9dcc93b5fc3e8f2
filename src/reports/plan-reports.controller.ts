import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import {
  PlanReportsService,
  type AmendmentsReport,
  type AnnualReviewsReport,
  type CeasedReport,
  type PhaseTransfersReport,
  type ReviewDecisionsReport,
} from './plan-reports.service.js';
import { amendmentsCsv, annualReviewsCsv, ceasedCsv, phaseTransfersCsv, reviewDecisionsCsv } from './report-csv.js';
import { reportPeriod, type Period } from './report-period.js';
import { PeriodQuery } from './report-query.dto.js';
import { sendCsv, wantsCsv } from './report-response.js';

interface Answer {
  query: PeriodQuery;
  accept: string | undefined;
  res: Response;
}

const OUTCOMES = 'onTime, late, openOverdue, openNotYetDue, closedBeforeDueDate, closedAfterDueDate (the plan ceased or transferred out first), percentOnTime; statuses as of today.';

/** The maintained plans' measures (issue 13): aggregates only, so no child is shown and nothing is access-logged. */
@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@ApiBadRequestResponse({ description: 'A malformed date or format, or `from` after `to`; the message names the field.' })
@Controller('reports/plans')
export class PlanReportsController {
  constructor(private readonly plans: PlanReportsService) {}

  private async answer<T>({ query, accept, res }: Answer, name: string, report: (period: Period) => Promise<T>, csv: (r: T) => string): Promise<T | string> {
    const figures = await report(reportPeriod(query.from, query.to));
    return wantsCsv(query.format, accept) ? sendCsv(res, `plans-${name}-${query.from}-${query.to}`, csv(figures)) : figures;
  }

  @Get('annual-reviews')
  @ApiOperation({ summary: `Annual reviews due in the period (12 months from the plan or the last meeting; met when the decision is notified): ${OUTCOMES}` })
  @ApiOkResponse({ description: 'The annualReview limits due in the period, by what became of them.' })
  @RequirePermission('reports:read')
  getAnnualReviews(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AnnualReviewsReport | string> {
    return this.answer({ query, accept, res }, 'annual-reviews', (p) => this.plans.annualReviews(authority, p), annualReviewsCsv);
  }

  @Get('review-decisions')
  @ApiOperation({ summary: `Reviews whose meeting was held in the period, the decision notified within 4 weeks of it (the DfE measure from 2024): ${OUTCOMES}` })
  @ApiOkResponse({ description: 'The reviewDecision limits of the meetings held in the period.' })
  @RequirePermission('reports:read')
  getReviewDecisions(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<ReviewDecisionsReport | string> {
    return this.answer({ query, accept, res }, 'review-decisions', (p) => this.plans.reviewDecisions(authority, p), reviewDecisionsCsv);
  }

  @Get('amendments')
  @ApiOperation({ summary: 'Amendments finalised in the period (amended plan or decision not to amend served): within 8 weeks of the notice; after a review, within 12 weeks of its meeting; and those due in the period still not finalised.' })
  @ApiOkResponse({ description: 'The amendedPlan limits met in the period.' })
  @RequirePermission('reports:read')
  getAmendments(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AmendmentsReport | string> {
    return this.answer({ query, accept, res }, 'amendments', (p) => this.plans.amendments(authority, p), amendmentsCsv);
  }

  @Get('phase-transfers')
  @ApiOperation({ summary: `Phase transfers whose statutory date (14 February, 30 March, 5 months before a post-16 move) is in the period, the next setting named by it: ${OUTCOMES} Also by due date.` })
  @ApiOkResponse({ description: 'The phaseTransfer limits due in the period, in total and per due date.' })
  @RequirePermission('reports:read')
  getPhaseTransfers(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<PhaseTransfersReport | string> {
    return this.answer({ query, accept, res }, 'phase-transfers', (p) => this.plans.phaseTransfers(authority, p), phaseTransfersCsv);
  }

  @Get('ceased')
  @ApiOperation({ summary: 'Plans ceased in the period (CEASED dated in it), by SEN2 cease reason 1-9 with its label.' })
  @ApiOkResponse({ description: 'The total and one line per SEN2 cease reason, those with none included.' })
  @RequirePermission('reports:read')
  getCeased(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<CeasedReport | string> {
    return this.answer({ query, accept, res }, 'ceased', (p) => this.plans.ceased(authority, p), ceasedCsv);
  }
}
