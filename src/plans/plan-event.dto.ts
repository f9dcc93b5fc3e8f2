import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  CEASE_REASONS,
  EDUCATION_PHASES,
  PLAN_EVENT_TYPES,
  PLAN_EXCEPTION_KINDS,
  PLAN_NOTICES,
  REVIEW_DECISIONS,
  type CeaseReason,
  type EducationPhase,
  type PlanEventType,
  type PlanExceptionKind,
  type PlanNoticeName,
  type ReviewDecision,
  type ServiceMethod,
} from '../../workflows/ehc-plan/index.js';
import { SERVICE_METHODS } from '../../workflows/limits/index.js';
import { NOTICE_DESCRIPTION, NoticeDto } from '../cases/case-event.dto.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

const TEXT_MAX = 5000;

abstract class PlanEventDto {
  @ApiProperty({ enum: PLAN_EVENT_TYPES })
  @IsIn(PLAN_EVENT_TYPES)
  type: PlanEventType;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The business date the step happened; back-dating allowed.' })
  @IsCalendarDate()
  occurredOn: string;
}


abstract class NotifiedPlanStepDto extends PlanEventDto {
  @ApiPropertyOptional({ type: NoticeDto, description: NOTICE_DESCRIPTION })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NoticeDto)
  notice?: NoticeDto;
}

abstract class SentToInviteesDto extends PlanEventDto {
  @ApiPropertyOptional({ enum: SERVICE_METHODS, description: 'How they were sent (default email); post is served on the second working day.' })
  @IsOptional()
  @IsIn(SERVICE_METHODS)
  method?: ServiceMethod;
}

/** A free-text field: required ones must not be blank. */
const reasons = (description: string, required: boolean): PropertyDecorator[] => [
  required ? ApiProperty({ description }) : ApiPropertyOptional({ description }),
  ...(required ? [IsNotEmpty()] : [IsOptional()]),
  IsString(),
  MaxLength(TEXT_MAX),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorate) => decorate(target, key));

export class ReviewMeetingScheduledDto extends PlanEventDto {
  @ApiProperty({ format: 'date', description: 'The day the review meeting will be held; invitations and advice are due 2 weeks before it.' })
  @IsCalendarDate()
  meetingOn: string;
}

export class ReviewInvitationsSentDto extends SentToInviteesDto {}
export class ReviewAdviceCirculatedDto extends SentToInviteesDto {}
export class ReviewMeetingHeldDto extends PlanEventDto {}
export class ReviewReportReceivedDto extends PlanEventDto {}

export class ReviewDecisionDto extends NotifiedPlanStepDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'amend: the notice carries the proposed amendments (Devon [2022]) and starts the reg 22 clock.' })
  @IsIn(REVIEW_DECISIONS)
  decision: ReviewDecision;

  @apply(reasons('Required when ceasing (reg 31).', false))
  reasons?: string;

  @ApiPropertyOptional({ enum: CEASE_REASONS, description: 'Required when ceasing: the SEN2 CeaseReason code.' })
  @IsOptional()
  @IsIn(CEASE_REASONS)
  ceaseReason?: CeaseReason;
}

export class AmendmentNoticeSentDto extends PlanEventDto {
  @ApiProperty({ enum: SERVICE_METHODS, description: 'How the notice of proposed amendments was sent on occurredOn.' })
  @IsIn(SERVICE_METHODS)
  method: ServiceMethod;
}

export class AmendedPlanIssuedDto extends NotifiedPlanStepDto {
  @ApiPropertyOptional({ description: 'The school, college or other setting the amended plan names (section I).' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  namedSetting?: string;

  @ApiPropertyOptional({ enum: EDUCATION_PHASES, description: 'Set when the plan names the setting for the next phase (reg 18): meets phaseTransfer.' })
  @IsOptional()
  @IsIn(EDUCATION_PHASES)
  nextPhase?: EducationPhase;

  @ApiPropertyOptional({ format: 'date', description: 'The date the family confirmed in writing it has nothing more to add, allowing the plan within the 15 days of reg 22(2)(c).' })
  @IsOptional()
  @IsCalendarDate()
  representationsWaivedOn?: string;
}

export class DecisionNotToAmendDto extends NotifiedPlanStepDto {
  @apply(reasons('Why the plan will not be amended (reg 22(4)).', true))
  reasons: string;
}

export class PhaseDetailsRecordedDto extends PlanEventDto {
  @ApiPropertyOptional({ enum: EDUCATION_PHASES })
  @IsOptional()
  @IsIn(EDUCATION_PHASES)
  phase?: EducationPhase;

  @ApiPropertyOptional({ enum: EDUCATION_PHASES, description: 'The phase the child moves to next, when not the usual one (a middle school, an infant school).' })
  @IsOptional()
  @IsIn(EDUCATION_PHASES)
  nextPhase?: EducationPhase;

  @ApiPropertyOptional({ minimum: -3, maximum: 3, description: 'School years the child is taught behind (+1) or ahead (−1) of the year group of their date of birth.' })
  @IsOptional()
  @IsInt()
  @Min(-3)
  @Max(3)
  yearGroupOffset?: number;

  @ApiPropertyOptional({ format: 'date', description: 'Reg 18(2): the day a young person moves between post-16 institutions.' })
  @IsOptional()
  @IsCalendarDate()
  post16MoveOn?: string;
}

export class ReassessmentRequestedDto extends PlanEventDto {
  @ApiProperty({ enum: ['parent', 'young_person', 'school', 'icb', 'authority'] })
  @IsIn(['parent', 'young_person', 'school', 'icb', 'authority'])
  requestedBy: 'parent' | 'young_person' | 'school' | 'icb' | 'authority';
}

export class ReassessmentDecisionDto extends NotifiedPlanStepDto {
  @ApiProperty({ enum: ['reassess', 'refuse'] })
  @IsIn(['reassess', 'refuse'])
  decision: 'reassess' | 'refuse';

  @apply(reasons('Required for a refusal, which carries a right of appeal.', false))
  reasons?: string;
}

export class CeaseDecisionDto extends NotifiedPlanStepDto {
  @apply(reasons('Why the authority will cease to maintain the plan (reg 31).', true))
  reasons: string;

  @ApiProperty({ enum: CEASE_REASONS, description: 'The SEN2 CeaseReason code.' })
  @IsIn(CEASE_REASONS)
  ceaseReason: CeaseReason;
}

export class CeaseDecisionWithdrawnDto extends PlanEventDto {
  @apply(reasons('Why the decision to cease was withdrawn.', true))
  reason: string;
}

export class CeasedDto extends PlanEventDto {}

export class TransferredOutDto extends PlanEventDto {
  @ApiProperty({ description: 'The authority the plan was transferred to (reg 15).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  toAuthority: string;
}

export class PlanExceptionRecordedDto extends PlanEventDto {
  @ApiProperty({ enum: PLAN_EXCEPTION_KINDS, description: 'Reg 27(3): relaxes only the plan after a re-assessment.' })
  @IsIn(PLAN_EXCEPTION_KINDS)
  exception: PlanExceptionKind;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'date', description: 'For a closure (reg 27(3)(a)-(b)): the day the head teacher’s or early years lead’s advice was requested.' })
  @IsOptional()
  @IsCalendarDate()
  adviceRequestedOn?: string;

  @apply(reasons('A note on the circumstance.', false))
  note?: string;

  @apply(reasons('The evidence of the circumstance.', false))
  evidence?: string;

  @apply(reasons('Why the circumstance made meeting the limit impractical.', false))
  impracticalBecause?: string;

  @ApiPropertyOptional({ format: 'date', description: 'CoP 9.43: the day the family was told that an exception applies.' })
  @IsOptional()
  @IsCalendarDate()
  familyToldOn?: string;
}

abstract class PlanExceptionChangeDto extends PlanEventDto {
  @ApiProperty({ example: 4, description: 'The seq of the EXCEPTION_RECORDED event in the plan trail.' })
  @IsInt()
  @Min(1)
  exceptionSeq: number;

  @ApiPropertyOptional({ format: 'date', description: "The authority's own revised target for the limit the exception relaxes." })
  @IsOptional()
  @IsCalendarDate()
  revisedTarget?: string;
}

export class PlanExceptionApprovedDto extends PlanExceptionChangeDto {}

export class PlanExceptionEndedDto extends PlanExceptionChangeDto {
  @ApiProperty({ format: 'date', description: 'The last day of the circumstance.' })
  @IsCalendarDate()
  to: string;
}

export class PlanNoticeSentDto extends PlanEventDto {
  @ApiProperty({ enum: PLAN_NOTICES, description: 'The latest step of this kind is the one the notice is of.' })
  @IsIn(PLAN_NOTICES)
  notice: PlanNoticeName;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  sentOn: string;

  @ApiProperty({ enum: SERVICE_METHODS })
  @IsIn(SERVICE_METHODS)
  method: ServiceMethod;

  @ApiPropertyOptional({ example: 'family', description: 'Who it went to (default the family); a limit is met on the latest recipient’s served date.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  recipient?: string;
}

export class PlanAssignedDto extends PlanEventDto {
  @ApiProperty({ description: 'The caseworker the plan is assigned to.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assigneeId: string;
}

/** The body class that validates each plan event type. */
export const PLAN_EVENT_DTOS: Record<PlanEventType, new () => PlanEventDto> = {
  REVIEW_MEETING_SCHEDULED: ReviewMeetingScheduledDto,
  REVIEW_INVITATIONS_SENT: ReviewInvitationsSentDto,
  REVIEW_ADVICE_CIRCULATED: ReviewAdviceCirculatedDto,
  REVIEW_MEETING_HELD: ReviewMeetingHeldDto,
  REVIEW_REPORT_RECEIVED: ReviewReportReceivedDto,
  REVIEW_DECISION: ReviewDecisionDto,
  AMENDMENT_NOTICE_SENT: AmendmentNoticeSentDto,
  AMENDED_PLAN_ISSUED: AmendedPlanIssuedDto,
  DECISION_NOT_TO_AMEND: DecisionNotToAmendDto,
  PHASE_DETAILS_RECORDED: PhaseDetailsRecordedDto,
  REASSESSMENT_REQUESTED: ReassessmentRequestedDto,
  REASSESSMENT_DECISION: ReassessmentDecisionDto,
  CEASE_DECISION: CeaseDecisionDto,
  CEASE_DECISION_WITHDRAWN: CeaseDecisionWithdrawnDto,
  CEASED: CeasedDto,
  TRANSFERRED_OUT: TransferredOutDto,
  EXCEPTION_RECORDED: PlanExceptionRecordedDto,
  EXCEPTION_APPROVED: PlanExceptionApprovedDto,
  EXCEPTION_ENDED: PlanExceptionEndedDto,
  NOTICE_SENT: PlanNoticeSentDto,
  ASSIGNED: PlanAssignedDto,
};

for (const [type, dto] of Object.entries(PLAN_EVENT_DTOS)) ApiProperty({ enum: [type] })(dto.prototype, 'type');

export const PLAN_EVENT_BODY_MAPPING: Record<string, string> = Object.fromEntries(Object.entries(PLAN_EVENT_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)]));
