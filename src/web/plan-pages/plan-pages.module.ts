import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { NoticesModule } from '../../notices/notices.module.js';
import { PlansModule } from '../../plans/plans.module.js';
import { PlanListsController } from './plan-lists.controller.js';
import { PlanListsPage } from './plan-lists.page.js';
import { PlanNoticesPageController } from './plan-notices-page.controller.js';
import { PlanPageController } from './plan-page.controller.js';
import { PlanPage } from './plan-page.service.js';
import { PlanSen2PageController } from './plan-sen2-page.controller.js';
import { PlanSen2Page } from './plan-sen2-page.service.js';
import { PlanWorklists } from './plan-worklists.service.js';

/** The maintained plans' pages: the plan page and its notices, its SEN2 items, the reviews worklist and the phase-transfer tracker. */
@Module({
  imports: [PlansModule, AccessLogModule, NoticesModule],
  controllers: [PlanListsController, PlanPageController, PlanNoticesPageController, PlanSen2PageController],
  providers: [PlanPage, PlanListsPage, PlanWorklists, PlanSen2Page],
})
export class PlanPagesModule {}
