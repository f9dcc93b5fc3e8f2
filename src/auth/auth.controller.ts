import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Acting, type RequestContext } from '../common/request-context.js';
import { AnySignedIn, ForPasswordChange, Public } from './permissions.js';
import { ChangePasswordDto, LoginDto, RefreshTokenDto, TokenPairResponse } from './auth.dto.js';
import { AuthService, type TokenPair } from './auth.service.js';
import { SignInRateLimited } from './rate-limits.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @SignInRateLimited()
  @ApiOperation({ summary: 'Sign in with email and password (design section 4).' })
  @ApiOkResponse({ type: TokenPairResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password, or the account is locked after repeated failures (the same answer; the holder is emailed). 429 when rate-limited.' })
  login(@Body() body: LoginDto): Promise<TokenPair> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @SignInRateLimited()
  @ApiOperation({ summary: 'Exchange a refresh token (once) for a new token pair.' })
  @ApiOkResponse({ type: TokenPairResponse })
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: 'Sign out: the refresh token stops working; the access token expires on its own within minutes.' })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }

  @Post('password')
  @HttpCode(200)
  @AnySignedIn()
  @ForPasswordChange()
  @SignInRateLimited()
  @ApiOperation({ summary: 'Change your own password: every session and refresh token of the account is revoked, and a new token pair returned to you (422 when the current password is wrong).' })
  @ApiOkResponse({ type: TokenPairResponse })
  async changePassword(@Acting() context: RequestContext, @Body() body: ChangePasswordDto): Promise<TokenPair> {
    return this.auth.tokensFor(await this.auth.changePassword(context.user!.id, body.currentPassword, body.newPassword));
  }
}
