import { Body, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { REQUEST_SOURCES } from '../../../workflows/ehc-needs-assessment/index.js';
import { RequirePermission } from '../../auth/permissions.js';
import { CasesService } from '../../cases/cases.service.js';
import { ValidationFailedError } from '../../common/domain-error.js';
import { type FieldError, fieldErrorOfRefusal, formErrors, readForm } from '../format/form-errors.js';
import { REQUEST_SOURCE_LABELS } from '../format/labels.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { NEW_REQUEST_ANCHORS, NEW_REQUEST_REFUSALS, NewRequestForm, toCreateCase } from './new-request.form.js';

const SOURCES = REQUEST_SOURCES.map((source) => ({ value: source, text: REQUEST_SOURCE_LABELS[source] }));

/** A request for an EHC needs assessment, recorded through the same service as POST /api/cases. */
@PageController('requests')
export class NewRequestController {
  constructor(private readonly cases: CasesService) {}

  @Get('new')
  @RequirePermission('cases:write')
  @Render('new-request.njk')
  form() {
    return { values: {}, sources: SOURCES };
  }

  @Post('new')
  @RequirePermission('cases:write')
  async create(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const refuse = (problems: FieldError[]) =>
      res.status(400).render('new-request.njk', { values: body, sources: SOURCES, errors: formErrors(problems, NEW_REQUEST_ANCHORS) });
    const { value, errors } = readForm(NewRequestForm, body);
    if (errors.length > 0) return refuse(errors);
    const { authority, actor } = requestContextOf(req);
    try {
      const created = await this.cases.create(authority, toCreateCase(value), actor);
      res.redirect(303, `/case/${created.id}?created=1`);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      refuse([fieldErrorOfRefusal(error, NEW_REQUEST_REFUSALS, 'requestReceivedOn')]);
    }
  }
}
