import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { NoticeSettingsService } from './notice-settings.service.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';
import { PlanNoticesController } from './plan-notices.controller.js';
import { PlanNoticesService } from './plan-notices.service.js';

/** Statutory notices written from the record: the documents, sending them (kept as sent), and the authority's details they carry. */
@Module({
  imports: [AccessLogModule, AuditModule, CasesModule, PlansModule],
  controllers: [NoticesController, PlanNoticesController],
  providers: [NoticesService, PlanNoticesService, NoticeSettingsService],
  exports: [NoticesService, PlanNoticesService, NoticeSettingsService],
})
export class NoticesModule {}
