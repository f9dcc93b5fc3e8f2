import { Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { ImportsModule } from '../../imports/imports.module.js';
import { caseloadUpload } from './caseload-upload.js';
import { ImportPageController } from './import-page.controller.js';

/** The caseload import page; its multipart body is read by middleware, before the page's CSRF guard reads the token in it. */
@Module({
  imports: [ImportsModule],
  controllers: [ImportPageController],
})
export class ImportPagesModule implements NestModule {
  constructor(@Inject(AppConfigToken) private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(caseloadUpload(this.config.importMaxBytes)).forRoutes({ path: 'import/caseload', method: RequestMethod.POST });
  }
}
