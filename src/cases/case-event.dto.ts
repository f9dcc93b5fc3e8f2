import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CONTRIBUTORS,
  EVENT_TYPES,
  EXCEPTION_KINDS,
  NOTICES,
  SERVICE_METHODS,
  type CaseEventType,
  type Contributor,
  type ExceptionKind,
  type NoticeName,
  type ServiceMethod,
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

export class NoticeDto {
  @ApiProperty({ format: 'date', description: 'The day the notice was sent, posted or handed over.' })
  @IsCalendarDate()
  sentOn: string;

  @ApiProperty({ enum: SERVICE_METHODS, description: 'Post is served on the second working day after posting (domain 5.2); the others on the day sent.' })
  @IsIn(SERVICE_METHODS)
  method: ServiceMethod;
}

export const NOTICE_DESCRIPTION = "How and when the family was told: the limit is met on the notice's served date. Without it the step's own date stands, flagged noticeAssumed.";

/** A step the family must be told of: it may carry its notice. */
abstract class NotifiedDto extends CaseEventDto {
  @ApiPropertyOptional({ type: NoticeDto, description: NOTICE_DESCRIPTION })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NoticeDto)
  notice?: NoticeDto;
}

/** A decision by the authority, perhaps taken at a panel meeting. */
abstract class DecisionDto extends NotifiedDto {
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

  @ApiPropertyOptional({
    example: 'Speech and language therapy',
    description: 'The body asked. A second request to a contributor whose first is still awaited must name another body; its deadline is advice.<contributor>.2, then .3, …',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  body?: string;

  @ApiPropertyOptional({ type: AdviceContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AdviceContactDto)
  contact?: AdviceContactDto;

  @ApiPropertyOptional({ enum: SERVICE_METHODS, description: 'How the request was sent (default email): reg 8(1) runs from the day the body receives it; post on the second working day.' })
  @IsOptional()
  @IsIn(SERVICE_METHODS)
  method?: ServiceMethod;
}

export class AdviceReceivedDto extends CaseEventDto {
  @ApiProperty({ enum: CONTRIBUTORS })
  @IsIn(CONTRIBUTORS)
  contributor: Contributor;

  @ApiPropertyOptional({ example: 'advice.health.2', description: 'The advice deadline received; required when several requests to the contributor are awaited.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  request?: string;
}

export class DecisionToIssueDto extends DecisionDto {
  @ApiProperty({ enum: ['issue', 'not_issue'] })
  @IsIn(['issue', 'not_issue'])
  decision: 'issue' | 'not_issue';
}

export class DraftPlanIssuedDto extends NotifiedDto {}

export class FinalPlanIssuedDto extends NotifiedDto {
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

  @ApiPropertyOptional({ description: 'The evidence of the circumstance (a document reference, who confirmed it).' })
  @IsOptional()
  @IsString()
  @MaxLength(REASONS_MAX)
  evidence?: string;

  @ApiPropertyOptional({ description: 'Why the circumstance made meeting the limit impractical.' })
  @IsOptional()
  @IsString()
  @MaxLength(REASONS_MAX)
  impracticalBecause?: string;

  @ApiPropertyOptional({ format: 'date', description: 'CoP 9.43: the day the family was told that an exception applies.' })
  @IsOptional()
  @IsCalendarDate()
  familyToldOn?: string;
}

/** Names an exception by the `seq` of its EXCEPTION_RECORDED event in the trail. */
abstract class ExceptionChangeDto extends CaseEventDto {
  @ApiProperty({ example: 4, description: 'The seq of the EXCEPTION_RECORDED event in the case trail.' })
  @IsInt()
  @Min(1)
  exceptionSeq: number;

  @ApiPropertyOptional({ format: 'date', description: "The authority's own revised target for the limits the exception relaxes (never before their due date)." })
  @IsOptional()
  @IsCalendarDate()
  revisedTarget?: string;
}

export class ExceptionApprovedDto extends ExceptionChangeDto {}

export class ExceptionEndedDto extends ExceptionChangeDto {
  @ApiProperty({ format: 'date', description: 'The last day of the circumstance.' })
  @IsCalendarDate()
  to: string;
}

export class NoticeSentDto extends CaseEventDto {
  @ApiProperty({ enum: NOTICES })
  @IsIn(NOTICES)
  notice: NoticeName;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  sentOn: string;

  @ApiProperty({ enum: SERVICE_METHODS })
  @IsIn(SERVICE_METHODS)
  method: ServiceMethod;

  @ApiPropertyOptional({ example: 'family', description: 'Who it went to (default the family); the final plan is met on the latest recipient’s served date.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  recipient?: string;
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
  EXCEPTION_APPROVED: ExceptionApprovedDto,
  EXCEPTION_ENDED: ExceptionEndedDto,
  NOTICE_SENT: NoticeSentDto,
};

// Each body documents only the `type` the pipe picks its class by (case-event.pipe.ts), so the
// bodies of the OpenAPI document's oneOf exclude each other and a generated client narrows on it.
for (const [type, dto] of Object.entries(EVENT_DTOS)) ApiProperty({ enum: [type] })(dto.prototype, 'type');

/** The event bodies as the OpenAPI document's discriminator on `type` maps them. */
export const EVENT_BODY_MAPPING: Record<string, string> = Object.fromEntries(Object.entries(EVENT_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)]));
