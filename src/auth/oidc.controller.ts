import { Controller, Get, Redirect, Req } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from './permissions.js';
import { TokenPairResponse } from './auth.dto.js';
import type { TokenPair } from './auth.service.js';
import { OidcService } from './oidc.service.js';
import { SignInRateLimited } from './rate-limits.js';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('login')
  @Public()
  @SignInRateLimited()
  @Redirect()
  @ApiOperation({ summary: 'Single sign-on: redirects to the council’s OpenID Connect provider (404 when not configured).' })
  @ApiFoundResponse({ description: 'Location: the provider’s sign-in page.' })
  async login(): Promise<{ url: string; statusCode: number }> {
    return { url: await this.oidc.authorizationUrl(), statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @SignInRateLimited()
  @ApiOperation({ summary: 'Where the provider sends the person back (OIDC_REDIRECT_URI): answers the token pair of the pre-provisioned account with that email.' })
  @ApiOkResponse({ type: TokenPairResponse })
  callback(@Req() request: Request): Promise<TokenPair> {
    return this.oidc.complete(callbackQuery(request));
  }
}

/** The query string exactly as the provider sent it (`?code=…&state=…`), for openid-client to check. */
export function callbackQuery(request: Request): string {
  const start = request.originalUrl.indexOf('?');
  return start === -1 ? '' : request.originalUrl.slice(start);
}
