import { Module } from '@nestjs/common';
import { ChildrenController } from './children.controller.js';
import { ChildrenService } from './children.service.js';

/** The child record shared by a child's processes (design section 7): the SEN2 person identity items. */
@Module({
  controllers: [ChildrenController],
  providers: [ChildrenService],
  exports: [ChildrenService],
})
export class ChildrenModule {}
