import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { ChildrenModule } from '../children/children.module.js';
import { FamilyModule } from '../family/family.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { DataProtectionController } from './data-protection.controller.js';
import { DataProtectionService } from './data-protection.service.js';
import { RetentionDeletionsController } from './retention-deletions.controller.js';
import { RetentionDeletionsService } from './retention-deletions.service.js';

@Module({
  imports: [CasesModule, PlansModule, ChildrenModule, AccessLogModule, DocumentsModule, FamilyModule],
  controllers: [DataProtectionController, RetentionDeletionsController],
  providers: [DataProtectionService, RetentionDeletionsService],
})
export class DataProtectionModule {}
