import { Get, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { RequirePermission } from '../../auth/permissions.js';
import { ValidationFailedError } from '../../common/domain-error.js';
import { readForm } from '../format/form-errors.js';
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
  async show(@Query() raw: unknown, @Req() req: Request) {
    const { value, errors } = readForm(AlertsInboxQuery, raw);
    if (errors.length > 0) throw new ValidationFailedError(errors.map((error) => error.message).join('; '));
    return this.inbox.view(requestContextOf(req), value);
  }
}
