import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { answerKeptNotice, answerWrittenNotice } from '../../notices/notice-render.js';
import { PlanNoticesService } from '../../notices/plan-notices.service.js';
import { planPath } from '../format/case-summary.js';
import { submitNoticeForm } from '../format/notice-forms.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { isPlanNoticeName, planId, refusalOf } from './plan-page.controller.js';
import { PlanPage } from './plan-page.service.js';

/** The plan page's statutory notices: previews, the copies as sent, and sending one. */
@PageController('plan')
export class PlanNoticesPageController {
  constructor(
    private readonly page: PlanPage,
    private readonly notices: PlanNoticesService,
  ) {}

  /** The notice as it would go out today by email: the page's preview, as HTML or (`?format=pdf`) the PDF. */
  @Get(':id/notices/:notice')
  @RequirePermission('cases:read')
  // Logged by the service once the notice is written.
  @LogsChildData('plan_notice_read')
  async previewNotice(@Param('id', planId) id: string, @Param('notice') notice: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isPlanNoticeName(notice)) throw new NotFoundError('notice', notice);
    const document = await this.notices.preview(requestContextOf(req), loggedRoute(req), id, notice, { method: 'email' });
    await answerWrittenNotice(res, format === 'pdf', document);
  }

  /** A notice exactly as it was sent. */
  @Get(':id/notices/:notice/versions/:version')
  @RequirePermission('cases:read')
  // Logged by the service once the copy is found.
  @LogsChildData('plan_notice_read')
  async keptNotice(@Param('id', planId) id: string, @Param('notice') notice: string, @Param('version') version: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isPlanNoticeName(notice) || !/^[1-9]\d{0,5}$/.test(version)) throw new NotFoundError('notice', `${notice} version ${version}`);
    const kept = await this.notices.keptCopy(requestContextOf(req), loggedRoute(req), id, notice, Number(version));
    answerKeptNotice(res, format === 'pdf', kept, notice, Number(version));
  }

  /** Sends a notice from the plan page: a refused form shows the page again with what was wrong, having sent nothing. */
  @Post(':id/notices/:notice/send')
  @RequirePermission('cases:write')
  @LogsChildData('plan_read')
  async sendNotice(@Param('id', planId) id: string, @Param('notice') notice: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const version = Number(body.version);
    if (!isPlanNoticeName(notice) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name a notice of the plan and the version of the plan it was shown with.');
    const context = requestContextOf(req);
    const sent = await submitNoticeForm({
      notice,
      body,
      send: (request) => this.notices.send(context, id, notice, request, version),
      processRefusal: refusalOf,
      showAgain: async (status, failed) => res.status(status).render('plan.njk', await this.page.view(context, loggedRoute(req), id, undefined, failed)),
    });
    if (sent) res.redirect(303, `${planPath(id)}?sent=${notice}#notices`);
  }
}
