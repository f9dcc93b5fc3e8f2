import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ALERT_KINDS, type AlertKind } from '../../workflows/ehc-needs-assessment/index.js';
import { PageQuery } from '../common/page-query.js';

/** Filters of `GET /api/alerts`; 50 alerts a page unless `pageSize` says otherwise. */
export class ListAlertsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A maintained EHC plan: its alerts only.' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A dispute: its alerts only.' })
  @IsOptional()
  @IsUUID()
  disputeId?: string;

  @ApiPropertyOptional({ enum: ALERT_KINDS })
  @IsOptional()
  @IsIn(ALERT_KINDS)
  kind?: AlertKind;

  @ApiPropertyOptional({ example: 'decisionToAssess', description: 'A deadline name, for example finalPlan, advice.health or (for a plan) annualReview.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  deadline?: string;
}
