import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PLAN_NOTICES, type PlanEventType, type PlanNoticeName } from '../../../workflows/ehc-plan/index.js';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { caseActorOf } from '../../cases/case-actor.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { PlansService } from '../../plans/plans.service.js';
import { type FieldError, fieldErrorOfRefusal, formErrors } from '../format/form-errors.js';
import { PLAN_NOTICE_LABELS, planEventLabel } from '../format/plan-labels.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { isPlanEventType, PLAN_DATE_FIELDS, PLAN_FORM_FIELDS, planEventFromForm } from './plan-event-form.js';
import { planPath } from '../format/case-summary.js';
import { PlanPage } from './plan-page.service.js';

/** An id that is not a plan id shows the same "Page not found" as a plan of another authority. */
export const planId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('plan', 'given') });

const STALE = 'Someone else changed this plan since you opened this page, so nothing was saved. Check the plan as it is now below, then record the event again.';

/** The service refuses dates of what has not happened yet; it names the field first (plans.service.ts). */
const DATE_REFUSALS: Record<string, FieldError> = {
  occurredOn: { field: 'occurredOn', message: 'The date must be today or earlier, and not before the plan started' },
  from: { field: 'from', message: 'The date the exception started must be today or earlier' },
  to: { field: 'to', message: 'The date the exception ended must be today or earlier' },
  familyToldOn: { field: 'familyToldOn', message: 'The date the family was told must be today or earlier' },
  adviceRequestedOn: { field: 'adviceRequestedOn', message: 'The date the advice was requested must be today or earlier' },
  sentOn: { field: 'sentOn', message: 'The date the notice was sent must be today or earlier' },
  'notice.sentOn': { field: 'noticeSentOn', message: 'The date the notice was sent must be today or earlier' },
};

/** The service's refusals and the status the page answers them with; anything else is not the form's fault. */
export function refusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'PLAN_VERSION_CONFLICT') return { status: 409, problem: { field: 'form', message: STALE } };
  if (error.code === 'PLAN_TRANSITION_NOT_ALLOWED' || error.code === 'PLAN_EVENT_REFUSED') return { status: 422, problem: { field: 'form', message: error.message } };
  if (error.code === 'VALIDATION_FAILED') return { status: 400, problem: fieldErrorOfRefusal(error, DATE_REFUSALS, 'form') };
  return undefined;
}

/** Where the error summary links to: each field's first input, and the form itself. */
function anchors(type: PlanEventType): Record<string, string> {
  const dates = Object.fromEntries(PLAN_DATE_FIELDS.map((field) => [field, `${type}-${field}-day`]));
  return { ...Object.fromEntries(PLAN_FORM_FIELDS.map((field) => [field, `${type}-${field}`])), ...dates, form: `form-${type}` };
}

/** The plan page at /plan/:id: /plans/:id is the API's route (page-routes.ts keeps the two apart). */
@PageController('plan')
export class PlanPageController {
  constructor(
    private readonly page: PlanPage,
    private readonly plans: PlansService,
  ) {}

  @Get(':id')
  @RequirePermission('cases:read')
  @LogsChildData('plan_read')
  @Render('plan.njk')
  async show(@Param('id', planId) id: string, @Query('recorded') recorded: unknown, @Query('sent') sent: unknown, @Req() req: Request) {
    const banner = isPlanEventType(recorded) ? `${planEventLabel(recorded)}: recorded.`
      : isPlanNoticeName(sent) ? `${PLAN_NOTICE_LABELS[sent]}: notice sent, and kept below as it went out.`
      : undefined;
    return { ...(await this.page.view(requestContextOf(req), loggedRoute(req), id)), banner };
  }

  /** Records one event with the plan version the form was shown with: a stale form changes nothing. */
  @Post(':id/events')
  @RequirePermission('cases:write')
  @LogsChildData('plan_read')
  async record(@Param('id', planId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = body.type;
    const version = Number(body.version);
    if (!isPlanEventType(type) || !Number.isInteger(version)) throw new ValidationFailedError('The form does not name an event of the plan and the version of the plan it was shown with.');
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { type, values: body, errors: formErrors(problems, anchors(type)) };
      res.status(status).render('plan.njk', await this.page.view(context, loggedRoute(req), id, failed));
    };
    const { event, errors } = planEventFromForm(type, body);
    if (!event) return refuse(400, errors);
    try {
      await this.plans.recordEvent(context.authority, id, event, version, caseActorOf(context));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return refuse(refusal.status, [refusal.problem]);
    }
    res.redirect(303, `${planPath(id)}?recorded=${type}`);
  }
}

export const isPlanNoticeName = (value: unknown): value is PlanNoticeName => typeof value === 'string' && (PLAN_NOTICES as readonly string[]).includes(value);
