import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PLAN_NOTICES, type PlanNoticeName } from '../../workflows/ehc-plan/index.js';
import { caseIdParam, loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { Acting, type RequestContext } from '../common/request-context.js';
import { answerKeptNotice, answerWrittenNotice, wantsPdf } from './notice-render.js';
import { NoticeQuery, SendNoticeDto, SentPlanNoticeDto, SentPlanNoticeResponse } from './notices.dto.js';
import { PlanNoticesService, type SentPlanNotice } from './plan-notices.service.js';
import type { SentNoticeView } from './sent-notices.js';

export function planNoticeName(value: string): PlanNoticeName {
  if (!(PLAN_NOTICES as readonly string[]).includes(value)) throw new ValidationFailedError(`notice must be one of ${PLAN_NOTICES.join(', ')}, not "${value}"`);
  return value as PlanNoticeName;
}

/** The statutory notices of a maintained plan, written by the engine from the plan's record (issue 16 item 1). */
@ApiTags('notices')
@Controller('plans/:id/notices')
export class PlanNoticesController {
  constructor(private readonly notices: PlanNoticesService) {}

  @Get(':notice')
  @ApiOperation({ summary: 'A statutory notice of the plan as it would go out: an accessible HTML page (Accept: text/html, the default) or a PDF (Accept: application/pdf). Its dates are those the plan’s clock holds once it is sent.' })
  @ApiParam({ name: 'notice', enum: PLAN_NOTICES })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The notice: the decision and its reasons, the dates that apply (the 15 days on proposed amendments, the 8 weeks, the last day to appeal, how long a plan being ceased is kept) and the family’s rights.' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An unknown notice, method or date.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'NOTICE_DETAILS_NOT_SET: the authority has not set the details notices carry.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'NOTICE_NOT_AVAILABLE: the plan has not taken the step the notice tells of, or the date is before it.' })
  @RequirePermission('cases:read')
  // Logged by the service once the notice is written, before it is sent.
  @LogsChildData('plan_notice_read')
  async planNotice(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Query() query: NoticeQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const name = planNoticeName(notice);
    const document = await this.notices.preview(context, loggedRoute(req), id, name, { ...(query.sentOn && { sentOn: query.sentOn }), method: query.method ?? 'email' });
    await answerWrittenNotice(res, wantsPdf(req), document);
  }

  @Post(':notice/send')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a statutory notice of the plan: the engine writes it from the plan as it is now, keeps the copy as sent, records NOTICE_SENT (the limit is met on the served date) and, by email, sends it with its PDF; a letter is recorded as posted or handed over.',
  })
  @ApiParam({ name: 'notice', enum: PLAN_NOTICES })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The plan version you last read; 409 if it has changed since.' })
  @ApiOkResponse({ type: SentPlanNoticeResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'An unknown notice or method, an email without an address, a date in the future (or an email dated other than today).' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'PLAN_VERSION_CONFLICT, NOTICE_DETAILS_NOT_SET, or NOTICE_EMAIL_NOT_CONFIGURED (no SMTP_URL): nothing is sent or recorded.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'NOTICE_NOT_AVAILABLE, or NOTICE_SENT refused by the process: nothing is sent or recorded.' })
  @RequirePermission('cases:write')
  @LogsChildData('plan_read', caseIdParam())
  send(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Body() body: SendNoticeDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<SentPlanNotice> {
    return this.notices.send(context, id, planNoticeName(notice), body, parseIfMatch(ifMatch));
  }

  @Get()
  @ApiOperation({ summary: 'Every notice sent on the plan, each version with how, to whom and when, and the state of its email.' })
  @ApiOkResponse({ type: [SentPlanNoticeDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  // A notice's title names the child.
  @LogsChildData('plan_notice_read', caseIdParam())
  sent(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<SentNoticeView[]> {
    return this.notices.sentNotices(context, id);
  }

  @Get(':notice/versions/:version')
  @ApiOperation({ summary: 'A plan’s notice exactly as it was sent: the kept HTML (Accept: text/html, the default) or PDF (Accept: application/pdf).' })
  @ApiParam({ name: 'notice', enum: PLAN_NOTICES })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The document as the family received it.' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such plan, or no such version of the notice on it.' })
  @RequirePermission('cases:read')
  // Logged by the service once the copy is found, before it is sent.
  @LogsChildData('plan_notice_read')
  async keptVersion(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('notice') notice: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const kept = await this.notices.keptCopy(context, loggedRoute(req), id, planNoticeName(notice), version);
    answerKeptNotice(res, wantsPdf(req), kept, notice, version);
  }
}
