import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { PageQuery } from '../common/page-query.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { RetentionDeletionDto, RetentionDeletionPageResponse, RetentionDeletionResponse } from './retention-deletion.dto.js';
import { type RetentionDeletion, type RetentionDeletionPage, RetentionDeletionsService } from './retention-deletions.service.js';

const DEFAULT_PAGE_SIZE = 50;

/**
 * Deletion under the retention review, and its record. Neither route answers a child's name or date
 * of birth, so neither writes the access log; the record of a deletion is the deletion's own audit.
 */
@ApiTags('data-protection')
@Controller('retention/deletions')
export class RetentionDeletionsController {
  constructor(private readonly deletions: RetentionDeletionsService) {}

  @Post()
  @RequirePermission('retention:delete')
  @ApiOperation({
    summary:
      'Delete a closed case past its retention period (as GET /api/retention/due lists it), with everything derived from it, and record who deleted it, when and why.',
  })
  @ApiBody({ type: RetentionDeletionDto })
  @ApiCreatedResponse({ type: RetentionDeletionResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'No caseId, or a reason missing or shorter than 10 characters.' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case in your authority (or it was deleted already).' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The case is open, or still within its retention period; nothing was changed.' })
  delete(@Acting() context: RequestContext, @Body() body: RetentionDeletionDto): Promise<RetentionDeletion> {
    return this.deletions.delete(context, body.caseId, body.reason);
  }

  @Get()
  @RequirePermission('retention:read')
  @ApiOperation({ summary: 'The cases your authority deleted under the retention review, newest first (50 a page unless pageSize says otherwise).' })
  @ApiOkResponse({ type: RetentionDeletionPageResponse })
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: PageQuery): Promise<RetentionDeletionPage> {
    return this.deletions.list(authority.id, query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE);
  }
}
