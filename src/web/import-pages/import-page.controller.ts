import { Body, Get, Header, Inject, Post, Render, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequirePermission } from '../../auth/permissions.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { IMPORT_TEMPLATE_CSV } from '../../imports/import-template.js';
import { ImportsService, type ImportReport } from '../../imports/imports.service.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import type { CaseloadUploadRequest } from './caseload-upload.js';

const MODES = [
  { value: 'dry_run', text: 'Check the file', hint: { text: 'Every row is checked and nothing is imported.' } },
  { value: 'commit', text: 'Import the file', hint: { text: 'Every row is imported, or none if any row has a problem.' } },
];

/** The caseload import for the SEN team's data officer: the same check and import as POST /api/imports, through the page session. */
@PageController('import/caseload')
export class ImportPageController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermission('cases:import')
  @Render('imports/caseload.njk')
  show(): Record<string, unknown> {
    return this.form('dry_run');
  }

  @Get('template')
  @RequirePermission('cases:import')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="caseload-import-template.csv"')
  template(): string {
    return IMPORT_TEMPLATE_CSV;
  }

  /** A missing or oversized file is the form again with the error; a report is shown whatever it says. */
  @Post()
  @RequirePermission('cases:import')
  async upload(@Body() body: Record<string, unknown>, @Req() req: CaseloadUploadRequest, @Res() res: Response): Promise<void> {
    const mode = body.mode === 'commit' ? 'commit' : 'dry_run';
    const fileError = req.fileTooLarge
      ? `The file must be smaller than ${megabytes(this.config.importMaxBytes)}: split it, or ask for the limit (IMPORT_MAX_BYTES) to be raised`
      : !req.file || req.file.size === 0 ? 'Select the caseload CSV file' : undefined;
    if (fileError) {
      const errors = { summary: [{ text: fileError, href: '#file' }], fields: { file: { text: fileError } } };
      return res.status(req.fileTooLarge ? 413 : 400).render('imports/caseload.njk', { ...this.form(mode), errors });
    }
    const report = await this.imports.run(requestContextOf(req), { name: req.file!.originalname, content: req.file!.buffer }, mode);
    res.status(mode === 'commit' && !report.committed ? 422 : 200).render('imports/caseload.njk', { ...this.form(mode), report, summary: summaryOf(report) });
  }

  private form(mode: string): Record<string, unknown> {
    return { modes: MODES.map((m) => ({ ...m, checked: m.value === mode })), maxSize: megabytes(this.config.importMaxBytes) };
  }
}

function megabytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / 2 ** 20) * 10) / 10} MB`;
}

/** The sentence above the tables: what happened, or what would. */
function summaryOf(report: ImportReport): { kind: 'success' | 'problems'; text: string } {
  const skipped = report.skipped > 0 ? ` ${report.skipped} ${report.skipped === 1 ? 'row was' : 'rows were'} imported before and ${report.skipped === 1 ? 'is' : 'are'} skipped.` : '';
  if (!report.valid) return { kind: 'problems', text: `The file has ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}. Nothing was imported.` };
  if (report.committed) return { kind: 'success', text: `${report.toImport} ${report.toImport === 1 ? 'row was' : 'rows were'} imported from ${report.fileName}.${skipped}` };
  return { kind: 'success', text: `${report.fileName} can be imported: ${report.toImport} ${report.toImport === 1 ? 'row' : 'rows'} would be imported.${skipped} Nothing has been imported yet.` };
}
