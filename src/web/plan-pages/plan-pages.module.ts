import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { PlansModule } from '../../plans/plans.module.js';
import { PlanListsController } from './plan-lists.controller.js';
import { PlanListsPage } from './plan-lists.page.js';
import { PlanPageController } from './plan-page.controller.js';
import { PlanPage } from './plan-page.service.js';
import { PlanWorklists } from './plan-worklists.service.js';

/** The maintained plans' pages: the plan page, the reviews worklist and the phase-transfer tracker. */
@Module({
  imports: [PlansModule, AccessLogModule],
  controllers: [PlanListsController, PlanPageController],
  providers: [PlanPage, PlanListsPage, PlanWorklists],
})
export class PlanPagesModule {}
