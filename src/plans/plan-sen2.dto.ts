import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DIRECT_PAYMENT_CODES, RANKS, RESIDENTIAL_CODES, SEN_SETTING_CODES, SEN_TYPE_CODES, WORK_BASED_LEARNING_CODES } from '../../workflows/sen2/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

/*
 * The shape is checked here; what a value may be (the code lists, URN and UKPRN, the dates) by
 * plan-sen2-rules.ts, which names each field that is wrong.
 */

/** `PUT /api/plans/:id/sen2/detail`: a field left out keeps its value; `null` (or blank) clears it. */
export class PlanSen2DetailDto {
  @ApiPropertyOptional({ nullable: true, type: String, enum: RESIDENTIAL_CODES, description: 'NamedPlan/PlanRes: A residential up to 38 weeks, B 39 to 52 weeks (RFC 1299 meanings).' })
  @IsOptional() @IsString() @MaxLength(10)
  planRes?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: WORK_BASED_LEARNING_CODES, description: 'NamedPlan/PlanWBP: A apprenticeship, T traineeship, S supported internship.' })
  @IsOptional() @IsString() @MaxLength(10)
  planWbp?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'NamedPlan/PB: a personal budget taken up.' })
  @IsOptional() @IsBoolean()
  personalBudget?: boolean | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'NamedPlan/OA: personal budget by organised arrangements.' })
  @IsOptional() @IsBoolean()
  organisedArrangements?: boolean | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: DIRECT_PAYMENT_CODES, description: 'NamedPlan/DP: direct payments for E education, S social care, H health, I integrated.' })
  @IsOptional() @IsString() @MaxLength(10)
  directPayments?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: SEN_TYPE_CODES, description: 'SENneed/SENtype with SENtypeRank 1.' })
  @IsOptional() @IsString() @MaxLength(10)
  primaryNeed?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: SEN_TYPE_CODES, description: 'SENneed/SENtype with SENtypeRank 2: only with a primary need, and not the same.' })
  @IsOptional() @IsString() @MaxLength(10)
  secondaryNeed?: string | null;
}

/** `POST /api/plans/:id/placements`: a setting the child attends (PlanDetail / PlacementDetail). */
export class CreatePlacementDto {
  @ApiPropertyOptional({ example: '100000', description: 'The setting’s GIAS URN, 6 digits. Exactly one of urn, ukprn, senSetting.' })
  @IsOptional() @IsString() @MaxLength(20)
  urn?: string;

  @ApiPropertyOptional({ example: '10000001', description: 'The setting’s UKPRN, 8 digits. Exactly one of urn, ukprn, senSetting.' })
  @IsOptional() @IsString() @MaxLength(20)
  ukprn?: string;

  @ApiPropertyOptional({ enum: SEN_SETTING_CODES, description: 'SENsetting, the type of setting when no URN or UKPRN names it. Exactly one of urn, ukprn, senSetting.' })
  @IsOptional() @IsString() @MaxLength(10)
  senSetting?: string;

  @ApiPropertyOptional({ description: 'SENsettingOther: only with senSetting OTH or NIEO.' })
  @IsOptional() @IsString() @MaxLength(300)
  senSettingOther?: string;

  @ApiProperty({ enum: RANKS, description: 'PlacementRank: 1 the main placement, 2 a second one.' })
  @IsIn(RANKS)
  placementRank: number;

  @ApiProperty({ format: 'date', description: 'EntryDate: on or after the plan’s start, not in the future.' })
  @IsCalendarDate()
  entryDate: string;

  @ApiPropertyOptional({ default: false, description: 'SENunitIndicator.' })
  @IsOptional() @IsBoolean()
  senUnit?: boolean;

  @ApiPropertyOptional({ default: false, description: 'ResourcedProvisionIndicator.' })
  @IsOptional() @IsBoolean()
  resourcedProvision?: boolean;

  @ApiPropertyOptional({ enum: RESIDENTIAL_CODES, description: 'PlacementDetail/Res.' })
  @IsOptional() @IsString() @MaxLength(10)
  residential?: string;

  @ApiPropertyOptional({ enum: WORK_BASED_LEARNING_CODES, description: 'PlacementDetail/WBP.' })
  @IsOptional() @IsString() @MaxLength(10)
  workBased?: string;
}

/** `POST /api/plans/:id/placements/:placementId/leaving`. */
export class PlacementLeavingDto {
  @ApiProperty({ format: 'date', description: 'LeavingDate: on or after the entry date, not in the future.' })
  @IsCalendarDate()
  leavingDate: string;
}
