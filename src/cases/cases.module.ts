import { Module } from '@nestjs/common';
import { LocalAuthoritiesModule } from '../local-authorities/local-authorities.module.js';
import { CaseListService } from './case-list.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [LocalAuthoritiesModule],
  controllers: [CasesController],
  providers: [CasesService, CaseListService],
  exports: [CasesService],
})
export class CasesModule {}
