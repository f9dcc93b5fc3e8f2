import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import {
  DISPUTE_EVENT_TYPES,
  DISPUTE_EXCEPTION_KINDS,
  ORDER_ACTIONS,
  ORDER_STEPS,
  type DisputeEventType,
  type DisputeExceptionKind,
  type OrderAction,
  type OrderStep,
  type ServiceMethod,
} from '../../workflows/ehc-dispute/index.js';
import { SERVICE_METHODS } from '../../workflows/limits/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

const TEXT_MAX = 5000;

abstract class DisputeEventDto {
  @ApiProperty({ enum: DISPUTE_EVENT_TYPES })
  @IsIn(DISPUTE_EVENT_TYPES)
  type: DisputeEventType;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'The business date the step happened; back-dating allowed.' })
  @IsCalendarDate()
  occurredOn: string;
}

/** A free-text field: required ones must not be blank. */
const text = (description: string, required: boolean): PropertyDecorator[] => [
  required ? ApiProperty({ description }) : ApiPropertyOptional({ description }),
  ...(required ? [IsNotEmpty()] : [IsOptional()]),
  IsString(),
  MaxLength(TEXT_MAX),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorate) => decorate(target, key));

export class MediationAdviceContactedDto extends DisputeEventDto {}
export class MediationDeclinedDto extends DisputeEventDto {}
export class MediationRequestedDto extends DisputeEventDto {
  @ApiPropertyOptional({ description: 'Health matters are to be mediated: the authority refers them to the ICB within 3 working days.' })
  @IsOptional()
  @IsBoolean()
  healthMatters?: boolean;
}
export class HealthMattersReferredDto extends DisputeEventDto {}
export class MediationHeldDto extends DisputeEventDto {}

export class MediationAgreementDto {
  @ApiProperty({ enum: [...ORDER_ACTIONS, 'other'] })
  @IsIn([...ORDER_ACTIONS, 'other'])
  action: OrderAction | 'other';

  @apply(text('What the authority agreed to do (reg 42).', true))
  terms: string;

  @ApiPropertyOptional({ format: 'date', description: 'Reg 42(5): the day the parties agreed in writing it will be done by, in place of the reg 44 limits (appealable matters) or 2 weeks (others).' })
  @IsOptional()
  @IsCalendarDate()
  agreedDueOn?: string;
}

export class MediationEndedDto extends DisputeEventDto {
  @ApiPropertyOptional({ type: MediationAgreementDto, description: 'The written agreement reached; absent when none was.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MediationAgreementDto)
  agreement?: MediationAgreementDto;
}
export class CertificateIssuedDto extends DisputeEventDto {}
export class AgreementCarriedOutDto extends DisputeEventDto {}

export class AppealRegisteredDto extends DisputeEventDto {
  @ApiPropertyOptional({ description: 'The Tribunal’s reference.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  tribunalReference?: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day the Tribunal registered the appeal, when known.' })
  @IsOptional()
  @IsCalendarDate()
  registeredOn?: string;
}
export class ResponseSubmittedDto extends DisputeEventDto {}

export class AppealConcededDto extends DisputeEventDto {
  @ApiPropertyOptional({ enum: ORDER_ACTIONS, isArray: true, description: 'What the authority will do (reg 45); none when conceding an appeal against ceasing, which keeps the plan.' })
  @IsOptional()
  @IsArray()
  @IsIn(ORDER_ACTIONS, { each: true })
  actions?: OrderAction[];
}

export class TribunalDecidedDto extends DisputeEventDto {
  @ApiProperty({ enum: ['appeal_dismissed', 'appeal_allowed'] })
  @IsIn(['appeal_dismissed', 'appeal_allowed'])
  outcome: 'appeal_dismissed' | 'appeal_allowed';

  @ApiPropertyOptional({ enum: ORDER_ACTIONS, isArray: true, description: 'What the order requires of the authority (reg 44(2)).' })
  @IsOptional()
  @IsArray()
  @IsIn(ORDER_ACTIONS, { each: true })
  actions?: OrderAction[];
}

export class OrderStepMetDto extends DisputeEventDto {
  @ApiProperty({ enum: ORDER_STEPS })
  @IsIn(ORDER_STEPS)
  step: OrderStep;

  @ApiPropertyOptional({ enum: SERVICE_METHODS, description: 'How the notice was sent (default email); post is served on the second working day.' })
  @IsOptional()
  @IsIn(SERVICE_METHODS)
  method?: ServiceMethod;

  @ApiPropertyOptional({ enum: ['issue', 'not_issue'], description: 'For orderIssueDecision: whether the authority decided to issue a plan.' })
  @IsOptional()
  @IsIn(['issue', 'not_issue'])
  decision?: 'issue' | 'not_issue';
}

export class DisputeExceptionRecordedDto extends DisputeEventDto {
  @ApiProperty({ enum: DISPUTE_EXCEPTION_KINDS, description: 'Reg 44(3): the only circumstances that excuse an order’s limits.' })
  @IsIn(DISPUTE_EXCEPTION_KINDS)
  exception: DisputeExceptionKind;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiProperty({ enum: ORDER_STEPS, description: 'The order step the exception is claimed against.' })
  @IsIn(ORDER_STEPS)
  step: OrderStep;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsCalendarDate()
  adviceRequestedOn?: string;

  @apply(text('A note on the circumstance.', false))
  note?: string;

  @apply(text('The evidence of the circumstance.', false))
  evidence?: string;

  @apply(text('Why the circumstance made meeting the limit impractical.', false))
  impracticalBecause?: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day the family was told that an exception applies.' })
  @IsOptional()
  @IsCalendarDate()
  familyToldOn?: string;
}

abstract class DisputeExceptionChangeDto extends DisputeEventDto {
  @ApiProperty({ example: 4, description: 'The seq of the EXCEPTION_RECORDED event in the dispute trail.' })
  @IsInt()
  @Min(1)
  exceptionSeq: number;

  @ApiPropertyOptional({ format: 'date', description: "The authority's own revised target for the limit the exception relaxes." })
  @IsOptional()
  @IsCalendarDate()
  revisedTarget?: string;
}

export class DisputeExceptionApprovedDto extends DisputeExceptionChangeDto {}

export class DisputeExceptionEndedDto extends DisputeExceptionChangeDto {
  @ApiProperty({ format: 'date', description: 'The last day of the circumstance.' })
  @IsCalendarDate()
  to: string;
}

export class SettledDto extends DisputeEventDto {
  @apply(text('What the parties agreed, or how the authority changed its decision.', true))
  terms: string;
}

export class DisputeWithdrawnDto extends DisputeEventDto {
  @apply(text('Why the family withdrew.', false))
  reason?: string;
}

export class ClosedNotAppealedDto extends DisputeEventDto {}

export class DisputeAssignedDto extends DisputeEventDto {
  @ApiProperty({ description: 'The caseworker the dispute is assigned to.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assigneeId: string;
}

/** The body class that validates each dispute event type. */
export const DISPUTE_EVENT_DTOS: Record<DisputeEventType, new () => DisputeEventDto> = {
  MEDIATION_ADVICE_CONTACTED: MediationAdviceContactedDto,
  MEDIATION_DECLINED: MediationDeclinedDto,
  MEDIATION_REQUESTED: MediationRequestedDto,
  HEALTH_MATTERS_REFERRED: HealthMattersReferredDto,
  MEDIATION_HELD: MediationHeldDto,
  MEDIATION_ENDED: MediationEndedDto,
  CERTIFICATE_ISSUED: CertificateIssuedDto,
  AGREEMENT_CARRIED_OUT: AgreementCarriedOutDto,
  APPEAL_REGISTERED: AppealRegisteredDto,
  RESPONSE_SUBMITTED: ResponseSubmittedDto,
  APPEAL_CONCEDED: AppealConcededDto,
  TRIBUNAL_DECIDED: TribunalDecidedDto,
  ORDER_STEP_MET: OrderStepMetDto,
  EXCEPTION_RECORDED: DisputeExceptionRecordedDto,
  EXCEPTION_APPROVED: DisputeExceptionApprovedDto,
  EXCEPTION_ENDED: DisputeExceptionEndedDto,
  SETTLED: SettledDto,
  WITHDRAWN: DisputeWithdrawnDto,
  CLOSED_NOT_APPEALED: ClosedNotAppealedDto,
  ASSIGNED: DisputeAssignedDto,
};

for (const [type, dto] of Object.entries(DISPUTE_EVENT_DTOS)) ApiProperty({ enum: [type] })(dto.prototype, 'type');

export const DISPUTE_EVENT_BODY_MAPPING: Record<string, string> = Object.fromEntries(Object.entries(DISPUTE_EVENT_DTOS).map(([type, dto]) => [type, getSchemaPath(dto)]));
