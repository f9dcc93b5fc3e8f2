import { Get, Query, Render, Req } from '@nestjs/common';
import type { Request } from 'express';
import { RequirePermission } from '../../auth/permissions.js';
import { ValidationFailedError } from '../../common/domain-error.js';
import { readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { CaseloadPage } from './caseload.page.js';
import { CaseloadQuery } from './caseload.query.js';

@PageController('caseload')
export class CaseloadController {
  constructor(private readonly caseload: CaseloadPage) {}

  @Get()
  @RequirePermission('cases:read')
  @Render('caseload.njk')
  async show(@Query() raw: unknown, @Req() req: Request) {
    const { value, errors } = readForm(CaseloadQuery, raw);
    if (errors.length > 0) throw new ValidationFailedError(errors.map((error) => error.message).join('; '));
    return this.caseload.view(requestContextOf(req), value);
  }
}
