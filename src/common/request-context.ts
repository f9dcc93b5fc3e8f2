import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';

/** Who is acting, and for which local authority: set once per request by the access guard. */
export interface RequestContext {
  authority: LocalAuthority;
  /** Recorded as the actor of every change (the case trail's `actor`). */
  actor: string;
  /** The signed-in account; absent until accounts exist. */
  user?: { id: string; roles: string[] };
}

export interface RequestWithContext {
  context?: RequestContext;
}

export function requestContext(ctx: ExecutionContext): RequestContext {
  const request = ctx.switchToHttp().getRequest<RequestWithContext>();
  if (!request.context) throw new Error('The request has no acting authority: is the access guard installed?');
  return request.context;
}

/** The local authority the caller acts for. Every query of a handler is scoped to it. */
export const ActingAuthority = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestContext(ctx).authority);

/** The caller's name as recorded in audit trails. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestContext(ctx).actor);

/** The whole context, for services that record who acted and for whom (the account audit). */
export const Acting = createParamDecorator((_: unknown, ctx: ExecutionContext) => requestContext(ctx));
