import { Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import 'express-session';
import { callbackQuery } from '../../auth/oidc.controller.js';
import type { PageOidcAttempt } from '../../auth/oidc.service.js';
import { Public } from '../../auth/permissions.js';
import { SignInRateLimited } from '../../auth/rate-limits.js';
import { FamilyOidcService, type FamilyOidcRefusal } from '../../family/family-oidc.service.js';
import { FamilySignInService } from '../../family/family-sign-in.service.js';
import { PageController } from '../page-controller.decorator.js';
import { saveSession } from '../web-session.js';
import { familyOidcProblem } from './family-oidc-problems.js';

declare module 'express-session' {
  interface SessionData {
    /** A family sign-in through the provider under way in this browser. */
    familyOidcAttempt: PageOidcAttempt;
  }
}

/**
 * The family's sign-in through an OpenID Connect provider such as GOV.UK One Login. The attempt
 * lives in the browser's own session, so a callback completes only in the browser that started
 * it: a link carrying someone else's code cannot sign this browser in as them. Signed in, the
 * session holds the family email and nothing else, exactly as after the emailed code. Without a
 * provider configured both routes answer the GOV.UK 404 page.
 */
@PageController('family')
export class FamilyOidcSignInController {
  constructor(
    private readonly oidc: FamilyOidcService,
    private readonly codes: FamilySignInService,
  ) {}

  @Get('sign-in/oidc')
  @Public()
  @SignInRateLimited()
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    const started = await this.oidc.start();
    if ('refused' in started) return this.refuse(res, started.refused);
    req.session.familyOidcAttempt = started.attempt;
    await saveSession(req);
    res.redirect(302, started.url);
  }

  @Get('sign-in/oidc/callback')
  @Public()
  @SignInRateLimited()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const held = req.session.familyOidcAttempt;
    // Used once, whatever the outcome: the session is saved without it as the response ends.
    delete req.session.familyOidcAttempt;
    const outcome = await this.oidc.complete(callbackQuery(req), held);
    if ('refused' in outcome) return this.refuse(res, outcome.refused);
    if ('noAccess' in outcome) return this.noAccess(res, outcome.noAccess);
    await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
    req.session.familyEmail = outcome.signedIn;
    req.session.signedInAt = Date.now();
    await saveSession(req);
    res.redirect(303, '/family');
  }

  private refuse(res: Response, reason: FamilyOidcRefusal): void {
    const { status, title, text } = familyOidcProblem(reason, this.oidc.providerName!);
    res.status(status).render('family/oidc-problem.njk', { title, text, codeAvailable: this.codes.available });
  }

  /** What the code flow would tell this person, who has proved they hold the email: there is nothing for it to see. */
  private noAccess(res: Response, email: string): void {
    res.status(403).render('family/oidc-problem.njk', { title: 'There is no assessment you can see', email, codeAvailable: this.codes.available });
  }
}
