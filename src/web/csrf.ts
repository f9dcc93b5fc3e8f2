import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { csrfSync } from 'csrf-sync';
import { DomainError } from '../common/domain-error.js';

/** The hidden field every page form carries (views/partials/csrf.njk). */
export const CSRF_FIELD = '_csrf';

const csrf = csrfSync({ size: 32 });

/** The session's synchroniser token, created on first use; the session is saved with it. */
export function csrfToken(request: Request): string {
  return csrf.generateToken(request);
}

export class FormExpiredError extends DomainError {
  constructor() {
    super('FORM_EXPIRED', 'This form has expired or did not come from this service. Nothing was saved: go back, reload the page and try again.');
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every page request that can change something must carry the session's token in `_csrf`:
 * another site can make a signed-in browser post a form here, but cannot read the token.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(request.method)) return true;
    const sent: unknown = request.body?.[CSRF_FIELD];
    const expected = request.session ? csrf.getTokenFromState(request) : undefined;
    if (typeof sent !== 'string' || typeof expected !== 'string' || !sameToken(sent, expected)) throw new FormExpiredError();
    return true;
  }
}

function sameToken(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
