import { ApiProperty } from '@nestjs/swagger';
import { DIRECT_PAYMENT_CODES, RANKS, RESIDENTIAL_CODES, SEN_SETTING_CODES, SEN_TYPE_CODES, WORK_BASED_LEARNING_CODES } from '../../workflows/sen2/index.js';

/* Response shapes for the OpenAPI document only: the controller returns the plain views of plan-sen2.service.ts. */

export class PlanSen2DetailResponse {
  @ApiProperty({ nullable: true, type: String, enum: RESIDENTIAL_CODES }) planRes: string | null;
  @ApiProperty({ nullable: true, type: String, enum: WORK_BASED_LEARNING_CODES }) planWbp: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) personalBudget: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) organisedArrangements: boolean | null;
  @ApiProperty({ nullable: true, type: String, enum: DIRECT_PAYMENT_CODES }) directPayments: string | null;
  @ApiProperty({ nullable: true, type: String, enum: SEN_TYPE_CODES }) primaryNeed: string | null;
  @ApiProperty({ nullable: true, type: String, enum: SEN_TYPE_CODES }) secondaryNeed: string | null;
  @ApiProperty({ description: 'Send it back as If-Match to change the items only if nobody else has; 0 until the first change.' }) version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
}

export class PlacementResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: '100000' }) urn: string | null;
  @ApiProperty({ nullable: true, type: String, example: '10000001' }) ukprn: string | null;
  @ApiProperty({ nullable: true, type: String, enum: SEN_SETTING_CODES }) senSetting: string | null;
  @ApiProperty({ nullable: true, type: String }) senSettingOther: string | null;
  @ApiProperty({ enum: RANKS }) placementRank: number;
  @ApiProperty({ format: 'date' }) entryDate: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) leavingDate: string | null;
  @ApiProperty() senUnit: boolean;
  @ApiProperty() resourcedProvision: boolean;
  @ApiProperty({ nullable: true, type: String, enum: RESIDENTIAL_CODES }) residential: string | null;
  @ApiProperty({ nullable: true, type: String, enum: WORK_BASED_LEARNING_CODES }) workBased: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlanSen2Response {
  @ApiProperty({ type: PlanSen2DetailResponse }) detail: PlanSen2DetailResponse;
  @ApiProperty({ type: [PlacementResponse], description: 'Every placement, oldest entry first; an open one has no leavingDate.' }) placements: PlacementResponse[];
}
