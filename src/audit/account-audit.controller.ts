import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { AccountAuditQuery } from './account-audit.query.js';
import { ACCOUNT_AUDIT_ACTIONS, type AccountAuditPage, AccountAuditService } from './account-audit.service.js';

const DEFAULT_PAGE_SIZE = 50;

class AccountAuditEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'The account that made the change; null for the first administrator created from ADMIN_EMAIL.' }) actorId: string | null;
  @ApiProperty({ description: 'The email of the account that made the change.' }) actor: string;
  @ApiProperty({ enum: ACCOUNT_AUDIT_ACTIONS }) action: string;
  @ApiProperty({ nullable: true, type: String, description: 'The account created or changed; null for alert settings.' }) accountId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { roles: { from: ['caseworker'], to: ['caseworker', 'manager'] } }, description: 'Each changed field, before and after. Passwords appear only as the fact of a change.' })
  changes: Record<string, { from: unknown; to: unknown }>;
}

class AccountAuditPageResponse {
  @ApiProperty({ type: [AccountAuditEntryResponse] }) items: AccountAuditEntryResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

@ApiTags('audit')
@Controller('audit')
export class AccountAuditController {
  constructor(private readonly audit: AccountAuditService) {}

  @Get('account-changes')
  @RequirePermission('account-audit:read')
  @ApiOperation({ summary: 'Who created, changed, disabled or unlocked which account, or changed the alert settings, newest first.' })
  @ApiOkResponse({ type: AccountAuditPageResponse })
  find(@ActingAuthority() authority: LocalAuthority, @Query() query: AccountAuditQuery): Promise<AccountAuditPage> {
    return this.audit.find(authority.id, { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });
  }
}
