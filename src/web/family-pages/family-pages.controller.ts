import { Body, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import 'express-session';
import { loggedRoute } from '../../access-log/logs-child-data.decorator.js';
import { Public } from '../../auth/permissions.js';
import { SignInRateLimited } from '../../auth/rate-limits.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { type FamilyCase, FamilyCaseService } from '../../family/family-case.service.js';
import { megabytes } from '../../advice/advice-submission.js';
import { checkMessage, type MessageProblem } from '../../family/family-documents.js';
import { FamilyMessagesService } from '../../family/family-messages.service.js';
import { FamilyOidcService } from '../../family/family-oidc.service.js';
import { CODE_MINUTES, FamilySignInService } from '../../family/family-sign-in.service.js';
import { answerKeptNotice } from '../../notices/notice-render.js';
import type { AdviceUploadRequest } from '../advice-portal/advice-upload.js';
import { formErrors, readForm } from '../format/form-errors.js';
import { PageController } from '../page-controller.decorator.js';
import { endSession, saveSession } from '../web-session.js';
import { familyCasePage, type MessageFormState } from './family-case-page.js';
import { FamilyCodeForm, FamilyEmailForm } from './family-sign-in.form.js';

declare module 'express-session' {
  interface SessionData {
    /** The email a family member signed in with, by the code sent to it. */
    familyEmail: string;
    /** The email a code was asked for, until it is entered. */
    familyPendingEmail: string;
  }
}

/** A virus found, or the virus check or the file store not answering: the form again, nothing kept. */
const UPLOAD_REFUSALS: Partial<Record<string, 422 | 503>> = { FILE_INFECTED: 422, VIRUS_SCANNER_UNAVAILABLE: 503, DOCUMENT_STORE_UNAVAILABLE: 503 };

const notFound = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('case', 'given') });

/**
 * The family's pages (design section 8): a parent, carer or young person the caseworker named
 * signs in with a code emailed to them and sees their own case only. No staff account is involved:
 * the routes are public to the staff guard, and each checks the family sign-in itself.
 */
@PageController('family')
export class FamilyPagesController {
  constructor(
    private readonly signIn: FamilySignInService,
    private readonly cases: FamilyCaseService,
    private readonly messages: FamilyMessagesService,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly oidc: FamilyOidcService,
  ) {}

  @Get('sign-in')
  @Public()
  emailForm(@Query('signedOut') signedOut: unknown, @Res() res: Response): void {
    res.render('family/sign-in.njk', { values: {}, available: this.signIn.available, oidcProvider: this.oidc.providerName, signedOut: signedOut === '1' });
  }

  @Post('sign-in')
  @Public()
  @SignInRateLimited()
  async askForCode(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { value, errors } = readForm(FamilyEmailForm, body);
    if (!this.signIn.available) return res.status(503).render('family/sign-in.njk', { values: {}, available: false, oidcProvider: this.oidc.providerName });
    if (errors.length > 0) return res.status(400).render('family/sign-in.njk', { values: { email: value.email }, available: true, oidcProvider: this.oidc.providerName, errors: formErrors(errors) });
    await this.signIn.requestCode(value.email);
    req.session.familyPendingEmail = value.email;
    await saveSession(req);
    res.redirect(303, '/family/sign-in/code');
  }

  @Get('sign-in/code')
  @Public()
  codeForm(@Req() req: Request, @Res() res: Response): void {
    const email = req.session.familyPendingEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    res.render('family/code.njk', { email, minutes: CODE_MINUTES });
  }

  @Post('sign-in/code')
  @Public()
  @SignInRateLimited()
  async enterCode(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const email = req.session.familyPendingEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    const refuse = (message: string) => res.status(400).render('family/code.njk', { email, minutes: CODE_MINUTES, errors: formErrors([{ field: 'code', message }]) });
    const { value, errors } = readForm(FamilyCodeForm, body);
    if (errors.length > 0) return refuse(errors[0].message);
    const checked = await this.signIn.check(email, value.code);
    if (checked === 'wrong') return refuse('The code is not right: check the email we sent and enter the 6 numbers again');
    if (checked === 'expired') return refuse('The code has expired, or has been tried too many times: ask for a new code');
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.familyEmail = email;
    req.session.signedInAt = Date.now();
    await saveSession(req);
    res.redirect(303, '/family');
  }

  @Get()
  @Public()
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
    const email = req.session.familyEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    res.render('family/cases.njk', { email, cases: await this.cases.casesOf(email) });
  }

  @Get('case/:id')
  @Public()
  async showCase(@Param('id', notFound) id: string, @Query('sent') sent: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const email = req.session.familyEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    this.casePage(res, 200, email, await this.cases.caseOf(email, id, loggedRoute(req)), { sent: typeof sent === 'string' ? sent : undefined });
  }

  /** A message to the SEN team, with a document if they like; a refused one is the page again saying what to fix, having kept nothing. */
  @Post('case/:id/messages')
  @Public()
  async sendMessage(@Param('id', notFound) id: string, @Body() body: Record<string, unknown>, @Req() req: AdviceUploadRequest, @Res() res: Response): Promise<void> {
    const email = req.session.familyEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    const text = typeof body.body === 'string' ? body.body : undefined;
    const file = req.file && { originalName: req.file.originalname, content: req.file.buffer };
    const refuse = async (problems: MessageProblem[]) =>
      this.casePage(res, Math.max(...problems.map((p) => p.status)), email, await this.cases.caseOf(email, id, loggedRoute(req)), { values: { body: text }, problems });
    const checked = checkMessage({ body: text, file, fileTooLarge: req.fileTooLarge }, this.config.advice.maxBytes);
    if ('problems' in checked) return refuse(checked.problems);
    try {
      const sent = await this.messages.send(email, id, checked);
      res.redirect(303, `/family/case/${id}?sent=${sent.id}#messages`);
    } catch (error) {
      const status = error instanceof DomainError ? UPLOAD_REFUSALS[error.code] : undefined;
      if (!status) throw error;
      await refuse([{ field: 'file', message: (error as DomainError).message, status }]);
    }
  }

  /** A notice sent on the case, or on the EHC plan it made, as the family received it. */
  @Get(['case/:id/notices/:notice/versions/:version', 'case/:id/plan-notices/:notice/versions/:version'])
  @Public()
  async notice(
    @Param('id', notFound) id: string,
    @Param('notice') notice: string,
    @Param('version', ParseIntPipe) version: number,
    @Query('format') format: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const email = req.session.familyEmail;
    if (!email) return res.redirect(303, '/family/sign-in');
    const of = req.route.path.includes('/plan-notices/') ? 'plan' : 'case';
    const kept = await this.cases.notice(email, id, { of, notice, version }, loggedRoute(req));
    answerKeptNotice(res, format === 'pdf', kept, notice, version);
  }

  private casePage(res: Response, status: number, email: string, found: FamilyCase, state: MessageFormState): void {
    res.status(status).render('family/case.njk', { email, maxSize: megabytes(this.config.advice.maxBytes), ...familyCasePage(found, state) });
  }

  @Post('sign-out')
  @Public()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req, res);
    res.redirect(303, '/family/sign-in?signedOut=1');
  }
}
