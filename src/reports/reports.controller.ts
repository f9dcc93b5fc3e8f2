import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { CaseloadService, type CaseloadReport } from './caseload.service.js';
import { ConversionService, type ConversionReport } from './conversion.service.js';
import { EarlyWarningService, type EarlyWarningList } from './early-warning.service.js';
import { caseloadCsv, conversionCsv, earlyWarningCsvChunks, sen2CsvChunks, timelinessCsv } from './report-csv.js';
import { reportPeriod } from './report-period.js';
import { BreakdownQuery, EarlyWarningQuery, FormatQuery, PeriodQuery } from './report-query.dto.js';
import { csvHeaders, jsonHeaders, sendCsv, streamed, wantsCsv } from './report-response.js';
import { sen2JsonChunks, writeChunks } from './report-stream.js';
import { Sen2ExtractService } from './sen2-extract.service.js';
import { TimelinessService, type TimelinessReport } from './timeliness.service.js';

const DEFAULT_EARLY_WARNING_PAGE_SIZE = 50;

@ApiTags('reports')
@ApiProduces('application/json', 'text/csv')
@ApiBadRequestResponse({ description: 'A malformed date or option, or `from` after `to`; the message names the field.' })
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly timeliness: TimelinessService,
    private readonly conversion: ConversionService,
    private readonly caseload: CaseloadService,
    private readonly earlyWarning: EarlyWarningService,
    private readonly sen2: Sen2ExtractService,
  ) {}

  @Get('timeliness')
  @ApiOperation({ summary: 'Plans within 20 weeks, decisions within 6 weeks, no-plan notices within 16 weeks (with and without exceptions), advice within 6 weeks, exceptions by type.' })
  @ApiOkResponse({ description: 'The figures for steps dated in the period; `by` adds a breakdown.' })
  @RequirePermission('reports:read')
  async getTimeliness(
    @ActingAuthority() authority: LocalAuthority,
    @Query() query: BreakdownQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TimelinessReport | string> {
    const report = await this.timeliness.report(authority, reportPeriod(query.from, query.to), query.by);
    return wantsCsv(query.format, accept) ? sendCsv(res, `timeliness-${query.from}-${query.to}`, timelinessCsv(report)) : report;
  }

  @Get('conversion')
  @ApiOperation({ summary: 'Requests received, agreed and declined; assessments completed; plans issued; withdrawals.' })
  @RequirePermission('reports:read')
  async getConversion(
    @ActingAuthority() authority: LocalAuthority,
    @Query() query: BreakdownQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversionReport | string> {
    const report = await this.conversion.report(authority, reportPeriod(query.from, query.to), query.by);
    return wantsCsv(query.format, accept) ? sendCsv(res, `conversion-${query.from}-${query.to}`, conversionCsv(report)) : report;
  }

  @Get('caseload')
  @ApiOperation({ summary: 'As of today, per caseworker: open cases by status, deadlines due in 14 days, breached deadlines, oldest open case.' })
  @RequirePermission('reports:read')
  async getCaseload(
    @ActingAuthority() authority: LocalAuthority,
    @Query() query: FormatQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseloadReport | string> {
    const report = await this.caseload.report(authority);
    return wantsCsv(query.format, accept) ? sendCsv(res, `caseload-${report.today}`, caseloadCsv(report)) : report;
  }

  @Get('early-warning')
  @ApiOperation({ summary: 'For open cases, the latest date each outstanding step can happen for the final plan to be in time; at_risk lists those past or within 7 days.' })
  @RequirePermission('reports:read')
  async getEarlyWarning(
    @ActingAuthority() authority: LocalAuthority,
    @Query() query: EarlyWarningQuery,
    @Headers('accept') accept: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const scope = query.scope ?? 'at_risk';
    if (wantsCsv(query.format, accept)) {
      const list = await this.earlyWarning.list(authority, scope);
      await streamed(res, () => writeChunks(res, earlyWarningCsvChunks(list), () => csvHeaders(res, `early-warning-${list.today}`)));
      return;
    }
    const page: EarlyWarningList = await this.earlyWarning.list(authority, scope, { page: query.page ?? 1, pageSize: query.pageSize ?? DEFAULT_EARLY_WARNING_PAGE_SIZE });
    res.json(page);
  }

  @Get('sen2')
  @ApiOperation({ summary: 'SEN2-style extract: one row per request with a SEN2 step dated in the period, as it stood on `to`.' })
  @ApiOkResponse({ description: 'The extract, streamed in batches (JSON `{ from, to, requests }`, or CSV).' })
  @RequirePermission('reports:read')
  // Logged by the service, batch by batch before each is sent, as it alone knows the cases (the CSV names them only by reference).
  @LogsChildData('sen2_extract')
  async getSen2(
    @Acting() context: RequestContext,
    @Query() query: PeriodQuery,
    @Headers('accept') accept: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const period = reportPeriod(query.from, query.to);
    const batches = this.sen2.extract(context, loggedRoute(req), period);
    await streamed(res, () =>
      wantsCsv(query.format, accept)
        ? writeChunks(res, sen2CsvChunks(batches), () => csvHeaders(res, `sen2-${query.from}-${query.to}`))
        : writeChunks(res, sen2JsonChunks(period, batches), () => jsonHeaders(res)),
    );
  }
}
