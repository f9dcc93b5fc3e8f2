import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module.js';
import { PanelsModule } from '../../panels/panels.module.js';
import { MeetingPageController } from './meeting-page.controller.js';
import { MeetingPage } from './meeting.page.js';
import { PanelListController } from './panel-list.controller.js';
import { PanelListPage } from './panel-list.page.js';

/** The panel pages: the meetings, and each meeting's agenda, attendance, conflicts and decisions. */
@Module({
  imports: [PanelsModule, AccessLogModule],
  controllers: [PanelListController, MeetingPageController],
  providers: [PanelListPage, MeetingPage],
})
export class PanelPagesModule {}
