import type { Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { PAGE_KEY, PASSWORD_CHANGE_KEY, type Permission, PERMISSION_KEY, PUBLIC_KEY, SIGNED_IN_KEY } from './permissions.js';

/**
 * What a route asks of a request, from its decorators (the handler's overriding its controller's).
 * The one reading of them: the access guard enforces it, and the OpenAPI document states it
 * (src/openapi), so the document cannot say a route is open when the guard wants a token.
 */
export interface RouteAccess {
  /** @Public(): no credential at all. */
  public: boolean;
  /** Web pages sign in with the session cookie, the JSON API with a bearer token. */
  credential: 'session' | 'bearer';
  /** @AnySignedIn(): any active account, whatever its roles. */
  anySignedIn: boolean;
  /** @ForPasswordChange(): still open to an account whose password an administrator reset, until it chooses a new one. */
  forPasswordChange: boolean;
  /** @RequirePermission(): what the account's roles must grant. Unset: nobody may use the route. */
  permission?: Permission;
}

export function routeAccess(reflector: Reflector, handler: Function, controller: Type): RouteAccess {
  const targets = [handler, controller];
  return {
    public: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true,
    credential: reflector.getAllAndOverride<boolean>(PAGE_KEY, targets) === true ? 'session' : 'bearer',
    anySignedIn: reflector.getAllAndOverride<boolean>(SIGNED_IN_KEY, targets) === true,
    forPasswordChange: reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets) === true,
    permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets),
  };
}
