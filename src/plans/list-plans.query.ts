import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PLAN_STATUSES, type PlanStatus } from '../../workflows/ehc-plan/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';
import { PageQuery } from '../common/page-query.js';

/** Filters of `GET /api/plans`, as those of `GET /api/cases`; 25 plans a page unless `pageSize` says otherwise. */
export class ListPlansQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional({ description: 'Plans assigned to this caseworker.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only plans with a statutory limit past its target and not met.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Only plans whose next open limit falls before this date.' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;
}
