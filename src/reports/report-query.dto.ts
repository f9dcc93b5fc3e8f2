import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../common/is-calendar-date.js';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** "Team" has no record of its own yet: a breakdown by caseworker stands in for it. */
export const BREAKDOWNS = ['month', 'caseworker'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const EARLY_WARNING_SCOPES = ['at_risk', 'all'] as const;
export type EarlyWarningScope = (typeof EARLY_WARNING_SCOPES)[number];

export const MAX_EARLY_WARNING_PAGE = 500;

export class FormatQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv also answers to `Accept: text/csv`.' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** A reporting period: both days included, events counted by the date they happened. */
export class PeriodQuery extends FormatQuery {
  @ApiProperty({ format: 'date', description: 'First day of the period (included).' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date', description: 'Last day of the period (included).' })
  @IsCalendarDate()
  to: string;
}

export class BreakdownQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: BREAKDOWNS, description: 'Adds a breakdown by calendar month of the step, or by the caseworker who held the case at the step.' })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  by?: Breakdown;
}

export class EarlyWarningQuery extends FormatQuery {
  @ApiPropertyOptional({ enum: EARLY_WARNING_SCOPES, default: 'at_risk', description: 'at_risk: cases with a latest date past or within 7 days; all: every open case.' })
  @IsOptional()
  @IsIn(EARLY_WARNING_SCOPES)
  scope?: EarlyWarningScope;

  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'JSON only; the CSV holds every case.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EARLY_WARNING_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EARLY_WARNING_PAGE)
  pageSize?: number;
}
