import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DISPUTE_STATUSES, DISPUTED_DECISIONS, type DisputedDecision, type DisputeStatus } from '../../workflows/ehc-dispute/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';
import { PageQuery } from '../common/page-query.js';

/** Filters of `GET /api/disputes`, as those of `GET /api/plans`, with the case, plan and decision disputed. */
export class ListDisputesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DISPUTE_STATUSES })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;

  @ApiPropertyOptional({ description: 'Disputes assigned to this caseworker.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only disputes with a limit past its target and not met.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Only disputes whose next open limit falls before this date.' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ enum: DISPUTED_DECISIONS })
  @IsOptional()
  @IsIn(DISPUTED_DECISIONS)
  decision?: DisputedDecision;
}
