import { Body, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { AdviceDocumentsService } from '../../advice/advice-documents.service.js';
import { AdviceLinksService } from '../../advice/advice-links.service.js';
import { sendDocument } from '../../advice/advice.controller.js';
import { RequirePermission } from '../../auth/permissions.js';
import { NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { caseId } from '../case-page/case-page.controller.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';

const REQUEST_NAME = /^advice\.[a-z_]+(\.[1-9]\d{0,3})?$/;
const documentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('advice document', 'given') });

/** The case page's advice links (send again, revoke) and the advice received through them. */
@PageController('case')
export class AdviceCasePageController {
  constructor(
    private readonly links: AdviceLinksService,
    private readonly documents: AdviceDocumentsService,
  ) {}

  @Post(':id/advice-links')
  @RequirePermission('cases:write')
  async reissue(@Param('id', caseId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.links.reissue(requestContextOf(req), id, requestOf(body));
    res.redirect(303, `/case/${id}#advice`);
  }

  @Post(':id/advice-links/revoke')
  @RequirePermission('cases:write')
  async revoke(@Param('id', caseId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.links.revoke(requestContextOf(req), id, requestOf(body));
    res.redirect(303, `/case/${id}#advice`);
  }

  @Get(':id/advice-documents/:documentId')
  @RequirePermission('cases:read')
  // Logged by the service once the document is found, before it is sent.
  @LogsChildData('advice_document_read')
  async download(@Param('id', caseId) id: string, @Param('documentId', documentId) document: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendDocument(res, await this.documents.file(requestContextOf(req), loggedRoute(req), id, document));
  }
}

function requestOf(body: Record<string, unknown>): string {
  if (typeof body.request !== 'string' || !REQUEST_NAME.test(body.request)) throw new ValidationFailedError('The form does not name an advice request of the case.');
  return body.request;
}
