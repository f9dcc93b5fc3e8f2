import { Body, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../../auth/permissions.js';
import { DomainError } from '../../common/domain-error.js';
import { sendDocument } from '../../advice/advice.controller.js';
import { NotFoundError } from '../../common/domain-error.js';
import { AddFamilyContactDto } from '../../family/family-contacts.dto.js';
import { AnswerFamilyMessageDto } from '../../family/family-messages.dto.js';
import { FamilyMessagesService } from '../../family/family-messages.service.js';
import { dateInputValue } from '../format/dates.js';
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

const ANSWER_MESSAGES: Record<string, string> = {
  method: 'Select how you answered',
  answer: 'Enter what you told them',
  answeredOn: 'Enter the day you answered as a real date, like 9 12 2026',
};

const messageId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('message from the family', 'given') });
const documentId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('document from the family', 'given') });

/** The case page's "Family access" (naming who in the family may see the case on the family pages, and revoking it) and "Messages from the family". */
@PageController('case')
export class CaseFamilyPageController {
  constructor(
    private readonly page: CasePage,
    private readonly contacts: FamilyContactsService,
    private readonly messages: FamilyMessagesService,
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

  /** Records how a message was answered; a refused form is the page again with what to fix, having changed nothing. */
  @Post(':id/family-messages/:messageId/answer')
  @RequirePermission('cases:write')
  @LogsChildData('case_read')
  async answer(
    @Param('id', caseId) id: string,
    @Param('messageId', messageId) message: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = requestContextOf(req);
    const anchors = { method: `answer-method-${message}`, answer: `answer-text-${message}`, answeredOn: `answered-on-${message}-day` };
    const refuse = async (status: number, problems: FieldError[]) =>
      res.status(status).render('case.njk', await this.page.view(context, loggedRoute(req), id, undefined, undefined, undefined, { messageId: message, values: body, errors: formErrors(problems, anchors) }));
    const { value, errors } = readForm(AnswerFamilyMessageDto, { method: body.method, answer: typeof body.answer === 'string' ? body.answer.trim() : body.answer, answeredOn: dateInputValue(body, 'answeredOn') || undefined });
    if (errors.length > 0) return refuse(400, errors.map((error) => ({ field: error.field, message: ANSWER_MESSAGES[error.field] ?? error.message })));
    try {
      await this.messages.answer(context, id, message, value);
    } catch (error) {
      if (!(error instanceof DomainError) || !['VALIDATION_FAILED', 'FAMILY_MESSAGE_ANSWERED'].includes(error.code)) throw error;
      return refuse(error.code === 'VALIDATION_FAILED' ? 400 : 409, [{ field: error.code === 'VALIDATION_FAILED' ? 'answeredOn' : 'answer', message: error.message }]);
    }
    res.redirect(303, `/case/${id}#message-${message}`);
  }

  @Get(':id/family-documents/:documentId')
  @RequirePermission('cases:read')
  // Logged by the service once the document is found, before it is sent.
  @LogsChildData('family_document_read')
  async document(@Param('id', caseId) id: string, @Param('documentId', documentId) document: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendDocument(res, await this.messages.document(requestContextOf(req), id, document, loggedRoute(req)));
  }
}
