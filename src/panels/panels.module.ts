import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { AgendaItem } from './agenda-item.entity.js';
import { AgendaService } from './agenda.service.js';
import { Attendance } from './attendance.entity.js';
import { PanelDecisionRecord } from './panel-decision.entity.js';
import { PanelDecisionsService } from './panel-decisions.service.js';
import { PanelMeeting } from './panel-meeting.entity.js';
import { PanelMeetingsController } from './panel-meetings.controller.js';
import { PanelMeetingsService } from './panel-meetings.service.js';
import { PanelMember } from './panel-member.entity.js';
import { PanelReportsService } from './panel-reports.service.js';
import { Panel } from './panel.entity.js';
import { PanelsController } from './panels.controller.js';
import { PanelsService } from './panels.service.js';

/** Decision-making panels: members, meetings, agendas, decisions that drive cases, letters, figures. */
@Module({
  imports: [TypeOrmModule.forFeature([Panel, PanelMember, PanelMeeting, AgendaItem, Attendance, PanelDecisionRecord]), CasesModule],
  controllers: [PanelsController, PanelMeetingsController],
  providers: [PanelsService, PanelMeetingsService, AgendaService, PanelDecisionsService, PanelReportsService],
  exports: [PanelsService, PanelMeetingsService, AgendaService, PanelDecisionsService],
})
export class PanelsModule {}
