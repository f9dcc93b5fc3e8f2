import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { FromDay, ToDay } from '../common/day-range.js';
import { PageQuery } from '../common/page-query.js';
import { ACCOUNT_AUDIT_ACTIONS, type AccountAuditAction } from './account-audit.service.js';

/** Filters of `GET /api/audit/account-changes`; 50 entries a page unless `pageSize` says otherwise. */
export class AccountAuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The account that was created or changed.' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The account that made the change.' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: ACCOUNT_AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(ACCOUNT_AUDIT_ACTIONS)
  action?: AccountAuditAction;

  @FromDay()
  from?: string;

  @ToDay()
  to?: string;
}
