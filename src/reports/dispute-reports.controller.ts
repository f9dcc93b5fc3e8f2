import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { DisputeReportsService, type AppealsReport, type MediationsReport, type OrdersReport } from './dispute-reports.service.js';
import { appealsCsv, mediationsCsv, ordersCsv } from './report-csv.js';
import { reportPeriod } from './report-period.js';
import { PeriodQuery } from './report-query.dto.js';
import { sendCsv, wantsCsv } from './report-response.js';

/** Mediations, appeals and orders (issue 14): aggregates only, so no child is shown and nothing is access-logged. */
@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@ApiBadRequestResponse({ description: 'A malformed date or format, or `from` after `to`; the message names the field.' })
@Controller('reports/disputes')
export class DisputeReportsController {
  constructor(private readonly disputes: DisputeReportsService) {}

  private async answer<T>(query: PeriodQuery, accept: string | undefined, res: Response, name: string, report: Promise<T>, csv: (r: T) => string): Promise<T | string> {
    const figures = await report;
    return wantsCsv(query.format, accept) ? sendCsv(res, `disputes-${name}-${query.from}-${query.to}`, csv(figures)) : figures;
  }

  @Get('mediations')
  @ApiOperation({ summary: 'Mediations begun in the period (the family contacted a mediation adviser, reg 33), by disputed decision and by what became of them as of today; meetings within 30 days, certificates within 3 working days.' })
  @ApiOkResponse({ description: 'The total and one line per disputed decision, those with none included.' })
  @RequirePermission('reports:read')
  getMediations(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<MediationsReport | string> {
    return this.answer(query, accept, res, 'mediations', this.disputes.mediations(authority, reportPeriod(query.from, query.to)), mediationsCsv);
  }

  @Get('appeals')
  @ApiOperation({ summary: 'Appeals the Tribunal sent the authority in the period, by disputed decision and outcome as of today (conceded, settled, withdrawn, allowed, dismissed, awaiting); responses within 30 working days.' })
  @ApiOkResponse({ description: 'The total and one line per disputed decision, those with none included.' })
  @RequirePermission('reports:read')
  getAppeals(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<AppealsReport | string> {
    return this.answer(query, accept, res, 'appeals', this.disputes.appeals(authority, reportPeriod(query.from, query.to)), appealsCsv);
  }

  @Get('orders')
  @ApiOperation({ summary: 'Steps of Tribunal orders, concessions (reg 45) and mediation agreements (reg 42) due in the period, complied with on time, late, excepted (reg 44(3)), overdue, not yet due or no longer required; by step and by source.' })
  @ApiOkResponse({ description: 'The total, one line per step (orderNotice, …, mediationAgreement) and one per source, those with none included.' })
  @RequirePermission('reports:read')
  getOrders(@ActingAuthority() authority: LocalAuthority, @Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response): Promise<OrdersReport | string> {
    return this.answer(query, accept, res, 'orders', this.disputes.orders(authority, reportPeriod(query.from, query.to)), ordersCsv);
  }
}
