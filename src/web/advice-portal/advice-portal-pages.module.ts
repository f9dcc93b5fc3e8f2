import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AdviceModule } from '../../advice/advice.module.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { AdvicePortalController } from './advice-portal.controller.js';
import { AdviceCasePageController } from './advice-case-page.controller.js';
import { adviceUpload } from './advice-upload.js';

/** The advice portal's page, and the case page's advice links and documents; the portal's multipart body is read before the page's CSRF guard reads the token in it. */
@Module({
  imports: [AdviceModule],
  controllers: [AdvicePortalController, AdviceCasePageController],
})
export class AdvicePortalPagesModule implements NestModule {
  constructor(@Inject(AppConfigToken) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(adviceUpload(this.config.advice.maxBytes)).forRoutes({ path: 'advice/:token', method: RequestMethod.POST });
  }
}
