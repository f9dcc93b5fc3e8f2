import { Get, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { DashboardPage } from './dashboard.page.js';

@PageController('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardPage) {}

  @Get()
  @RequirePermission('reports:read')
  @LogsChildData('case_list_read')
  @Render('dashboard/dashboard.njk')
  show(@Req() req: Request) {
    return this.dashboard.view(requestContextOf(req));
  }
}
