import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import { RequirePermission } from '../../auth/permissions.js';
import { IsCalendarDate } from '../../common/is-calendar-date.js';
import { ActingAuthority } from '../../common/request-context.js';
import type { LocalAuthority } from '../../local-authorities/local-authority.entity.js';
import { ManagerDigests, type DigestPage, type ManagerDigest } from './manager-digests.service.js';

class ListDigestsQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 14 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

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
  @ApiOperation({ summary: 'Daily digests, newest first: missed limits, limits due within 14 days and overdue advice, per caseworker.' })
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListDigestsQuery): Promise<DigestPage> {
    return this.digests.list(authority, query.page ?? 1, query.pageSize ?? 14);
  }

  @Get(':digestOn')
  @RequirePermission('reports:read')
  @ApiOperation({ summary: 'The digest of one day (YYYY-MM-DD).' })
  on(@ActingAuthority() authority: LocalAuthority, @Param() params: DigestDateParams): Promise<ManagerDigest> {
    return this.digests.on(authority, params.digestOn);
  }
}
