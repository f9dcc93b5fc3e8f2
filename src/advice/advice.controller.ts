import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { Acting, type RequestContext } from '../common/request-context.js';
import { contentDisposition, AdviceDocumentsService } from './advice-documents.service.js';
import type { AdviceDocumentView } from './advice-documents.js';
import type { AdviceLinkView } from './advice-links.js';
import { AdviceLinksService } from './advice-links.service.js';
import type { ReusableAdvice } from './advice-reuse.js';
import { AdviceDocumentDto, AdviceLinkDto, AdviceLinkRequestDto, ReusableAdviceDto } from './advice.dto.js';

/** The advice portal's links and the advice received through them, for caseworkers (issue 16 item 2). */
@ApiTags('advice')
@Controller('cases/:id')
export class AdviceController {
  constructor(
    private readonly links: AdviceLinksService,
    private readonly documents: AdviceDocumentsService,
  ) {}

  @Get('advice-links')
  @ApiOperation({ summary: 'Every advice link of the case, with its state (sent, used, expired, revoked) and its email’s delivery; never a token.' })
  @ApiOkResponse({ type: [AdviceLinkDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  list(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<AdviceLinkView[]> {
    return this.links.list(context, id);
  }

  @Post('advice-links')
  @ApiOperation({ summary: 'Email a new link for an awaited advice request to its contact; the request’s working link, if any, is revoked.' })
  @ApiCreatedResponse({ type: AdviceLinkDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A malformed request name.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'ADVICE_LINK_EMAIL_NOT_CONFIGURED: no SMTP_URL, so no link can be emailed.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'ADVICE_LINK_REFUSED: no such request, its advice was received, or it names no contact email.' })
  @RequirePermission('cases:write')
  reissue(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: AdviceLinkRequestDto): Promise<AdviceLinkView> {
    return this.links.reissue(context, id, body.request);
  }

  @Post('advice-links/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke the working link of an advice request: every email of it stops working at once.' })
  @ApiOkResponse({ type: AdviceLinkDto })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case, or the request has no working link.' })
  @RequirePermission('cases:write')
  revoke(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: AdviceLinkRequestDto): Promise<AdviceLinkView> {
    return this.links.revoke(context, id, body.request);
  }

  @Get('advice-links/:linkId/reusable')
  @ApiOperation({
    summary: 'The earlier advice the link’s page offers its contributor to confirm as still standing (SEND Regs 2014 reg 6(4)): the same child, this authority, the same contributor and contact or organisation, first received less than a year before today. Empty once the link is used, revoked or expired.',
  })
  @ApiOkResponse({ type: [ReusableAdviceDto] })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case, or no such link on it.' })
  @RequirePermission('cases:read')
  // Logged by the service: the earlier advice's names often name the child, and are its case's.
  @LogsChildData('advice_document_read')
  reusable(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('linkId', ParseUUIDPipe) linkId: string, @Req() req: Request): Promise<ReusableAdvice[]> {
    return this.documents.reusable(context, loggedRoute(req), id, linkId);
  }

  @Get('advice-documents')
  @ApiOperation({ summary: 'The advice received through the portal: each file or typed advice kept, with its digest.' })
  @ApiOkResponse({ type: [AdviceDocumentDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  // Logged by the service: names of advice files often name the child.
  @LogsChildData('advice_document_read')
  listDocuments(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<AdviceDocumentView[]> {
    return this.documents.list(context, loggedRoute(req), id);
  }

  @Get('advice-documents/:documentId')
  @ApiOperation({ summary: 'One advice document as it was received, as an attachment of its own type.' })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'text/plain')
  @ApiOkResponse({ description: 'The file, with Content-Disposition: attachment and its name.' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case, or no such document on it.' })
  @ApiServiceUnavailableResponse({ type: ErrorResponse, description: 'DOCUMENT_STORE_UNAVAILABLE: the S3-compatible store did not answer, or its copy does not match the SHA-256 kept with the document.' })
  @RequirePermission('cases:read')
  // Logged by the service once the document is found, before it is sent.
  @LogsChildData('advice_document_read')
  async document(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.documents.file(context, loggedRoute(req), id, documentId);
    sendDocument(res, file);
  }
}

/** Sent as stored, never sniffed: `nosniff` (helmet) and an attachment. */
export function sendDocument(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', contentDisposition(file.filename));
  res.send(file.content);
}
