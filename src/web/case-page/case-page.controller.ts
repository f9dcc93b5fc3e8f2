import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type CaseEventType, NOTICES, type NoticeName } from '../../../workflows/ehc-needs-assessment/index.js';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { caseActorOf } from '../../cases/case-actor.js';
import { CasesService } from '../../cases/cases.service.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { type FieldError, fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { eventLabel, NOTICE_LABELS } from '../format/labels.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { DATE_FIELDS, eventFromForm, FORM_FIELDS, isEventType } from './case-event-form.js';
import { CasePage } from './case-page.service.js';

/** An id that is not a case id shows the same "Page not found" as a case of another authority. */
export const caseId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('case', 'given') });

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
export function refusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
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
}

export const isNoticeName = (value: unknown): value is NoticeName => typeof value === 'string' && (NOTICES as readonly string[]).includes(value);
