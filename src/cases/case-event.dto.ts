import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CONTRIBUTORS,
  EVENT_TYPES,
  EXCEPTION_KINDS,
  type CaseEventType,
  type Contributor,
  type ExceptionKind,
} from '../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

const REASONS_MAX = 5000;

abstract class CaseEventDto {
  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES)
  type: CaseEventType;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The business date the step happened; back-dating allowed.' })
  @IsCalendarDate()
  occurredOn: string;
}

/** A decision by the authority, perhaps taken at a panel meeting. */
abstract class DecisionDto extends CaseEventDto {
  @ApiPropertyOptional({ description: 'Required for a decline (s.36(5), reg 5(3)) and for not issuing a plan (reg 10(3)).' })
  @IsOptional()
  @IsString()
  @MaxLength(REASONS_MAX)
  reasons?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The panel meeting that considered the case, if any.' })
  @IsOptional()
  @IsUUID()
  panelMeetingId?: string;
}

export class DecisionToAssessDto extends DecisionDto {
  @ApiProperty({ enum: ['assess', 'decline'] })
  @IsIn(['assess', 'decline'])
  decision: 'assess' | 'decline';
}

export class AdviceContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) organisation?: string;
}

export class AdviceRequestedDto extends CaseEventDto {
  @ApiProperty({ enum: CONTRIBUTORS })
  @IsIn(CONTRIBUTORS)
  contributor: Contributor;

  @ApiPropertyOptional({ type: AdviceContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdviceContactDto)
  contact?: AdviceContactDto;
}

export class AdviceReceivedDto extends CaseEventDto {
  @ApiProperty({ enum: CONTRIBUTORS })
  @IsIn(CONTRIBUTORS)
  contributor: Contributor;
}

export class DecisionToIssueDto extends DecisionDto {
  @ApiProperty({ enum: ['issue', 'not_issue'] })
  @IsIn(['issue', 'not_issue'])
  decision: 'issue' | 'not_issue';
}

export class DraftPlanIssuedDto extends CaseEventDto {}

export class FinalPlanIssuedDto extends CaseEventDto {
  @ApiPropertyOptional({ description: 'The school or other institution named in section I.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  placement?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The date the family confirmed in writing it has nothing more to add, allowing finalisation within the 15-day window of reg 13(1)(a).',
  })
  @IsOptional()
  @IsCalendarDate()
  representationsWaivedOn?: string;
}

export class ExceptionRecordedDto extends CaseEventDto {
  @ApiProperty({ enum: EXCEPTION_KINDS })
  @IsIn(EXCEPTION_KINDS)
  exception: ExceptionKind;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(REASONS_MAX)
  note?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['finalPlan'],
    description: 'Deadline names the exception is claimed against; by default every open deadline it can legally relax.',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  limits?: string[];
}

export class WithdrawnDto extends CaseEventDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASONS_MAX)
  reason: string;
}

export class AssignedDto extends CaseEventDto {
  @ApiProperty({ description: 'The caseworker the case is assigned to.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assigneeId: string;
}

/** The body class that validates each event type. */
export const EVENT_DTOS: Record<CaseEventType, new () => CaseEventDto> = {
  DECISION_TO_ASSESS: DecisionToAssessDto,
  ADVICE_REQUESTED: AdviceRequestedDto,
  ADVICE_RECEIVED: AdviceReceivedDto,
  DECISION_TO_ISSUE: DecisionToIssueDto,
  DRAFT_PLAN_ISSUED: DraftPlanIssuedDto,
  FINAL_PLAN_ISSUED: FinalPlanIssuedDto,
  EXCEPTION_RECORDED: ExceptionRecordedDto,
  WITHDRAWN: WithdrawnDto,
  ASSIGNED: AssignedDto,
};

// Each body documents only the `type` the pipe picks its class by (case-event.pipe.ts), so the
// bodies of the OpenAPI document's oneOf exclude each other and a generated client narrows on it.
for (const [type, dto] of Object.entries(EVENT_DTOS)) ApiProperty({ enum: [type] })(dto.prototype, 'type');

/** The event bodies as the OpenAPI document's discriminator on `type` maps them. */
export const EVENT_BODY_MAPPING: Record<string, string> = Object.fromEntries(Object.entries(EVENT_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)]));
