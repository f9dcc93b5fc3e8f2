import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service.js';
import { sessionUserId } from '../auth/page-session.js';
import { AnySignedIn, ForPasswordChange } from '../auth/permissions.js';
import { SignInRateLimited } from '../auth/rate-limits.js';
import { DomainError } from '../common/domain-error.js';
import { ChangePasswordForm } from './change-password.form.js';
import { formErrors, readForm } from './format/form-errors.js';
import { PageController } from './page-controller.decorator.js';
import { startSession } from './web-session.js';

export const CHANGE_PASSWORD_PATH = '/account/password';

/** A person's own password change, as POST /api/auth/password; after an administrator's reset, the only page open to them. */
@PageController(CHANGE_PASSWORD_PATH)
export class ChangePasswordController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @AnySignedIn()
  @ForPasswordChange()
  form(@Query('reset') reset: unknown, @Query('changed') changed: unknown, @Res() res: Response): void {
    res.render('change-password.njk', { reset: reset === '1', changed: changed === '1' });
  }

  @Post()
  @AnySignedIn()
  @ForPasswordChange()
  @SignInRateLimited()
  async change(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { value, errors } = readForm(ChangePasswordForm, body);
    const refuse = (status: number, field: string, message: string) =>
      res.status(status).render('change-password.njk', { errors: formErrors([{ field, message }]) });
    if (errors.length > 0) return refuse(400, errors[0].field, errors[0].message);
    const userId = sessionUserId(req);
    try {
      await this.auth.changePassword(userId, value.currentPassword, value.newPassword);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'PASSWORD_CHANGE_REFUSED') throw error;
      return refuse(422, /different/.test(error.message) ? 'newPassword' : 'currentPassword', error.message);
    }
    // The change ended every session of the account, this one included: this browser alone signs in again.
    await startSession(req, userId);
    res.redirect(303, `${CHANGE_PASSWORD_PATH}?changed=1`);
  }
}
