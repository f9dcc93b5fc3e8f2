import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { FamilyModule } from '../../family/family.module.js';
import { MAX_MESSAGE_CHARACTERS } from '../../family/family-documents.js';
import { formWithOneFile } from '../advice-portal/advice-upload.js';
import { FamilyOidcSignInController } from './family-oidc-sign-in.controller.js';
import { FamilyPagesController } from './family-pages.controller.js';

/** The family's own pages: signing in by emailed code or through a provider, their case, and their messages to the SEN team. */
@Module({
  imports: [FamilyModule],
  controllers: [FamilyPagesController, FamilyOidcSignInController],
})
export class FamilyPagesModule implements NestModule {
  constructor(@Inject(AppConfigToken) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    // The message form is multipart (its document), so its CSRF token is read from the body before the guards run.
    consumer.apply(formWithOneFile(this.config.advice.maxBytes, MAX_MESSAGE_CHARACTERS)).forRoutes({ path: 'family/case/:id/messages', method: RequestMethod.POST });
  }
}
