import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CaseloadService } from './caseload.service.js';
import { ConversionService } from './conversion.service.js';
import { DisputeReportsController } from './dispute-reports.controller.js';
import { DisputeReportsService } from './dispute-reports.service.js';
import { EarlyWarningService } from './early-warning.service.js';
import { PlanReportsController } from './plan-reports.controller.js';
import { PlanReportsService } from './plan-reports.service.js';
import { ReportsController } from './reports.controller.js';
import { Sen2ExtractService } from './sen2-extract.service.js';
import { TimelinessService } from './timeliness.service.js';

/**
 * Management information, computed from the event trails and the deadline rows of cases and
 * plans (never from snapshots, except the early-warning list, which needs each open case's
 * current facts), and from the disputes' limit rows and replayed facts (they are few).
 */
@Module({
  imports: [AccessLogModule],
  controllers: [ReportsController, PlanReportsController, DisputeReportsController],
  providers: [TimelinessService, ConversionService, CaseloadService, EarlyWarningService, Sen2ExtractService, PlanReportsService, DisputeReportsService],
  exports: [TimelinessService, ConversionService, CaseloadService, EarlyWarningService, Sen2ExtractService, PlanReportsService],
})
export class ReportsModule {}
