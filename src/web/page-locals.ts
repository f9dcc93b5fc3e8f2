import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { RequestContext, RequestWithContext } from '../common/request-context.js';
import { csrfToken } from './csrf.js';
import { navigationFor } from './navigation.js';

/**
 * What the layout needs on every page (res.locals, which Express merges into each render): the
 * signed-in account, the navigation its roles may use, and the form token. Also called when an
 * error page is rendered before any handler ran.
 */
export function setPageLocals(request: Request & RequestWithContext, response: Response): void {
  const context = request.context;
  response.locals.account = context?.user ? { email: context.actor, authorityName: context.authority.name } : undefined;
  response.locals.navigation = context?.user ? navigationFor(context.user.roles, request.path) : [];
  if (request.session) response.locals.csrfToken = csrfToken(request);
}

/** Who is signed in, for a page handler (the access guard set it). */
export function requestContextOf(request: Request): RequestContext {
  const context = (request as Request & RequestWithContext).context;
  if (!context) throw new Error('The page has no signed-in account: is the access guard installed?');
  return context;
}

@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    setPageLocals(http.getRequest(), http.getResponse());
    return next.handle();
  }
}
