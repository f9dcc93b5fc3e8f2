import { Module } from '@nestjs/common';
import { AccountAuditController } from './account-audit.controller.js';
import { AccountAuditService } from './account-audit.service.js';

@Module({
  controllers: [AccountAuditController],
  providers: [AccountAuditService],
  exports: [AccountAuditService],
})
export class AuditModule {}
