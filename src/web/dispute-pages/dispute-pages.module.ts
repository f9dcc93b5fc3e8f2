import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { CasesModule } from '../../cases/cases.module.js';
import { DisputesModule } from '../../disputes/disputes.module.js';
import { PlansModule } from '../../plans/plans.module.js';
import { DisputeListsController } from './dispute-lists.controller.js';
import { DisputeListsPage } from './dispute-lists.page.js';
import { DisputePageController } from './dispute-page.controller.js';
import { DisputePage } from './dispute-page.service.js';
import { DisputeWorklist } from './dispute-worklist.service.js';

/** The disputes' pages: the worklist, the dispute page and the form that records a dispute of a case's or plan's decision. */
@Module({
  imports: [DisputesModule, CasesModule, PlansModule, AccessLogModule],
  controllers: [DisputeListsController, DisputePageController],
  providers: [DisputePage, DisputeListsPage, DisputeWorklist],
})
export class DisputePagesModule {}
