import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FamilyModule } from '../family/family.module.js';
import { UsersModule } from '../users/users.module.js';
import { AlertInboxService } from './alert-inbox.service.js';
import { AlertPlanner } from './alert-planner.service.js';
import { AlertSweep } from './alert-sweep.service.js';
import { AlertSchedules } from './alert-workers.js';
import { AlertSettingsController } from './alert-settings.controller.js';
import { AlertSettingsService } from './alert-settings.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsProcessor } from './alerts.processor.js';
import { DeliveriesProcessor } from './deliveries.processor.js';
import { FamilyMessageAlerts } from './family-message-alerts.service.js';
import { DigestsController } from './digest/digests.controller.js';
import { ManagerDigests } from './digest/manager-digests.service.js';
import { NotificationsService } from './notifications.service.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { Pruning } from './pruning.service.js';

/** Processors load only where queues are consumed (`npm start`, `npm run start:worker`). */
@Module({})
export class AlertsModule {
  static register(options: { workers: boolean }): DynamicModule {
    const workers = options.workers ? [AlertsProcessor, DeliveriesProcessor, AlertSchedules, Pruning] : [];
    return {
      module: AlertsModule,
      imports: [AuditModule, UsersModule, FamilyModule, DocumentsModule],
      controllers: [AlertsController, AlertSettingsController, DigestsController],
      providers: [AlertSettingsService, AlertInboxService, NotificationsService, ManagerDigests, AlertPlanner, AlertSweep, FamilyMessageAlerts, ...workers],
      exports: [AlertPlanner, AlertSweep, ManagerDigests, FamilyMessageAlerts],
    };
  }
}
