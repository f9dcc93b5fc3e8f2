import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { ChildrenModule } from '../../children/children.module.js';
import { ChildPageController } from './child-page.controller.js';
import { ChildPage } from './child-page.service.js';

/** The child record's page: the identity items the SEN2 return needs, seen and changed by the SEN team. */
@Module({
  imports: [ChildrenModule, AccessLogModule],
  controllers: [ChildPageController],
  providers: [ChildPage],
})
export class ChildPagesModule {}
