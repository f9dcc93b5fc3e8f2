import { Get, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { RequirePermission } from '../../auth/permissions.js';
import { readQuery } from '../format/page-query.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { AlertsInboxPage } from './alerts-inbox.page.js';
import { AlertsInboxQuery } from './alerts-inbox.query.js';

@PageController('notifications')
export class AlertsInboxController {
  constructor(private readonly inbox: AlertsInboxPage) {}

  @Get()
  @RequirePermission('alerts:read')
  @Render('dashboard/alerts-inbox.njk')
  show(@Query() raw: unknown, @Req() req: Request) {
    return this.inbox.view(requestContextOf(req), readQuery(AlertsInboxQuery, raw));
  }
}
