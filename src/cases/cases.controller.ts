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
import type { CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { caseIdParam, caseIdsAt, type ChildDataReader, ChildDataReaderOf, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority, Actor } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { CurrentCaseActor, type CaseActor } from './case-actor.js';
import { CaseEventPipe } from './case-event.pipe.js';
import { CaseEventResponse, CasePageResponse, CaseResponse, DeadlineResponse, ErrorResponse, NoticeResponse } from './case-responses.js';
import { EVENT_BODY_MAPPING, EVENT_DTOS } from './case-event.dto.js';
import { CaseListService, type CasePage } from './case-list.service.js';
import type { CaseEventView, CaseView } from './case-view.js';
import { CasesService } from './cases.service.js';
import { CorrectionDto } from './correction.dto.js';
import { CorrectionPipe, type CorrectionRequest } from './correction.pipe.js';
import { CreateCaseDto } from './create-case.dto.js';
import { ListCasesQuery } from './list-cases.query.js';
import { MigrateCaseDto } from './migrate-case.dto.js';

const EVENT_BODY_SCHEMAS = Object.values(EVENT_DTOS);

@ApiTags('cases')
@ApiExtraModels(...EVENT_BODY_SCHEMAS, DeadlineResponse, NoticeResponse)
@ApiBadRequestResponse({ type: ErrorResponse, description: 'Malformed input; the message names the field.' })
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly caseList: CaseListService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record a request for an EHC needs assessment; starts the statutory clock.' })
  @ApiCreatedResponse({ type: CaseResponse })
  @RequirePermission('cases:write')
  async create(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Body() body: CreateCaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const created = await this.cases.create(authority, body, actor);
    res.setHeader('ETag', `"${created.version}"`);
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'The caseload, ordered by next due date.' })
  @ApiOkResponse({ type: CasePageResponse })
  @RequirePermission('cases:read')
  @LogsChildData('case_list_read', caseIdsAt('items'))
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListCasesQuery): Promise<CasePage> {
    return this.caseList.list(authority, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its deadlines and the events allowed next; ETag is its version.' })
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  @LogsChildData('case_read', caseIdParam())
  async get(
    @ActingAuthority() authority: LocalAuthority,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const found = await this.cases.get(authority, id);
    res.setHeader('ETag', `"${found.version}"`);
    return found;
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply an event of the statutory process to the case.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version you last read; 409 if it has changed since.' })
  @ApiBody({ schema: { oneOf: Object.values(EVENT_BODY_MAPPING).map(($ref) => ({ $ref })), discriminator: { propertyName: 'type', mapping: EVENT_BODY_MAPPING } } })
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The case version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The event is not allowed in the case’s status, or a statutory rule refuses it.' })
  @RequirePermission('cases:write')
  // Logged in the statement that writes the event, so the change and the record of its answer commit together.
  @LogsChildData('case_read')
  async recordEvent(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @ChildDataReaderOf() reader: ChildDataReader,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(CaseEventPipe) event: CaseEvent,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const updated = await this.cases.recordEvent(authority, id, event, parseIfMatch(ifMatch), actor, reader);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Supersede a mis-recorded event: the case is replayed without it (or with the replacement in its place); its status, deadlines and alerts follow.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version you last read; 409 if it has changed since.' })
  @ApiBody({ type: CorrectionDto })
  @ApiOkResponse({ type: CaseResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The case version does not match If-Match.' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'The event cannot be superseded (the request, a trail line that is not a step, one already superseded), or the history without it is one the rules refuse.',
  })
  @RequirePermission('cases:correct')
  @LogsChildData('case_read', caseIdParam())
  async correct(
    @ActingAuthority() authority: LocalAuthority,
    @CurrentCaseActor() actor: CaseActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(CorrectionPipe) correction: CorrectionRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    const updated = await this.cases.correct(authority, id, correction, parseIfMatch(ifMatch), actor);
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The case’s audit trail, oldest first.' })
  @ApiOkResponse({ type: [CaseEventResponse] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  @LogsChildData('case_trail_read', caseIdParam())
  trail(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string): Promise<CaseEventView[]> {
    return this.cases.trail(authority, id);
  }

  @Post(':id/migrate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a running case to a newer version of the process machine (audited).' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: CaseResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The version is not registered, or the case’s state has no counterpart in it.' })
  @RequirePermission('cases:migrate')
  @LogsChildData('case_read', caseIdParam())
  migrate(
    @ActingAuthority() authority: LocalAuthority,
    @Actor() actor: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MigrateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<CaseView> {
    return this.cases.migrate(authority, id, body.toVersion, parseIfMatch(ifMatch), actor);
  }
}

/** Accepts `3`, `"3"` and `W/"3"`: the case version as an entity tag. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw new ValidationFailedError(`If-Match must be the case version you last read, for example "3"; got ${header}`);
  return Number(match[1]);
}
