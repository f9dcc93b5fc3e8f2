import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PANEL_DECISIONS, type OfficerDecision, type PanelDecision } from '../../workflows/panels/index.js';

const OFFICER_DECISIONS = PANEL_DECISIONS.filter((d): d is OfficerDecision => d !== 'defer');
import { IsCalendarDate } from '../common/is-calendar-date.js';

const REASON_MAX = 5000;

export class ScheduleMeetingDto {
  @ApiProperty({ format: 'date', example: '2026-12-03', description: 'Today or later.' })
  @IsCalendarDate()
  meetingDate: string;

  @ApiPropertyOptional({ default: false, description: 'An extra meeting outside the cadence.' })
  @IsOptional()
  @IsBoolean()
  adHoc?: boolean;
}

export class AttendanceDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Every member present; replaces what was recorded before.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  present: string[];
}

export class AddAgendaItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ description: 'Why the case is added by hand.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason: string;

  @ApiPropertyOptional({ description: 'The child’s school: members linked to it step out of the item.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  childSchool?: string;
}

export class RemoveAgendaItemDto {
  @ApiProperty({ description: 'Why the case comes off the agenda.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason: string;
}

export class UpdateAgendaItemDto {
  @ApiProperty({ description: 'The child’s school: members linked to it step out of the item.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  childSchool: string;
}

export class RecordDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ enum: PANEL_DECISIONS, description: 'assess|decline|defer (assessment panels); issue|not_issue|defer (issue panels).' })
  @IsIn(PANEL_DECISIONS)
  decision: PanelDecision;

  @ApiPropertyOptional({ description: 'Required for decline, not_issue and defer: tie them to the evidence (domain 6.3).' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reasons?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Members who declared a conflict on this item.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  conflicts?: string[];
}

export class OfficerDecisionDto {
  @ApiProperty({ enum: OFFICER_DECISIONS, description: 'assess|decline (assessment panels); issue|not_issue (issue panels).' })
  @IsIn(OFFICER_DECISIONS)
  decision: OfficerDecision;

  @ApiPropertyOptional({ description: 'Required when the decision departs from the panel’s recommendation: why its view was not followed (domain 6.3). Otherwise the recommendation’s reasons stand.' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reasons?: string;

  @ApiPropertyOptional({ format: 'date', description: 'The day the officer decided: from the meeting day to today; default today.' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}

export class DecisionLetterQuery {
  @ApiPropertyOptional({ format: 'date', description: 'When the notice was (or will be) sent; default: the decision date.' })
  @IsOptional()
  @IsCalendarDate()
  noticeSentOn?: string;

  @ApiPropertyOptional({ format: 'date', description: 'When a mediation adviser issued a certificate, if one has been.' })
  @IsOptional()
  @IsCalendarDate()
  mediationCertificateIssuedOn?: string;
}

export class FiguresQuery {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  to: string;
}
