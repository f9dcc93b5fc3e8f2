import { Module } from '@nestjs/common';
import { FamilyModule } from '../../family/family.module.js';
import { FamilyPagesController } from './family-pages.controller.js';

/** The family's own pages: signing in by emailed code, and their case. */
@Module({
  imports: [FamilyModule],
  controllers: [FamilyPagesController],
})
export class FamilyPagesModule {}
