import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { AGENDA } from './panel-meetings.controller.js';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority, Actor } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { FiguresQuery, ScheduleMeetingDto } from './panel-meetings.dto.js';
import { PanelMeetingsService } from './panel-meetings.service.js';
import { PanelReportsService, type PanelFiguresView } from './panel-reports.service.js';
import { MeetingResponse, MemberResponse, PanelFiguresResponse, PanelResponse } from './panel-responses.js';
import { Viewer, type PanelViewer } from './panel-viewer.js';
import type { MeetingView, MemberView, PanelView } from './panel-views.js';
import { AddPanelMemberDto, CreatePanelDto } from './panels.dto.js';
import { PanelsService } from './panels.service.js';

@ApiTags('panels')
@Controller('panels')
export class PanelsController {
  constructor(
    private readonly panels: PanelsService,
    private readonly meetings: PanelMeetingsService,
    private readonly reports: PanelReportsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a decision-making panel (decision to assess, or to issue a plan).' })
  @ApiCreatedResponse({ type: PanelResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'A panel of that name exists.' })
  @RequirePermission('panels:manage')
  create(@ActingAuthority() authority: LocalAuthority, @Body() body: CreatePanelDto): Promise<PanelView> {
    return this.panels.create(authority, body);
  }

  @Get()
  @ApiOperation({ summary: 'The panels, with their members. A panel member sees only the panels they sit on.' })
  @ApiOkResponse({ type: [PanelResponse] })
  @RequirePermission('panels:read')
  list(@ActingAuthority() authority: LocalAuthority, @Viewer() viewer: PanelViewer): Promise<PanelView[]> {
    return this.panels.list(authority, viewer);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add a member, with their role and the schools they are linked to.' })
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'A second chair, or an account already on the panel.' })
  @RequirePermission('panels:manage')
  addMember(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddPanelMemberDto): Promise<MemberView> {
    return this.panels.addMember(authority, id, body);
  }

  @Post(':id/meetings')
  @ApiOperation({ summary: 'Schedule a meeting; its agenda is proposed from the cases waiting at the panel’s stage.' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The date is in the past, or the panel already meets that day.' })
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read', AGENDA)
  schedule(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScheduleMeetingDto,
  ): Promise<MeetingView> {
    return this.meetings.schedule(authority, id, body, actor);
  }

  @Get(':id/figures')
  @ApiOperation({ summary: 'Per meeting and for the period: considered, agreed, declined, deferred, days from request to decision.' })
  @ApiOkResponse({ type: PanelFiguresResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('panels:read')
  figures(
    @ActingAuthority() authority: LocalAuthority,
    @Viewer() viewer: PanelViewer,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: FiguresQuery,
  ): Promise<PanelFiguresView> {
    return this.reports.figures(authority, id, query.from, query.to, viewer);
  }
}
