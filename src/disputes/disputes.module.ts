import { Module } from '@nestjs/common';
import { DisputeListService } from './dispute-list.service.js';
import { DisputesController } from './disputes.controller.js';
import { DisputesService } from './disputes.service.js';

/** Disputes of appealable decisions: mediation, appeal and orders (issue 14), on the plan's process model. */
@Module({
  controllers: [DisputesController],
  providers: [DisputesService, DisputeListService],
  exports: [DisputesService, DisputeListService],
})
export class DisputesModule {}
