import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ReturnsController } from './returns.controller.js';
import { Sen2ReturnService } from './sen2-return.service.js';
import { Sen2SettingsService } from './sen2-settings.service.js';

/** Statutory returns to the Department for Education: the SEN2 person-level return. */
@Module({
  imports: [AccessLogModule, AuditModule],
  controllers: [ReturnsController],
  providers: [Sen2ReturnService, Sen2SettingsService],
  exports: [Sen2ReturnService, Sen2SettingsService],
})
export class ReturnsModule {}
