import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { caseIdParam, caseIdsAt, LogsChildData, returnedCaseId } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { ActingAuthority, Actor } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { AgendaService } from './agenda.service.js';
import type { DecisionLetter } from './decision-letter.js';
import { PanelDecisionsService, type DecisionView } from './panel-decisions.service.js';
import { AddAgendaItemDto, AttendanceDto, DecisionLetterQuery, OfficerDecisionDto, RecordDecisionDto, RemoveAgendaItemDto, UpdateAgendaItemDto } from './panel-meetings.dto.js';
import { PanelMeetingsService } from './panel-meetings.service.js';
import { PanelReportsService } from './panel-reports.service.js';
import { DecisionLetterResponse, DecisionResponse, MeetingResponse } from './panel-responses.js';
import { Acting, Viewer, type PanelActor, type PanelViewer } from './panel-viewer.js';
import type { MeetingView } from './panel-views.js';

/** A meeting's answer shows each agenda item's child (name and date of birth). */
export const AGENDA = caseIdsAt('agenda', 'caseId');

@ApiTags('panels')
@ApiNotFoundResponse({ type: ErrorResponse })
@Controller('panel-meetings')
export class PanelMeetingsController {
  constructor(
    private readonly meetings: PanelMeetingsService,
    private readonly agenda: AgendaService,
    private readonly decisions: PanelDecisionsService,
    private readonly reports: PanelReportsService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'The meeting with its agenda, soonest statutory due date first; flags cases that cannot wait for the following meeting.' })
  @ApiOkResponse({ type: MeetingResponse })
  @RequirePermission('panels:read')
  @LogsChildData('panel_meeting_read', AGENDA)
  get(@ActingAuthority() authority: LocalAuthority, @Viewer() viewer: PanelViewer, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingView> {
    return this.meetings.view(authority, id, viewer);
  }

  @Post(':id/agenda')
  @ApiOperation({ summary: 'Add a case to the agenda, with a reason.' })
  @ApiCreatedResponse({ type: MeetingResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Wrong status, already on the agenda, or the meeting has passed.' })
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read', AGENDA)
  addItem(@ActingAuthority() authority: LocalAuthority, @Actor() actor: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddAgendaItemDto): Promise<MeetingView> {
    return this.agenda.add(authority, id, body, actor);
  }

  @Delete(':id/agenda/:caseId')
  @ApiOperation({ summary: 'Take a case off the agenda, with a reason (kept in the meeting’s record).' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Not on the agenda, or already decided.' })
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read', AGENDA)
  removeItem(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() body: RemoveAgendaItemDto,
  ): Promise<MeetingView> {
    return this.agenda.remove(authority, id, caseId, body.reason, actor);
  }

  @Patch(':id/agenda/:caseId')
  @ApiOperation({ summary: 'Record the child’s school on an item, so members linked to it step out.' })
  @ApiOkResponse({ type: MeetingResponse })
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read', AGENDA)
  updateItem(
    @ActingAuthority() authority: LocalAuthority,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() body: UpdateAgendaItemDto,
  ): Promise<MeetingView> {
    return this.agenda.setChildSchool(authority, id, caseId, body.childSchool);
  }

  @Post(':id/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record who is present (replaces the previous list).' })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Someone who is not a member, or a meeting still to come.' })
  @RequirePermission('panels:manage')
  @LogsChildData('panel_meeting_read', AGENDA)
  attendance(@ActingAuthority() authority: LocalAuthority, @Actor() actor: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: AttendanceDto): Promise<MeetingView> {
    return this.meetings.recordAttendance(authority, id, body.present, actor);
  }

  @Post(':id/decisions')
  @ApiOperation({
    summary:
      'Record the panel’s recommendation on an agenda item, by a member of the panel present at the meeting and not conflicted on the item. ' +
      'When that member also holds decisions:make (a chair with delegated authority), the decision follows the recommendation and assess/decline or issue/not_issue apply the case event in the same transaction.',
  })
  @ApiCreatedResponse({ type: DecisionResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Not a member of this panel, not present at the meeting, or conflicted on the item (PANEL_RECORDER_NOT_ENTITLED).' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The item already has a recommendation.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Not quorate (the message says why), not on the agenda, wrong status, reasons missing.' })
  @RequirePermission('panels:decide')
  @LogsChildData('decision_letter_read', returnedCaseId)
  recommend(@ActingAuthority() authority: LocalAuthority, @Acting() by: PanelActor, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecordDecisionDto): Promise<DecisionView> {
    return this.decisions.record(authority, id, body, by);
  }

  @Post(':id/items/:caseId/decision')
  @ApiOperation({
    summary:
      'Record the authority’s decision on an item the panel has made a recommendation on, by an officer with delegated authority (decisions:make), named in the case trail. ' +
      'A decision that departs from the recommendation needs reasons. The case event (with panelMeetingId and the recommendation) is applied in the same transaction.',
  })
  @ApiCreatedResponse({ type: DecisionResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The decision on this item is already recorded.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'No recommendation yet, a deferral, a departure without reasons, a date outside the meeting day to today, or a case the process refuses.' })
  @RequirePermission('decisions:make')
  @LogsChildData('decision_letter_read', returnedCaseId)
  decide(
    @ActingAuthority() authority: LocalAuthority,
    @Acting() by: PanelActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Body() body: OfficerDecisionDto,
  ): Promise<DecisionView> {
    return this.decisions.decide(authority, id, caseId, body, by);
  }

  @Get(':id/decisions/:caseId/letter')
  @ApiOperation({ summary: 'The content of the refusal notice: reasons, mediation and appeal rights, and the last date to appeal.' })
  @ApiOkResponse({ type: DecisionLetterResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The decision was not a refusal.' })
  @RequirePermission('panels:read')
  @LogsChildData('decision_letter_read', caseIdParam('caseId'))
  letter(
    @ActingAuthority() authority: LocalAuthority,
    @Viewer() viewer: PanelViewer,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('caseId', ParseUUIDPipe) caseId: string,
    @Query() query: DecisionLetterQuery,
  ): Promise<DecisionLetter> {
    return this.reports.letter(authority, id, caseId, query, viewer);
  }
}
