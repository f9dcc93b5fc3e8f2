import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '../config/app-config.js';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { DataProtectionModule } from '../data-protection/data-protection.module.js';
import { LocalAuthoritiesModule } from '../local-authorities/local-authorities.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessTokensService } from './access-tokens.service.js';
import { AuthOptions } from './auth-options.js';
import { AuthController } from './auth.controller.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { AuthService } from './auth.service.js';
import { RateLimitGuard } from './rate-limits.js';
import { RefreshTokensService } from './refresh-tokens.service.js';
import { SigningKeyService } from './signing-key.service.js';

/**
 * Sign-in and the guard every request passes: rate limits first (so refused sign-ins count),
 * then authentication and the route's permission.
 */
@Module({})
export class AuthModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      // The access log and data-subject routes hang off accounts: they record and serve who read what.
      imports: [LocalAuthoritiesModule, UsersModule, AccessLogModule, DataProtectionModule],
      controllers: [AuthController, OidcController],
      providers: [
        { provide: AuthOptions, useValue: config.auth },
        SigningKeyService,
        AccessTokensService,
        RefreshTokensService,
        AuthService,
        OidcService,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AuthOptions, AuthService, OidcService, SigningKeyService],
    };
  }
}
