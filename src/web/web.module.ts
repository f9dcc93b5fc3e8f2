import { type MiddlewareConsumer, Module, type NestModule, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { SigningKeyService } from '../auth/signing-key.service.js';
import { NoticesModule } from '../notices/notices.module.js';
import { FamilyModule } from '../family/family.module.js';
import { CaseFamilyPageController } from './case-page/case-family-page.controller.js';
import { AdviceModule } from '../advice/advice.module.js';
import { CaseNoticesPageController } from './case-page/case-notices-page.controller.js';
import { CasesModule } from '../cases/cases.module.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import { CasePageController } from './case-page/case-page.controller.js';
import { CasePage } from './case-page/case-page.service.js';
import { CaseloadController } from './caseload/caseload.controller.js';
import { CaseloadPage } from './caseload/caseload.page.js';
import { ChangePasswordController } from './change-password.controller.js';
import { HomeController } from './home.controller.js';
import { NewRequestController } from './new-request/new-request.controller.js';
import { OidcSignInController } from './oidc-sign-in.controller.js';
import { PageErrors } from './page-errors.js';
import { pageControllers } from './page-routes.js';
import { SignInController } from './sign-in.controller.js';
import { WebSession } from './web-session.js';

/**
 * The server-rendered pages (GOV.UK Design System, Nunjucks). Page controllers are declared
 * with @PageController(); this module gives every one of them, in whichever module it is, the
 * session middleware, and answers unknown paths outside the API with a GOV.UK 404 page.
 */
@Module({
  imports: [CasesModule, AccessLogModule, NoticesModule, FamilyModule, AdviceModule],
  controllers: [HomeController, SignInController, OidcSignInController, ChangePasswordController, CaseloadController, NewRequestController, CasePageController, CaseNoticesPageController, CaseFamilyPageController],
  providers: [
    { provide: WebSession, useFactory: WebSession.create, inject: [getDataSourceToken(), SigningKeyService, AppConfigToken] },
    CaseloadPage,
    CasePage,
  ],
})
export class WebModule implements NestModule, OnApplicationBootstrap {
  constructor(
    private readonly session: WebSession,
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.session.middleware).forRoutes(...pageControllers(this.modules));
  }

  /** After every route: the last Express handler (a worker process has no HTTP server). */
  onApplicationBootstrap(): void {
    this.adapterHost.httpAdapter?.use(new PageErrors().notFound);
  }
}
