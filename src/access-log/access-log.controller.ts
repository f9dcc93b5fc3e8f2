import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { AccessLogQuery } from './access-log.query.js';
import { ACCESS_ACTIONS, type AccessLogEntry, AccessLogService } from './access-log.service.js';

class AccessLogEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty({ description: 'The email of the account that read.' }) actor: string;
  @ApiProperty({ format: 'date-time' }) accessedAt: string;
  @ApiProperty({ enum: ACCESS_ACTIONS }) action: string;
  @ApiProperty({ example: 'GET /api/cases/:id' }) route: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set instead of caseId for the reads of a maintained plan.' }) planId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set instead of caseId for the reads of a dispute.' }) disputeId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Set instead of caseId for the reads of a child record (its identity items).' }) childId: string | null;
}

@ApiTags('access-log')
@Controller('access-log')
export class AccessLogController {
  constructor(private readonly log: AccessLogService) {}

  @Get()
  @RequirePermission('access-log:read')
  @ApiOperation({ summary: 'Who read which case or plan, newest first (at most 1000 entries; narrow with the filters).' })
  @ApiOkResponse({ type: [AccessLogEntryResponse] })
  find(@ActingAuthority() authority: LocalAuthority, @Query() query: AccessLogQuery): Promise<AccessLogEntry[]> {
    return this.log.find(authority.id, query);
  }
}
