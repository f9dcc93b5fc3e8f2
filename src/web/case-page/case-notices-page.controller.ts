import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { answerKeptNotice, answerWrittenNotice } from '../../notices/notice-render.js';
import { NoticesService } from '../../notices/notices.service.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { submitNoticeForm } from '../format/notice-forms.js';
import { caseId, isNoticeName, refusalOf } from './case-page.controller.js';
import { CasePage } from './case-page.service.js';

/** The case page's statutory notices: previews, the copies as sent, and sending one. */
@PageController('case')
export class CaseNoticesPageController {
  constructor(
    private readonly page: CasePage,
    private readonly notices: NoticesService,
  ) {}

  /** The notice as it would go out today by email: the page's preview, as HTML or (`?format=pdf`) the PDF. */
  @Get(':id/notices/:notice')
  @RequirePermission('cases:read')
  // Logged by the service once the notice is written.
  @LogsChildData('notice_read')
  async previewNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isNoticeName(notice)) throw new NotFoundError('notice', notice);
    const document = await this.notices.preview(requestContextOf(req), loggedRoute(req), id, notice, { method: 'email' });
    await answerWrittenNotice(res, format === 'pdf', document);
  }

  /** A notice exactly as it was sent. */
  @Get(':id/notices/:notice/versions/:version')
  @RequirePermission('cases:read')
  // Logged by the service once the copy is found.
  @LogsChildData('notice_read')
  async keptNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Param('version') version: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isNoticeName(notice) || !/^[1-9]\d{0,5}$/.test(version)) throw new NotFoundError('notice', `${notice} version ${version}`);
    const kept = await this.notices.keptCopy(requestContextOf(req), loggedRoute(req), id, notice, Number(version));
    answerKeptNotice(res, format === 'pdf', kept, notice, Number(version));
  }

  /** Sends a notice from the case page: a refused form shows the page again with what was wrong, having sent nothing. */
  @Post(':id/notices/:notice/send')
  @RequirePermission('cases:write')
  @LogsChildData('case_read')
  async sendNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const version = Number(body.version);
    if (!isNoticeName(notice) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name a notice of the case and the version of the case it was shown with.');
    const context = requestContextOf(req);
    const sent = await submitNoticeForm({
      notice,
      body,
      send: (request) => this.notices.send(context, id, notice, request, version),
      processRefusal: refusalOf,
      showAgain: async (status, failed) => res.status(status).render('case.njk', await this.page.view(context, loggedRoute(req), id, undefined, failed)),
    });
    if (sent) res.redirect(303, `/case/${id}?sent=${notice}#notices`);
  }
}
