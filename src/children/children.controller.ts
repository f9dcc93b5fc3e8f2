import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { caseIdParam, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { parseIfMatch } from '../cases/cases.controller.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { ChildIdentityDto } from './child-identity.dto.js';
import { ChildIdentityRefusedResponse, ChildRecordResponse } from './child-responses.js';
import { ChildrenService, type ChildView } from './children.service.js';

/** The child record a child's cases and plans share: the SEN2 person identity items (issue 15). */
@ApiTags('children')
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A child record: its SEN2 identity items and the child’s cases and plans; ETag is its version.' })
  @ApiOkResponse({ type: ChildRecordResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  @LogsChildData('child_read', caseIdParam())
  async get(@ActingAuthority() authority: LocalAuthority, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<ChildView> {
    const found = await this.children.get(authority, id);
    res.setHeader('ETag', `"${found.version}"`);
    return found;
  }

  @Put(':id/identity')
  @ApiOperation({
    summary: 'Set identity items (left out: kept; null: cleared). Each is checked as the SEN2 return will carry it, and each change is recorded with who made it.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The child record version you last read; 409 if it has changed since.' })
  @ApiOkResponse({ type: ChildRecordResponse })
  @ApiBadRequestResponse({ type: ChildIdentityRefusedResponse, description: 'Malformed, or a value SEN2 could not return: the message (and `fields`) name each field; nothing is stored.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The record’s version does not match If-Match.' })
  @RequirePermission('cases:write')
  @LogsChildData('child_read', caseIdParam())
  async updateIdentity(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChildIdentityDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ChildView> {
    const updated = await this.children.updateIdentity(context, id, { ...body }, parseIfMatch(ifMatch));
    res.setHeader('ETag', `"${updated.version}"`);
    return updated;
  }
}
