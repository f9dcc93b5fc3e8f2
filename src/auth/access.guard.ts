import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RequestWithContext } from '../common/request-context.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokensService } from './access-tokens.service.js';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from './auth.errors.js';
import { sessionUserId } from './page-session.js';
import { rolesGrant } from './permissions.js';
import { routeAccess } from './route-access.js';

/**
 * Every route is closed by default: it must declare @Public(), @AnySignedIn() or
 * @RequirePermission(). For the rest, the bearer token (API) or the session (pages) names an account; the account (checked on
 * every request, from memory only while it is unchanged, so disabling it or changing its roles takes effect at once) gives the
 * authority every query is scoped to.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokensService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const access = routeAccess(this.reflector, ctx.getHandler(), ctx.getClass());
    if (access.public) return true;
    const request = ctx.switchToHttp().getRequest<Request & RequestWithContext>();
    // Pages sign in with the session cookie and the API with a bearer token, never the other way
    // round: a cookie the browser sends by itself must not open the JSON API to cross-site requests.
    const token = access.credential === 'session' ? undefined : await this.tokens.verify(bearerToken(request));
    const account = await this.users.findActive(token?.userId ?? sessionUserId(request));
    if (!account?.authority) throw new UnauthenticatedError('The account is disabled or no longer exists.');
    // A password change signs the account out everywhere; page sessions are deleted with it, access tokens end here.
    if (token && token.passwordChangedAt !== (account.passwordChangedAt?.getTime() ?? 0)) {
      throw new UnauthenticatedError('The password of this account was changed since this token was issued: sign in again.');
    }
    request.context = { authority: account.authority, actor: account.email, user: { id: account.id, roles: account.roles } };
    if (account.temporaryPasswordUntil && !access.forPasswordChange) throw new PasswordChangeRequiredError();
    if (access.anySignedIn) return true;
    // A route that forgot to declare what it needs is refused rather than left open.
    if (!access.permission) throw new ForbiddenError('This route declares no permission, so nobody may use it.');
    if (!rolesGrant(account.roles, access.permission)) {
      throw new ForbiddenError(`Your roles (${account.roles.join(', ')}) do not include the permission ${access.permission}.`);
    }
    return true;
  }
}

function bearerToken(request: Request): string {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '');
  if (!match) throw new UnauthenticatedError();
  return match[1];
}
