import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DISPUTED_DECISIONS, type DisputedDecision } from '../../workflows/ehc-dispute/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

/** `POST /api/disputes`: a disagreement with an appealable decision of a case or a plan (exactly one of them). */
export class CreateDisputeDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The assessment case whose decision is disputed; exactly one of caseId and planId.' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The plan whose decision is disputed; exactly one of caseId and planId.' })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @ApiProperty({ enum: DISPUTED_DECISIONS, description: 'plan_contents given with a caseId is the plan that case made.' })
  @IsIn(DISPUTED_DECISIONS)
  decision: DisputedDecision;

  @ApiProperty({ format: 'date', description: 'The day written notice of the decision was sent: the appeal window counts from it.' })
  @IsCalendarDate()
  noticeSentOn: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day of the decision; the engine reads it from the case or plan, and refuses a different one.' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}
