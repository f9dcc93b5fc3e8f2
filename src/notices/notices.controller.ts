import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NOTICES, type NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import { loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { noticeHtml, noticePdf } from './notice-render.js';
import { NoticeSettingsService, type NoticeDetails } from './notice-settings.service.js';
import { NoticeQuery, NoticeSettingsDto } from './notices.dto.js';
import { NoticesService } from './notices.service.js';

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
    const pdf = req.accepts(['text/html', 'application/pdf']) === 'application/pdf';
    const name = noticeName(notice);
    const document = await this.notices.caseNotice(context, loggedRoute(req), id, name, { ...(query.sentOn && { sentOn: query.sentOn }), method: query.method ?? 'email' });
    if (pdf) {
      res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${document.caseReference}-${notice}.pdf"`);
      res.send(await noticePdf(document));
      return;
    }
    res.type('text/html; charset=utf-8').send(noticeHtml(document));
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
