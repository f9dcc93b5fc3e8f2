import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import { OidcService } from '../auth/oidc.service.js';
import { AnySignedIn, Public } from '../auth/permissions.js';
import { SignInRateLimited } from '../auth/rate-limits.js';
import { DomainError } from '../common/domain-error.js';
import type { UserAccount } from '../users/user-account.entity.js';
import { type FieldError, formErrors, readForm } from './format/form-errors.js';
import { PageController } from './page-controller.decorator.js';
import { safeReturnPath } from './page-errors.js';
import { SignInForm } from './sign-in.form.js';
import { renderSignIn } from './sign-in.page.js';
import { endSession, startSession } from './web-session.js';

/**
 * Sign-in with the same accounts, password check, lockout and rate limit as POST /api/auth/login.
 * It stays when single sign-on is configured (oidc-sign-in.controller.ts): the first administrator
 * has only a password, and it is the way in when the provider is down.
 */
@PageController()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcService,
  ) {}

  @Get('sign-in')
  @Public()
  form(@Query('returnTo') returnTo: unknown, @Query('signedOut') signedOut: unknown, @Res() res: Response): void {
    renderSignIn(res, this.oidc, 200, { returnTo: safeReturnPath(returnTo), signedOut: signedOut === '1' });
  }

  @Post('sign-in')
  @Public()
  @SignInRateLimited()
  async signIn(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { value, errors } = readForm(SignInForm, body);
    const returnTo = safeReturnPath(value.returnTo);
    const refuse = (status: number, problems: FieldError[]) =>
      renderSignIn(res, this.oidc, status, { returnTo, values: { email: value.email }, errors: formErrors(problems) });
    if (errors.length > 0) return refuse(400, errors);
    let account: UserAccount;
    try {
      account = await this.auth.checkPassword(value.email, value.password);
    } catch (error) {
      // A locked account is refused like a wrong password (its holder is emailed), so the page says which emails exist no more than the API does.
      if (!(error instanceof DomainError) || error.code !== 'UNAUTHENTICATED') throw error;
      return refuse(401, [{ field: 'email', message: error.message }]);
    }
    await startSession(req, account.id);
    res.redirect(303, returnTo ?? '/');
  }

  @Post('sign-out')
  @AnySignedIn()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req, res);
    res.redirect(303, '/sign-in?signedOut=1');
  }
}
