import { Module } from '@nestjs/common';
import { DisputesModule } from '../disputes/disputes.module.js';
import { PlanListService } from './plan-list.service.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

/** Maintained EHC plans: a second statutory process on the same limit model as the assessment (issue 13). */
@Module({
  imports: [DisputesModule],
  controllers: [PlansController],
  providers: [PlansService, PlanListService],
  exports: [PlansService, PlanListService],
})
export class PlansModule {}
