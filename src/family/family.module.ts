import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { FamilyCaseService } from './family-case.service.js';
import { FamilyContactsController } from './family-contacts.controller.js';
import { FamilyContactsService } from './family-contacts.service.js';
import { FamilyMessagesController } from './family-messages.controller.js';
import { FamilyMessagesService } from './family-messages.service.js';
import { FamilyOidcService } from './family-oidc.service.js';
import { FamilySignInService } from './family-sign-in.service.js';
import { FamilyUpdatesService } from './family-updates.service.js';

/** The family's own view of their case (issue 16 item 3): who may see it, signing in by emailed code or through a provider, what they read, and their messages. */
@Module({
  imports: [CasesModule, PlansModule, AccessLogModule, DocumentsModule],
  controllers: [FamilyContactsController, FamilyMessagesController],
  providers: [FamilyContactsService, FamilySignInService, FamilyCaseService, FamilyMessagesService, FamilyOidcService, FamilyUpdatesService],
  exports: [FamilyContactsService, FamilySignInService, FamilyCaseService, FamilyMessagesService, FamilyOidcService, FamilyUpdatesService],
})
export class FamilyModule {}
