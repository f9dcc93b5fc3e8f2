import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DataProtectionController } from './data-protection.controller.js';
import { DataProtectionService } from './data-protection.service.js';

@Module({
  imports: [CasesModule, AccessLogModule],
  controllers: [DataProtectionController],
  providers: [DataProtectionService],
})
export class DataProtectionModule {}
