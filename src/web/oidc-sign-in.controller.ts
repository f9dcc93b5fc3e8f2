import { Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import 'express-session';
import { callbackQuery } from '../auth/oidc.controller.js';
import { OidcService, type PageOidcAttempt } from '../auth/oidc.service.js';
import { Public } from '../auth/permissions.js';
import { SignInRateLimited } from '../auth/rate-limits.js';
import { DomainError, ERROR_STATUS } from '../common/domain-error.js';
import { PageController } from './page-controller.decorator.js';
import { safeReturnPath } from './page-errors.js';
import { renderSignIn, singleSignOnError } from './sign-in.page.js';
import { saveSession, startSession } from './web-session.js';

declare module 'express-session' {
  interface SessionData {
    /** A single sign-on under way in this browser, and the page to go back to after it. */
    oidcAttempt: PageOidcAttempt & { returnTo?: string };
  }
}

/** Refusals shown on the sign-in page, so the person can start again or use a password. */
const SHOWN_ON_SIGN_IN = new Set(['UNAUTHENTICATED', 'IDENTITY_PROVIDER_UNREACHABLE']);

/**
 * Single sign-on on the pages. The attempt (state, nonce, PKCE verifier) lives in the browser's
 * own session, not in the database as the API's does: a callback completes only in the browser
 * that started it, so a link carrying someone else's code cannot sign this browser in as them.
 * Without single sign-on configured both routes answer the GOV.UK 404 page.
 */
@PageController()
export class OidcSignInController {
  constructor(private readonly oidc: OidcService) {}

  @Get('sign-in/oidc')
  @Public()
  @SignInRateLimited()
  async start(@Query('returnTo') returnTo: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const back = safeReturnPath(returnTo);
    try {
      const { url, attempt } = await this.oidc.startPageAttempt();
      req.session.oidcAttempt = { ...attempt, returnTo: back };
      await saveSession(req);
      res.redirect(302, url);
    } catch (error) {
      this.refuse(error, res, back);
    }
  }

  @Get('sign-in/oidc/callback')
  @Public()
  @SignInRateLimited()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const held = req.session.oidcAttempt;
    // Used once, whatever the outcome: the session is saved without it as the response ends.
    delete req.session.oidcAttempt;
    try {
      const account = await this.oidc.completePageAttempt(callbackQuery(req), held);
      await startSession(req, account.id);
      res.redirect(303, held?.returnTo ?? '/');
    } catch (error) {
      this.refuse(error, res, held?.returnTo);
    }
  }

  private refuse(error: unknown, res: Response, returnTo: string | undefined): void {
    if (!(error instanceof DomainError) || !SHOWN_ON_SIGN_IN.has(error.code)) throw error;
    renderSignIn(res, this.oidc, ERROR_STATUS[error.code], { returnTo, errors: singleSignOnError(error.message) });
  }
}
