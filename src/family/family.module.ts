import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { FamilyCaseService } from './family-case.service.js';
import { FamilyContactsController } from './family-contacts.controller.js';
import { FamilyContactsService } from './family-contacts.service.js';
import { FamilyOidcService } from './family-oidc.service.js';
import { FamilySignInService } from './family-sign-in.service.js';

/** The family's own view of their case (issue 16 item 3): who may see it, signing in by emailed code or through a provider, and what they read. */
@Module({
  imports: [CasesModule, AccessLogModule],
  controllers: [FamilyContactsController],
  providers: [FamilyContactsService, FamilySignInService, FamilyCaseService, FamilyOidcService],
  exports: [FamilyContactsService, FamilySignInService, FamilyCaseService, FamilyOidcService],
})
export class FamilyModule {}
