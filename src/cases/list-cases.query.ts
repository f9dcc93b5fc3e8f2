import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

export const MAX_PAGE_SIZE = 200;

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ description: 'Cases assigned to this caseworker.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'Only cases with a statutory deadline past its due date and not met or excepted.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Only cases whose next open deadline falls before this date.' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
