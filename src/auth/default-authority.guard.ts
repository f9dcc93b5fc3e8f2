import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { RequestWithContext } from '../common/request-context.js';
import { LocalAuthoritiesService } from '../local-authorities/local-authorities.service.js';

/**
 * Until accounts exist, every request acts for the one configured authority and is recorded
 * as `anonymous`. Replaced by the sign-in guard when accounts land.
 */
@Injectable()
export class DefaultAuthorityGuard implements CanActivate {
  constructor(private readonly authorities: LocalAuthoritiesService) {}

  canActivate(ctx: ExecutionContext): boolean {
    const request = ctx.switchToHttp().getRequest<RequestWithContext>();
    request.context = { authority: this.authorities.acting(), actor: 'anonymous' };
    return true;
  }
}
