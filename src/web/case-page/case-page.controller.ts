import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type CaseEventType, NOTICES, type NoticeName } from '../../../workflows/ehc-needs-assessment/index.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { caseActorOf } from '../../cases/case-actor.js';
import { CasesService } from '../../cases/cases.service.js';
import { DomainError, ERROR_STATUS, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { noticeHtml, noticePdf } from '../../notices/notice-render.js';
import { NoticesService } from '../../notices/notices.service.js';
import { keptNotice } from '../../notices/sent-notices.js';
import { type FieldError, fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { eventLabel, NOTICE_LABELS } from '../format/labels.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { DATE_FIELDS, eventFromForm, FORM_FIELDS, isEventType } from './case-event-form.js';
import { sendRequestFromForm } from './case-notices-view.js';
import { CasePage } from './case-page.service.js';

/** An id that is not a case id shows the same "Page not found" as a case of another authority. */
const caseId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('case', 'given') });

const STALE = 'Someone else changed this case since you opened this page, so nothing was saved. Check the case as it is now below, then record the event again.';

/** The service refuses dates of what has not happened yet; it names the field first (cases.service.ts). */
const DATE_REFUSALS: Record<string, FieldError> = {
  occurredOn: { field: 'occurredOn', message: 'The date must be today or earlier, and not before the request was received' },
  from: { field: 'from', message: 'The date the exception started must be today or earlier' },
  to: { field: 'to', message: 'The date the exception ended must be today or earlier' },
  familyToldOn: { field: 'familyToldOn', message: 'The date the family was told must be today or earlier' },
  sentOn: { field: 'sentOn', message: 'The date the notice was sent must be today or earlier' },
  'notice.sentOn': { field: 'noticeSentOn', message: 'The date the notice was sent must be today or earlier' },
};

/** The service's refusals and the status the page answers them with; anything else is not the form's fault. */
function refusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'CASE_VERSION_CONFLICT') return { status: 409, problem: { field: 'form', message: STALE } };
  if (error.code === 'CASE_TRANSITION_NOT_ALLOWED' || error.code === 'CASE_EVENT_REFUSED') return { status: 422, problem: { field: 'form', message: error.message } };
  if (error.code === 'VALIDATION_FAILED') return { status: 400, problem: fieldErrorOfRefusal(error, DATE_REFUSALS, 'form') };
  return undefined;
}

/** Where the error summary links to: each field's first input, and the form itself. */
function anchors(type: CaseEventType): Record<string, string> {
  const dates = Object.fromEntries(DATE_FIELDS.map((field) => [field, `${type}-${field}-day`]));
  return { ...Object.fromEntries(FORM_FIELDS.map((field) => [field, `${type}-${field}`])), ...dates, form: `form-${type}` };
}

@PageController('case')
export class CasePageController {
  constructor(
    private readonly page: CasePage,
    private readonly cases: CasesService,
    private readonly notices: NoticesService,
    private readonly accessLog: AccessLogService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get(':id')
  @RequirePermission('cases:read')
  @LogsChildData('case_read')
  @Render('case.njk')
  async show(@Param('id', caseId) id: string, @Query('created') created: unknown, @Query('recorded') recorded: unknown, @Query('sent') sent: unknown, @Req() req: Request) {
    const banner = created === '1' ? 'Request recorded. The statutory clock has started.'
      : isEventType(recorded) ? `${eventLabel(recorded)}: recorded.`
      : isNoticeName(sent) ? `${NOTICE_LABELS[sent]}: notice sent, and kept below as it went out.`
      : undefined;
    return { ...(await this.page.view(requestContextOf(req), loggedRoute(req), id)), banner };
  }

  /** Records one event with the case version the form was shown with: a stale form changes nothing. */
  @Post(':id/events')
  @RequirePermission('cases:write')
  @LogsChildData('case_read')
  async record(@Param('id', caseId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = body.type;
    const version = Number(body.version);
    if (!isEventType(type) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name an event of the process and the version of the case it was shown with.');
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { type, values: body, errors: formErrors(problems, anchors(type)) };
      res.status(status).render('case.njk', await this.page.view(context, loggedRoute(req), id, failed));
    };
    const { event, errors } = eventFromForm(type, body);
    if (!event) return refuse(400, errors);
    try {
      await this.cases.recordEvent(context.authority, id, event, version, caseActorOf(context));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return refuse(refusal.status, [refusal.problem]);
    }
    res.redirect(303, `/case/${id}?recorded=${type}`);
  }

  /** The notice as it would go out today by email: the page's preview, as HTML or (`?format=pdf`) the PDF. */
  @Get(':id/notices/:notice')
  @RequirePermission('cases:read')
  // Logged by the service once the notice is written.
  @LogsChildData('notice_read')
  async previewNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isNoticeName(notice)) throw new NotFoundError('notice', notice);
    const document = await this.notices.caseNotice(requestContextOf(req), loggedRoute(req), id, notice, { method: 'email' });
    if (format === 'pdf') return sendPdf(res, `${document.caseReference}-${notice}.pdf`, await noticePdf(document));
    res.type('text/html; charset=utf-8').send(noticeHtml(document));
  }

  /** A notice exactly as it was sent. */
  @Get(':id/notices/:notice/versions/:version')
  @RequirePermission('cases:read')
  // Logged here once the copy is found.
  @LogsChildData('notice_read')
  async keptNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Param('version') version: string, @Query('format') format: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const kept = isNoticeName(notice) && /^[1-9]\d{0,5}$/.test(version) ? await keptNotice(this.db.manager, context.authority.id, id, notice, Number(version)) : undefined;
    if (!kept) throw new NotFoundError('notice', `${notice} version ${version}`);
    await this.accessLog.record(context, 'notice_read', loggedRoute(req), [id]);
    if (format === 'pdf') return sendPdf(res, `${kept.reference}-${notice}-v${version}.pdf`, kept.pdf);
    res.type('text/html; charset=utf-8').send(kept.html);
  }

  /** Sends a notice from the case page: a refused form shows the page again with what was wrong, having sent nothing. */
  @Post(':id/notices/:notice/send')
  @RequirePermission('cases:write')
  @LogsChildData('case_read')
  async sendNotice(@Param('id', caseId) id: string, @Param('notice') notice: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const version = Number(body.version);
    if (!isNoticeName(notice) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name a notice of the case and the version of the case it was shown with.');
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { notice, values: body, errors: formErrors(problems, noticeAnchors(notice)) };
      res.status(status).render('case.njk', await this.page.view(context, loggedRoute(req), id, undefined, failed));
    };
    const { request, errors } = sendRequestFromForm(body);
    if (!request) return refuse(400, errors);
    try {
      await this.notices.send(context, id, notice, request, version);
    } catch (error) {
      const refusal = noticeRefusalOf(error);
      if (!refusal) throw error;
      return refuse(refusal.status, [refusal.problem]);
    }
    res.redirect(303, `/case/${id}?sent=${notice}#notices`);
  }
}

const isNoticeName = (value: unknown): value is NoticeName => typeof value === 'string' && (NOTICES as readonly string[]).includes(value);

function sendPdf(res: Response, filename: string, pdf: Buffer): void {
  res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.send(pdf);
}

/** Where the send form's error summary links to. */
function noticeAnchors(notice: NoticeName): Record<string, string> {
  return { method: `${notice}-method`, email: `${notice}-email`, addressee: `${notice}-addressee`, sentOn: `${notice}-sentOn-day`, recipient: `${notice}-recipient`, form: `send-${notice}` };
}

/** The send's refusals as the page shows them: a wrong address on its field, the rest on the form. */
function noticeRefusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return refusalOf(error);
  if (error.code === 'VALIDATION_FAILED' && error.message.startsWith('to ')) return { status: 400, problem: { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' } };
  if (error.code === 'VALIDATION_FAILED' && error.message.startsWith('sentOn')) return { status: 400, problem: { field: 'sentOn', message: 'The day it was posted or handed over must be today or earlier' } };
  if (['NOTICE_NOT_AVAILABLE', 'NOTICE_DETAILS_NOT_SET', 'NOTICE_EMAIL_NOT_CONFIGURED'].includes(error.code)) return { status: ERROR_STATUS[error.code], problem: { field: 'form', message: error.message } };
  return refusalOf(error);
}
