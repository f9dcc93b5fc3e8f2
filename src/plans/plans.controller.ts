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
import type { PlanEvent } from '../../workflows/ehc-plan/index.js';
import { caseIdParam, caseIdsAt, type ChildDataReader, ChildDataReaderOf, LogsChildData, returnedCaseId } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { CurrentCaseActor, type CaseActor } from '../cases/case-actor.js';
import { DeadlineResponse, ErrorResponse } from '../cases/case-responses.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { MigrateCaseDto } from '../cases/migrate-case.dto.js';
import { CorrectionDto } from '../cases/correction.dto.js';
import { PlanCorrectionPipe, type PlanCorrectionRequest } from './plan-correction.pipe.js';
import { ActingAuthority, Actor } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { CreatePlanDto } from './create-plan.dto.js';
import { ListPlansQuery } from './list-plans.query.js';
import { PLAN_EVENT_BODY_MAPPING, PLAN_EVENT_DTOS } from './plan-event.dto.js';
import { PlanEventPipe } from './plan-event.pipe.js';
import { PlanListService, type PlanPage } from './plan-list.service.js';
import { PlanEventResponse, PlanPageResponse, PlanResponse } from './plan-responses.js';
import type { PlanView } from './plan-view.js';
import { PlansService, type PlanEventView } from './plans.service.js';

/** The same shapes as `/api/cases` (design section 7): create, read with deadlines and allowed events, list, events with If-Match, trail. */
@ApiTags('plans')
@ApiExtraModels(...Object.values(PLAN_EVENT_DTOS), DeadlineResponse)
@ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed input; the message names the field.' })
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly planList: PlanListService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record a plan made before the engine was used, or transferred in from another authority; starts its clock.' })
  @ApiCreatedResponse({ type: PlanResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The authority already maintains a plan for this child.' })
  @RequirePermission('cases:write')
  @LogsChildData('plan_read', returnedCaseId)
  async create(@ActingAuthority() authority: LocalAuthority, @Actor() actor: string, @Body() body: CreatePlanDto, @Res({ passthrough: true }) res: Response): Promise<PlanView> {
    const created = await this.plans.create(authority, body, actor);
    res.setHeader('ETag', `"${created.version}"`);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'The authority’s plans, ordered by next due date.' })
  @ApiOkResponse({ type: PlanPageResponse })
  @RequirePermission('cases:read')
  @LogsChildData('plan_list_read', caseIdsAt('items'))
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListPlansQuery): Promise<PlanPage> {
    return this.planList.list(authority, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan with its deadlines and the events allowed next; ETag is its version.' })
  @ApiOkResponse({ type: PlanResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  @LogsChildData('plan_read', caseIdParam())
  async get(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<PlanView> {
    const found = await this.plans.get(authority, id);
    res.setHeader('ETag', `"${found.version}"`);
    return found;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an event of the plan’s statutory process.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The plan version you last read; 409 if it has changed since.' })
  @ApiBody({ schema: { oneOf: Object.values(PLAN_EVENT_BODY_MAPPING).map(($ref) => ({ $ref })), discriminator: { propertyName: 'type', mapping: PLAN_EVENT_BODY_MAPPING } } })
  @ApiOkResponse({ type: PlanResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The plan version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The event is not allowed in the plan’s status, or a statutory rule refuses it.' })
  @RequirePermission('cases:write')
  // Logged in the statement that writes the event, so the change and the record of its answer commit together.
  @LogsChildData('plan_read')
  async recordEvent(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @ChildDataReaderOf() reader: ChildDataReader,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(PlanEventPipe) event: PlanEvent,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanView> {
    const updated = await this.plans.recordEvent(authority, id, event, parseIfMatch(ifMatch), actor, reader);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Supersede a mis-recorded event: the plan is replayed without it (or with the replacement in its place); its status, deadlines and alerts follow.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The plan version you last read; 409 if it has changed since.' })
  @ApiBody({ type: CorrectionDto })
  @ApiOkResponse({ type: PlanResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The plan version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The event cannot be superseded (the plan’s start, a line that is not a step, one already superseded), or the history without it is one the rules refuse.' })
  @RequirePermission('cases:correct')
  @LogsChildData('plan_read', caseIdParam())
  async correct(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(PlanCorrectionPipe) correction: PlanCorrectionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanView> {
    const updated = await this.plans.correct(authority, id, correction, parseIfMatch(ifMatch), actor);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Post(':id/migrate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a running plan to a newer version of the plan machine (audited).' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiBody({ type: MigrateCaseDto })
  @ApiOkResponse({ type: PlanResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The version is not registered, or the plan’s state has no counterpart in it.' })
  @RequirePermission('cases:migrate')
  @LogsChildData('plan_read', caseIdParam())
  migrate(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MigrateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<PlanView> {
    return this.plans.migrate(authority, id, body.toVersion, parseIfMatch(ifMatch), actor);
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The plan’s audit trail, oldest first.' })
  @ApiOkResponse({ type: [PlanEventResponse] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  @LogsChildData('plan_trail_read', caseIdParam())
  trail(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string): Promise<PlanEventView[]> {
    return this.plans.trail(authority, id);
  }
}
