import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NOTICES, type NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import { caseIdParam, loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { answerKeptNotice, answerWrittenNotice, wantsPdf } from './notice-render.js';
import { NoticeSettingsService, type NoticeDetails } from './notice-settings.service.js';
import { NoticeQuery, NoticeSettingsDto, SendNoticeDto, SentNoticeDto, SentNoticeResponse } from './notices.dto.js';
import { NoticesService, type SentNotice } from './notices.service.js';
import type { SentNoticeView } from './sent-notices.js';

function noticeName(value: string): NoticeName {
  if (!(NOTICES as readonly string[]).includes(value)) throw new ValidationFailedError(`notice must be one of ${NOTICES.join(', ')}, not "${value}"`);
  return value as NoticeName;
}

/** The statutory notices of an assessment, written by the engine from the case's record (issue 16 item 1). */
@ApiTags('notices')
@Controller()
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly settings: NoticeSettingsService,
  ) {}

  @Get('cases/:id/notices/:notice')
  @ApiOperation({ summary: 'A statutory notice of the case as it would go out: an accessible HTML page (Accept: text/html, the default) or a PDF (Accept: application/pdf).' })
  @ApiParam({ name: 'notice', enum: NOTICES })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The notice: its reasons, the dates that apply (the end of the 15 days, the last day to appeal) and the family’s rights.' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An unknown notice, method or date.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'NOTICE_DETAILS_NOT_SET: the authority has not set the details notices carry.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'NOTICE_NOT_AVAILABLE: the case has not taken the step the notice tells of, or the date is before it.' })
  @RequirePermission('cases:read')
  // Logged by the service once the notice is written, before it is sent.
  @LogsChildData('notice_read')
  async caseNotice(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Query() query: NoticeQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const name = noticeName(notice);
    const document = await this.notices.preview(context, loggedRoute(req), id, name, { ...(query.sentOn && { sentOn: query.sentOn }), method: query.method ?? 'email' });
    await answerWrittenNotice(res, wantsPdf(req), document);
  }

  @Post('cases/:id/notices/:notice/send')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a statutory notice: the engine writes it from the case as it is now, keeps the copy as sent, records NOTICE_SENT (the limit is met on the served date) and, by email, sends it with its PDF; a letter is recorded as posted or handed over.',
  })
  @ApiParam({ name: 'notice', enum: NOTICES })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version you last read; 409 if it has changed since.' })
  @ApiOkResponse({ type: SentNoticeResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An unknown notice or method, an email without an address, a date in the future (or an email dated other than today).' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'CASE_VERSION_CONFLICT, NOTICE_DETAILS_NOT_SET, or NOTICE_EMAIL_NOT_CONFIGURED (no SMTP_URL): nothing is sent or recorded.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'NOTICE_NOT_AVAILABLE, or NOTICE_SENT refused by the process (CASE_EVENT_REFUSED): nothing is sent or recorded.' })
  @RequirePermission('cases:write')
  @LogsChildData('case_read', caseIdParam())
  send(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Body() body: SendNoticeDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<SentNotice> {
    return this.notices.send(context, id, noticeName(notice), body, parseIfMatch(ifMatch));
  }

  @Get('cases/:id/notices')
  @ApiOperation({ summary: 'Every notice sent on the case, each version with how, to whom and when, and the state of its email.' })
  @ApiOkResponse({ type: [SentNoticeDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  // A notice's title names the child.
  @LogsChildData('notice_read', caseIdParam())
  sent(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<SentNoticeView[]> {
    return this.notices.sentNotices(context, id);
  }

  @Get('cases/:id/notices/:notice/versions/:version')
  @ApiOperation({ summary: 'A notice exactly as it was sent: the kept HTML (Accept: text/html, the default) or PDF (Accept: application/pdf).' })
  @ApiParam({ name: 'notice', enum: NOTICES })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The document as the family received it.' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case, or no such version of the notice on it.' })
  @RequirePermission('cases:read')
  // Logged by the handler once the copy is found, before it is sent.
  @LogsChildData('notice_read')
  async keptVersion(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const kept = await this.notices.keptCopy(context, loggedRoute(req), id, noticeName(notice), version);
    answerKeptNotice(res, wantsPdf(req), kept, notice, version);
  }

  @Get('notices/settings')
  @ApiOperation({ summary: 'The details every notice of the authority carries: its team and contacts, the local offer, and the services it points families to; an empty object until set.' })
  @ApiOkResponse({ type: NoticeSettingsDto })
  @RequirePermission('notices:settings')
  getSettings(@ActingAuthority() authority: LocalAuthority): Promise<NoticeDetails | null> {
    return this.settings.read(authority);
  }

  @Put('notices/settings')
  @ApiOperation({ summary: 'Set the details notices carry (the whole set); each change is in the account audit.' })
  @ApiOkResponse({ type: NoticeSettingsDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A missing or malformed item; nothing is changed.' })
  @RequirePermission('notices:settings')
  putSettings(@Acting() context: RequestContext, @Body() body: NoticeSettingsDto): Promise<NoticeDetails> {
    return this.settings.update(context, body);
  }
}
