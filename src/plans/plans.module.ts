import { Module } from '@nestjs/common';
import { DisputesModule } from '../disputes/disputes.module.js';
import { PlanListService } from './plan-list.service.js';
import { PlanSen2Controller } from './plan-sen2.controller.js';
import { PlanSen2Service } from './plan-sen2.service.js';
import { PlansController } from './plans.controller.js';
import { PlansService } from './plans.service.js';

/** Maintained EHC plans: a second statutory process on the same limit model as the assessment (issue 13). */
@Module({
  imports: [DisputesModule],
  controllers: [PlansController, PlanSen2Controller],
  providers: [PlansService, PlanListService, PlanSen2Service],
  exports: [PlansService, PlanListService, PlanSen2Service],
})
export class PlansModule {}
