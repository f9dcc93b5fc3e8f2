import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';
import { PageQuery } from '../common/page-query.js';

/** Filters of `GET /api/cases`; 25 cases a page unless `pageSize` says otherwise. */
export class ListCasesQuery extends PageQuery {
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
}
