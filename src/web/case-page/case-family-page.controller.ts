import { Body, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { DomainError } from '../../common/domain-error.js';
import { AddFamilyContactDto } from '../../family/family-contacts.dto.js';
import { FamilyContactsService } from '../../family/family-contacts.service.js';
import { type FieldError, formErrors, readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { caseId } from './case-page.controller.js';
import { CasePage } from './case-page.service.js';

const ANCHORS = { email: 'family-email', name: 'family-name', relationship: 'family-relationship', form: 'family-access' };

const MESSAGES: Record<string, string> = {
  email: 'Enter the email address they will sign in with, like name@example.com',
  name: 'Enter their name',
  relationship: 'Select who they are',
};

/** The case page's "Family access": naming who in the family may see the case on the family pages, and revoking it. */
@PageController('case')
export class CaseFamilyPageController {
  constructor(
    private readonly page: CasePage,
    private readonly contacts: FamilyContactsService,
  ) {}

  @Post(':id/family-contacts')
  @RequirePermission('cases:write')
  @LogsChildData('case_read')
  async add(@Param('id', caseId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) =>
      res.status(status).render('case.njk', await this.page.view(context, loggedRoute(req), id, undefined, undefined, { values: body, errors: formErrors(problems, ANCHORS) }));
    const { value, errors } = readForm(AddFamilyContactDto, body);
    if (errors.length > 0) return refuse(400, errors.map((error) => ({ field: error.field, message: MESSAGES[error.field] ?? error.message })));
    try {
      await this.contacts.add(context, id, value);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'FAMILY_CONTACT_EXISTS') throw error;
      return refuse(409, [{ field: 'email', message: error.message }]);
    }
    res.redirect(303, `/case/${id}#family-access`);
  }

  @Post(':id/family-contacts/:contactId/revoke')
  @RequirePermission('cases:write')
  async revoke(@Param('id', caseId) id: string, @Param('contactId', ParseUUIDPipe) contactId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.contacts.revoke(requestContextOf(req), id, contactId);
    res.redirect(303, `/case/${id}#family-access`);
  }
}
