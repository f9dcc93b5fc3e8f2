import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { DisputeEventType } from '../../../workflows/ehc-dispute/index.js';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { caseActorOf } from '../../cases/case-actor.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { DisputesService } from '../../disputes/disputes.service.js';
import { disputeEventLabel } from '../format/dispute-labels.js';
import { type FieldError, fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { DISPUTE_DATE_FIELDS, DISPUTE_FORM_FIELDS, disputeEventFromForm, isDisputeEventType } from './dispute-event-form.js';
import { disputePath } from './dispute-page-view.js';
import { DisputePage } from './dispute-page.service.js';

/** An id that is not a dispute id shows the same "Page not found" as a dispute of another authority. */
const disputeId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('dispute', 'given') });

const STALE = 'Someone else changed this dispute since you opened this page, so nothing was saved. Check the dispute as it is now below, then record the event again.';

/** The service refuses dates of what has not happened yet; it names the field first (disputes.service.ts). */
const DATE_REFUSALS: Record<string, FieldError> = {
  occurredOn: { field: 'occurredOn', message: 'The date must be today or earlier' },
  registeredOn: { field: 'registeredOn', message: 'The date the appeal was registered must be today or earlier' },
  from: { field: 'from', message: 'The date the exception started must be today or earlier' },
  to: { field: 'to', message: 'The date the exception ended must be today or earlier' },
  familyToldOn: { field: 'familyToldOn', message: 'The date the family was told must be today or earlier' },
  adviceRequestedOn: { field: 'adviceRequestedOn', message: 'The date the advice was requested must be today or earlier' },
};

/** The service's refusals and the status the page answers them with; anything else is not the form's fault. */
function refusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'DISPUTE_VERSION_CONFLICT') return { status: 409, problem: { field: 'form', message: STALE } };
  if (error.code === 'DISPUTE_TRANSITION_NOT_ALLOWED' || error.code === 'DISPUTE_EVENT_REFUSED') return { status: 422, problem: { field: 'form', message: error.message } };
  if (error.code === 'VALIDATION_FAILED') return { status: 400, problem: fieldErrorOfRefusal(error, DATE_REFUSALS, 'form') };
  return undefined;
}

/** Where the error summary links to: each field's first input, and the form itself. */
function anchors(type: DisputeEventType): Record<string, string> {
  const dates = Object.fromEntries(DISPUTE_DATE_FIELDS.map((field) => [field, `${type}-${field}-day`]));
  return { ...Object.fromEntries(DISPUTE_FORM_FIELDS.map((field) => [field, `${type}-${field}`])), ...dates, form: `form-${type}` };
}

/** The dispute page at /dispute/:id: /disputes/:id is the API's route (page-routes.ts keeps the two apart). */
@PageController('dispute')
export class DisputePageController {
  constructor(
    private readonly page: DisputePage,
    private readonly disputes: DisputesService,
  ) {}

  @Get(':id')
  @RequirePermission('cases:read')
  @LogsChildData('dispute_read')
  @Render('dispute.njk')
  async show(@Param('id', disputeId) id: string, @Query('created') created: unknown, @Query('recorded') recorded: unknown, @Req() req: Request) {
    const banner = created === '1' ? 'Dispute recorded. The mediation and appeal dates have started.' : isDisputeEventType(recorded) ? `${disputeEventLabel(recorded)}: recorded.` : undefined;
    return { ...(await this.page.view(requestContextOf(req), loggedRoute(req), id)), banner };
  }

  /** Records one event with the dispute version the form was shown with (the API's If-Match): a stale form changes nothing. */
  @Post(':id/events')
  @RequirePermission('cases:write')
  @LogsChildData('dispute_read')
  async record(@Param('id', disputeId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = body.type;
    const version = Number(body.version);
    if (!isDisputeEventType(type) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name an event of the dispute and the version of the dispute it was shown with.');
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { type, values: body, errors: formErrors(problems, anchors(type)) };
      res.status(status).render('dispute.njk', await this.page.view(context, loggedRoute(req), id, failed));
    };
    const { event, errors } = disputeEventFromForm(type, body);
    if (!event) return refuse(400, errors);
    try {
      await this.disputes.recordEvent(context.authority, id, event, version, caseActorOf(context));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return refuse(refusal.status, [refusal.problem]);
    }
    res.redirect(303, `${disputePath(id)}?recorded=${type}`);
  }
}
