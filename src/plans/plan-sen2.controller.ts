import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { ChildIdentityRefusedResponse } from '../children/child-responses.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { CreatePlacementDto, PlacementLeavingDto, PlanSen2DetailDto } from './plan-sen2.dto.js';
import { PlacementResponse, PlanSen2Response } from './plan-sen2-responses.js';
import { PlanSen2Service, type PlacementView, type PlanSen2View } from './plan-sen2.service.js';

/**
 * The plan's SEN2 items (issue 15 item 1). The answers carry no name, date of birth or identifier
 * of the child (only codes, dates and setting numbers, keyed by the plan id), so they are not
 * access-logged: the access log records reads of a child's identifying data.
 */
@ApiTags('plans')
@Controller('plans')
export class PlanSen2Controller {
  constructor(private readonly sen2: PlanSen2Service) {}

  @Get(':id/sen2')
  @ApiOperation({ summary: 'The plan’s SEN2 items: NamedPlan (PlanRes, PlanWBP, PB, OA, DP), the SEN needs, and the placements; ETag is the detail’s version.' })
  @ApiOkResponse({ type: PlanSen2Response })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  async get(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<PlanSen2View> {
    const found = await this.sen2.get(authority, id);
    res.setHeader('ETag', `"${found.detail.version}"`);
    return found;
  }

  @Put(':id/sen2/detail')
  @ApiOperation({ summary: 'Set the plan’s SEN2 detail items (left out: kept; null: cleared), each checked against the SEN2 code lists; every change is recorded with who made it.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The detail version you last read; 409 if it has changed since.' })
  @ApiOkResponse({ type: PlanSen2Response })
  @ApiBadRequestResponse({ type: ChildIdentityRefusedResponse, description: 'Malformed, or a value SEN2 could not return: the message (and `fields`) name each field; nothing is stored.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The detail’s version does not match If-Match.' })
  @RequirePermission('cases:write')
  async updateDetail(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PlanSen2DetailDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanSen2View> {
    const updated = await this.sen2.updateDetail(context, id, { ...body }, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${updated.detail.version}"`);
    return updated;
  }

  @Post(':id/placements')
  @ApiOperation({ summary: 'Record a setting the child attends (PlacementDetail): exactly one of urn, ukprn, senSetting; entered on or after the plan’s start, not in the future.' })
  @ApiCreatedResponse({ type: PlacementResponse })
  @ApiBadRequestResponse({ type: ChildIdentityRefusedResponse, description: 'Malformed, or a value SEN2 could not return: `fields` names each; nothing is stored.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: '`PLACEMENT_ALREADY_OPEN`: the plan has an open placement of that rank.' })
  @RequirePermission('cases:write')
  addPlacement(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreatePlacementDto): Promise<PlacementView> {
    return this.sen2.addPlacement(context, id, body);
  }

  @Post(':id/placements/:placementId/leaving')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the day the child left a placement: on or after its entry, not in the future.' })
  @ApiOkResponse({ type: PlacementResponse })
  @ApiBadRequestResponse({ type: ChildIdentityRefusedResponse, description: 'Malformed, or the date is before the entry or in the future; nothing is stored.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: '`PLACEMENT_ALREADY_LEFT`: its leaving date is recorded.' })
  @RequirePermission('cases:write')
  recordLeaving(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('placementId', ParseUUIDPipe) placementId: string,
    @Body() body: PlacementLeavingDto,
  ): Promise<PlacementView> {
    return this.sen2.recordLeaving(context, id, placementId, body.leavingDate);
  }
}
