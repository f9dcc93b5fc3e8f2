import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CasesModule } from './cases/cases.module.js';
import { ChildrenModule } from './children/children.module.js';
import { CommonModule } from './common/common.module.js';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/app-config.provider.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LocalAuthoritiesModule } from './local-authorities/local-authorities.module.js';
import { PanelsModule } from './panels/panels.module.js';
import { PlansModule } from './plans/plans.module.js';
import { DisputesModule } from './disputes/disputes.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReturnsModule } from './returns/returns.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { AdviceModule } from './advice/advice.module.js';
import { AdvicePortalPagesModule } from './web/advice-portal/advice-portal-pages.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { DisputePagesModule } from './web/dispute-pages/dispute-pages.module.js';
import { DashboardPagesModule } from './web/dashboard/dashboard-pages.module.js';
import { PanelPagesModule } from './web/panel-pages/panel-pages.module.js';
import { PlanPagesModule } from './web/plan-pages/plan-pages.module.js';
import { ReturnsPagesModule } from './web/returns-pages/returns-pages.module.js';
import { ImportPagesModule } from './web/import-pages/import-pages.module.js';
import { ChildPagesModule } from './web/child-pages/child-pages.module.js';
import { FamilyPagesModule } from './web/family-pages/family-pages.module.js';
import { FamilyModule } from './family/family.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  /** `databaseUrl` is the external DATABASE_URL or the embedded server's address. */
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        AppConfigModule.register(config),
        CommonModule,
        DatabaseModule.forUrl(databaseUrl),
        QueuesModule.register(config.queues, databaseUrl),
        LocalAuthoritiesModule,
        AuthModule.register(config),
        HealthModule,
        CasesModule,
        PlansModule,
        DisputesModule,
        ChildrenModule,
        AlertsModule.register({ workers: config.queues.runWorkers }),
        ReportsModule,
        ReturnsModule,
        NoticesModule,
        AdviceModule,
        ImportsModule,
        PanelsModule,
        WebModule,
        PanelPagesModule,
        PlanPagesModule,
        ChildPagesModule,
        FamilyModule,
        FamilyPagesModule,
        DisputePagesModule,
        DashboardPagesModule,
        ReturnsPagesModule,
        ImportPagesModule,
        AdvicePortalPagesModule,
      ],
    };
  }
}
