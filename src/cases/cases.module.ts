import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DisputesModule } from '../disputes/disputes.module.js';
import { LocalAuthoritiesModule } from '../local-authorities/local-authorities.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { CaseDeadlineRecord } from './case-deadline.entity.js';
import { CaseEventRecord } from './case-event.entity.js';
import { CaseEventSupersession } from './case-event-supersession.entity.js';
import { CaseListService } from './case-list.service.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { EhcCase } from './ehc-case.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([EhcCase, CaseEventRecord, CaseEventSupersession, CaseDeadlineRecord]), LocalAuthoritiesModule, PlansModule, DisputesModule],
  controllers: [CasesController],
  providers: [CasesService, CaseListService],
  exports: [CasesService, CaseListService],
})
export class CasesModule {}
