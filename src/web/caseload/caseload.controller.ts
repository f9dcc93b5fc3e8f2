import { Get, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { readQuery } from '../format/page-query.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { CaseloadPage } from './caseload.page.js';
import { CaseloadQuery } from './caseload.query.js';

@PageController('caseload')
export class CaseloadController {
  constructor(private readonly caseload: CaseloadPage) {}

  @Get()
  @RequirePermission('cases:read')
  @LogsChildData('case_list_read')
  @Render('caseload.njk')
  async show(@Query() raw: unknown, @Req() req: Request) {
    return this.caseload.view(requestContextOf(req), readQuery(CaseloadQuery, raw));
  }
}
