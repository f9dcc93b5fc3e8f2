import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { DisputeEvent } from '../../workflows/ehc-dispute/index.js';
import { RequirePermission } from '../auth/permissions.js';
import { CurrentCaseActor, type CaseActor } from '../cases/case-actor.js';
import { DeadlineResponse, ErrorResponse } from '../cases/case-responses.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { CorrectionDto } from '../cases/correction.dto.js';
import { MigrateCaseDto } from '../cases/migrate-case.dto.js';
import { ActingAuthority, Actor } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { CreateDisputeDto } from './create-dispute.dto.js';
import { DISPUTE_EVENT_BODY_MAPPING, DISPUTE_EVENT_DTOS } from './dispute-event.dto.js';
import { DisputeCorrectionPipe } from './dispute-correction.pipe.js';
import { DisputeEventPipe } from './dispute-event.pipe.js';
import { DisputeListService, type DisputePage } from './dispute-list.service.js';
import { DisputeEventResponse, DisputePageResponse, DisputeResponse } from './dispute-responses.js';
import type { DisputeView } from './dispute-view.js';
import { DisputesService, type DisputeCorrectionRequest, type DisputeEventView } from './disputes.service.js';
import { ListDisputesQuery } from './list-disputes.query.js';

/**
 * The shapes of `/api/plans` for disputes (issue 14). A dispute's responses name the case or
 * plan by id and carry no child's name or date of birth, so they are not access-logged (the
 * route walk in test/integration/access-log-routes.test.ts would find them if they did).
 */
@ApiTags('disputes')
@ApiExtraModels(...Object.values(DISPUTE_EVENT_DTOS), DeadlineResponse)
@ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed input; the message names the field.' })
@Controller('disputes')
export class DisputesController {
  constructor(
    private readonly disputes: DisputesService,
    private readonly disputeList: DisputeListService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record a disagreement with an appealable decision of a case or a plan; starts its appeal and mediation clock.' })
  @ApiCreatedResponse({ type: DisputeResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case or plan in the authority.' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'DISPUTE_ALREADY_OPEN: a dispute of the same decision is open; the message names it.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The case or plan made no such decision, or the notice date is in the future or before the decision.' })
  @RequirePermission('cases:write')
  async create(@ActingAuthority() authority: LocalAuthority, @Actor() actor: string, @Body() body: CreateDisputeDto, @Res({ passthrough: true }) res: Response): Promise<DisputeView> {
    const created = await this.disputes.create(authority, body, actor);
    res.setHeader('ETag', `"${created.version}"`);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'The authority’s disputes, ordered by next due date.' })
  @ApiOkResponse({ type: DisputePageResponse })
  @RequirePermission('cases:read')
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListDisputesQuery): Promise<DisputePage> {
    return this.disputeList.list(authority, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A dispute with its deadlines, appeal dates and the events allowed next; ETag is its version.' })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  async get(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<DisputeView> {
    const found = await this.disputes.get(authority, id);
    res.setHeader('ETag', `"${found.version}"`);
    return found;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an event of the dispute process.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The dispute version you last read; 409 if it has changed since.' })
  @ApiBody({ schema: { oneOf: Object.values(DISPUTE_EVENT_BODY_MAPPING).map(($ref) => ({ $ref })), discriminator: { propertyName: 'type', mapping: DISPUTE_EVENT_BODY_MAPPING } } })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The dispute version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The event is not allowed in the dispute’s status, or a rule refuses it.' })
  @RequirePermission('cases:write')
  async recordEvent(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(DisputeEventPipe) event: DisputeEvent,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisputeView> {
    const updated = await this.disputes.recordEvent(authority, id, event, parseIfMatch(ifMatch), actor);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Supersede a mis-recorded event: the dispute is replayed without it (or with the replacement in its place); its status, deadlines and alerts follow.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The dispute version you last read; 409 if it has changed since.' })
  @ApiBody({ type: CorrectionDto })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The dispute version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'The event cannot be superseded (the dispute’s start, a line that is not a step, one already superseded), the history without it is one the rules refuse, or it would take back an order its case was reopened by or a dismissal its plan ceased on.',
  })
  @RequirePermission('cases:correct')
  async correct(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(DisputeCorrectionPipe) correction: DisputeCorrectionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisputeView> {
    const updated = await this.disputes.correct(authority, id, correction, parseIfMatch(ifMatch), actor);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Post(':id/migrate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a running dispute to a newer version of the dispute machine (audited).' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiBody({ type: MigrateCaseDto })
  @ApiOkResponse({ type: DisputeResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The version is not registered, or the dispute’s state has no counterpart in it.' })
  @RequirePermission('cases:migrate')
  migrate(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MigrateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<DisputeView> {
    return this.disputes.migrate(authority, id, body.toVersion, parseIfMatch(ifMatch), actor);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The dispute’s audit trail, oldest first.' })
  @ApiOkResponse({ type: [DisputeEventResponse] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  trail(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string): Promise<DisputeEventView[]> {
    return this.disputes.trail(authority, id);
  }
}
