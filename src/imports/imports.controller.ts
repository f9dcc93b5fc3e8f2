import { Body, Controller, Get, Header, HttpCode, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { Acting, type RequestContext } from '../common/request-context.js';
import { ImportReportResponse, ImportRequestDto, ImportUploadBody } from './imports.dto.js';
import { IMPORT_TEMPLATE_CSV } from './import-template.js';
import { ImportsService, type ImportReport } from './imports.service.js';

/** Importing an existing caseload from the authority's previous system (issue 15). */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get('template')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="caseload-import-template.csv"')
  @ApiOperation({ summary: 'The import template: its header line, every column in order (README "Importing a caseload" says what each holds).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One line: the template’s column names.' })
  @RequirePermission('cases:import')
  template(): string {
    return IMPORT_TEMPLATE_CSV;
  }

  @Post()
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportUploadBody })
  @ApiOperation({ summary: 'Check (dry run, the default) or import (commit) a caseload CSV, or an SEN2 return (XML): every row’s problems with line and column (or SEN2 item); a commit imports all rows or none, and a row imported before is skipped.' })
  @ApiOkResponse({ type: ImportReportResponse, description: 'The dry run’s report: what each row would become, and every problem.' })
  @ApiCreatedResponse({ type: ImportReportResponse, description: 'Committed: every row imported (or skipped as imported before).' })
  @ApiUnprocessableEntityResponse({ type: ImportReportResponse, description: 'A commit refused because a row has a problem: nothing was imported.' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'No file, or an unknown mode.' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'The file is larger than IMPORT_MAX_BYTES; nothing of it was read.' })
  @RequirePermission('cases:import')
  async create(@Acting() context: RequestContext, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: ImportRequestDto, @Res({ passthrough: true }) res: Response): Promise<ImportReport> {
    if (!file) throw new ValidationFailedError('file is required: the caseload CSV, as the multipart field "file"');
    const mode = body.mode ?? 'dry_run';
    const report = await this.imports.run(context, { name: file.originalname, content: file.buffer }, mode);
    if (mode === 'commit') res.status(report.committed ? 201 : 422);
    return report;
  }
}
