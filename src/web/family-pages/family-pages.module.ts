import { Module } from '@nestjs/common';
import { FamilyModule } from '../../family/family.module.js';
import { FamilyOidcSignInController } from './family-oidc-sign-in.controller.js';
import { FamilyPagesController } from './family-pages.controller.js';

/** The family's own pages: signing in by emailed code or through a provider, and their case. */
@Module({
  imports: [FamilyModule],
  controllers: [FamilyPagesController, FamilyOidcSignInController],
})
export class FamilyPagesModule {}
