import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { LocalAuthoritiesModule } from '../local-authorities/local-authorities.module.js';
import { DefaultAuthorityGuard } from './default-authority.guard.js';

@Module({
  imports: [LocalAuthoritiesModule],
  providers: [{ provide: APP_GUARD, useClass: DefaultAuthorityGuard }],
})
export class AuthModule {}
