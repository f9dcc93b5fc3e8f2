import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from './permissions.js';
import { LoginDto, RefreshTokenDto, TokenPairResponse } from './auth.dto.js';
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
  @ApiUnauthorizedResponse({ description: 'Wrong email or password. 423 when locked after repeated failures; 429 when rate-limited.' })
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
}
