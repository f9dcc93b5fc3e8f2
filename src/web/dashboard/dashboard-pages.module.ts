import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { AlertInboxService } from '../../alerts/alert-inbox.service.js';
import { CasesModule } from '../../cases/cases.module.js';
import { ReportsModule } from '../../reports/reports.module.js';
import { UsersModule } from '../../users/users.module.js';
import { AlertsInboxController } from './alerts-inbox.controller.js';
import { AlertsInboxPage } from './alerts-inbox.page.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardPage } from './dashboard.page.js';

/**
 * The manager's pages: the dashboard (overdue and early-warning lists, timeliness of the last 12
 * months, caseload per caseworker) and the alerts inbox. AlertInboxService is stateless and reads
 * only the database, so it is provided here rather than by importing AlertsModule, whose queues
 * and workers depend on the process's configuration.
 */
@Module({
  imports: [CasesModule, ReportsModule, UsersModule, AccessLogModule],
  controllers: [DashboardController, AlertsInboxController],
  providers: [DashboardPage, AlertsInboxPage, AlertInboxService],
})
export class DashboardPagesModule {}
