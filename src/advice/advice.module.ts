import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { AdviceDocumentsService } from './advice-documents.service.js';
import { AdviceLinksService } from './advice-links.service.js';
import { AdvicePortalService } from './advice-portal.service.js';
import { AdviceController } from './advice.controller.js';

/** The advice portal's links, what comes back through them, and the caseworker's routes. */
@Module({
  imports: [AccessLogModule, CasesModule, DocumentsModule],
  controllers: [AdviceController],
  providers: [AdviceLinksService, AdviceDocumentsService, AdvicePortalService],
  exports: [AdviceLinksService, AdviceDocumentsService, AdvicePortalService],
})
export class AdviceModule {}
