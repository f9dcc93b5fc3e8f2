import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { RequirePermission } from '../../auth/permissions.js';
import { IsCalendarDate } from '../../common/is-calendar-date.js';
import { PageQuery } from '../../common/page-query.js';
import { ActingAuthority } from '../../common/request-context.js';
import type { LocalAuthority } from '../../local-authorities/local-authority.entity.js';
import { ManagerDigests, type DigestPage, type ManagerDigest } from './manager-digests.service.js';

class DigestDateParams {
  @ApiProperty({ example: '2026-12-01' })
  @IsCalendarDate()
  digestOn!: IsoDate;
}

/** The managers' daily digests (07:00 Europe/London), as they were sent, with their deliveries. */
@ApiTags('alerts')
@Controller('digests')
export class DigestsController {
  constructor(private readonly digests: ManagerDigests) {}

  @Get()
  @RequirePermission('reports:read')
  @ApiOperation({ summary: 'Daily digests, newest first (14 a page unless pageSize says otherwise): missed limits, limits due within 14 days and overdue advice, per caseworker; the plans’ reviews and phase transfers; Tribunal orders and agreements due (content.disputes).' })
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: PageQuery): Promise<DigestPage> {
    return this.digests.list(authority, query.page ?? 1, query.pageSize ?? 14);
  }

  @Get(':digestOn')
  @RequirePermission('reports:read')
  @ApiOperation({ summary: 'The digest of one day (YYYY-MM-DD).' })
  on(@ActingAuthority() authority: LocalAuthority, @Param() params: DigestDateParams): Promise<ManagerDigest> {
    return this.digests.on(authority, params.digestOn);
  }
}
