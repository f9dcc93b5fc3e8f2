import { Body, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { ChildIdentityRefusedError } from '../../children/children.errors.js';
import { ChildrenService } from '../../children/children.service.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../../common/domain-error.js';
import { type FieldError, formErrors, readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { requestContextOf } from '../page-locals.js';
import { ChildIdentityForm } from './child-identity.form.js';
import { ChildPage } from './child-page.service.js';

/** An id that is not a child record's shows the same "Page not found" as another authority's child. */
const childId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('child', 'given') });

const STALE = 'Someone else changed this child’s details since you opened this page, so nothing was saved. Check them as they are now below, then make your change again.';
const FIELDS = ['upn', 'uln', 'upnUnknown', 'sex', 'ethnicity', 'postcode'] as const;

/** The child record page at /child/:id: /children/:id is the API's route. */
@PageController('child')
export class ChildPageController {
  constructor(
    private readonly page: ChildPage,
    private readonly children: ChildrenService,
  ) {}

  @Get(':id')
  @RequirePermission('cases:read')
  @LogsChildData('child_read')
  @Render('child.njk')
  async show(@Param('id', childId) id: string, @Query('saved') saved: unknown, @Req() req: Request) {
    return { ...(await this.page.view(requestContextOf(req), loggedRoute(req), id)), banner: saved === '1' ? 'The child’s details have been saved.' : undefined };
  }

  /** Saves the identity items with the record's version the form was shown with: a stale form changes nothing. */
  @Post(':id/identity')
  @RequirePermission('cases:write')
  @LogsChildData('child_read')
  async save(@Param('id', childId) id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const version = Number(body.version);
    if (!Number.isInteger(version)) throw new ValidationFailedError('The form does not name the version of the child record it was shown with.');
    const context = requestContextOf(req);
    const refuse = async (status: number, problems: FieldError[]) => {
      const failed = { values: body, errors: formErrors(problems, { form: 'identity-form' }) };
      res.status(status).render('child.njk', await this.page.view(context, loggedRoute(req), id, failed));
    };
    const { value, errors } = readForm(ChildIdentityForm, body);
    if (errors.length > 0) return refuse(400, errors);
    // Every box is on the form: an empty one clears its item.
    const submitted = Object.fromEntries(FIELDS.map((field) => [field, value[field] ?? null]));
    try {
      await this.children.updateIdentity(context, id, submitted, version);
    } catch (error) {
      if (error instanceof ChildIdentityRefusedError) return refuse(400, Object.entries(error.fields).map(([field, message]) => ({ field, message: message! })));
      if (error instanceof DomainError && error.code === 'CHILD_VERSION_CONFLICT') return refuse(409, [{ field: 'form', message: STALE }]);
      throw error;
    }
    res.redirect(303, `/child/${id}?saved=1`);
  }
}
