import { Body, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { DomainError } from '../../common/domain-error.js';
import { DisputesService } from '../../disputes/disputes.service.js';
import { type FieldError, fieldErrorOfRefusal, formErrors, readForm } from '../format/form-errors.js';
import { readQuery } from '../format/page-query.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { DisputeListsPage } from './dispute-lists.page.js';
import { DisputeWorklistQuery, NewDisputeQuery } from './dispute-lists.query.js';
import { disputePath } from './dispute-page-view.js';
import { NewDisputeForm } from './new-dispute.form.js';

/** The service's refusals of a new dispute: the notice's date, or the decision itself. */
const REFUSALS: Record<string, FieldError> = {
  noticeSentOn: { field: 'noticeSentOn', message: 'The date the decision notice was sent must be today or earlier, and not before the decision' },
};

function refusalOf(error: unknown): { status: number; problem: FieldError } | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === 'DISPUTE_ALREADY_OPEN') return { status: 409, problem: { field: 'decision', message: error.message } };
  if (error.code === 'DISPUTE_REFUSED' || error.code === 'VALIDATION_FAILED') {
    return { status: error.code === 'DISPUTE_REFUSED' ? 422 : 400, problem: fieldErrorOfRefusal(error, REFUSALS, 'decision') };
  }
  return undefined;
}

const ANCHORS = { decision: 'decision', noticeSentOn: 'noticeSentOn-day' };

/** Outside /api, `/disputes/worklist` and `/disputes/new` are pages; `/api/disputes` and `/api/disputes/:id` are the API's. */
@PageController('disputes')
export class DisputeListsController {
  constructor(
    private readonly lists: DisputeListsPage,
    private readonly disputes: DisputesService,
  ) {}

  @Get('worklist')
  @RequirePermission('cases:read')
  @LogsChildData('dispute_list_read')
  @Render('disputes/worklist.njk')
  worklist(@Query() raw: unknown, @Req() req: Request) {
    return this.lists.worklistView(requestContextOf(req), loggedRoute(req), readQuery(DisputeWorklistQuery, raw));
  }

  @Get('new')
  @RequirePermission('cases:write')
  @Render('disputes/new.njk')
  newDispute(@Query() raw: unknown, @Req() req: Request) {
    return this.lists.newDisputeView(requestContextOf(req), readQuery(NewDisputeQuery, raw));
  }

  /** Records the dispute through DisputesService.create, as POST /api/disputes does; its page follows. */
  @Post('new')
  @RequirePermission('cases:write')
  async create(@Query() raw: unknown, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const subject = readQuery(NewDisputeQuery, raw);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { values: body, errors: formErrors(problems, ANCHORS) };
      res.status(status).render('disputes/new.njk', await this.lists.newDisputeView(context, subject, failed));
    };
    const { value, errors } = readForm(NewDisputeForm, body);
    if (errors.length > 0) return refuse(400, errors);
    // The subject is checked (one of them, in this authority) before the service is asked.
    await this.lists.newDisputeView(context, subject);
    try {
      const created = await this.disputes.create(context.authority, { ...subject, decision: value.decision, noticeSentOn: value.noticeSentOn }, context.actor);
      res.redirect(303, `${disputePath(created.id)}?created=1`);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return refuse(refusal.status, [refusal.problem]);
    }
  }
}
