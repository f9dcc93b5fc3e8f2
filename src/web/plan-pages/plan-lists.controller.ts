import { Get, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { readQuery } from '../format/page-query.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { PlanListsPage } from './plan-lists.page.js';
import { PhaseTransferQuery, ReviewsWorklistQuery } from './plan-lists.query.js';

/** Outside /api, `/plans/reviews` is a page; `/api/plans/:id` is the API's (page-routes.ts checks they never meet). */
@PageController('plans')
export class PlanListsController {
  constructor(private readonly lists: PlanListsPage) {}

  @Get('reviews')
  @RequirePermission('cases:read')
  @LogsChildData('plan_list_read')
  @Render('plans/reviews.njk')
  reviews(@Query() raw: unknown, @Req() req: Request) {
    return this.lists.reviews(requestContextOf(req), loggedRoute(req), readQuery(ReviewsWorklistQuery, raw));
  }

  @Get('phase-transfers')
  @RequirePermission('cases:read')
  @LogsChildData('plan_list_read')
  @Render('plans/phase-transfers.njk')
  phaseTransfers(@Query() raw: unknown, @Req() req: Request) {
    return this.lists.phaseTransfers(requestContextOf(req), loggedRoute(req), readQuery(PhaseTransferQuery, raw));
  }
}
