import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { NOTICES, SERVICE_METHODS } from '../../workflows/ehc-needs-assessment/index.js';
import { CaseResponse } from '../cases/case-responses.js';
import { PLAN_NOTICES } from '../../workflows/ehc-plan/index.js';
import { PlanResponse } from '../plans/plan-responses.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';
import { SENDING_METHODS, type SendingMethod } from './sent-notices.js';

const HTTPS_URL = { protocols: ['https'], require_protocol: true };

export class NoticeServiceDto {
  @ApiProperty({ example: 'Example SENDIASS' }) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: '01234 567890' }) @IsOptional() @Matches(/^[0-9 +()-]{6,30}$/, { message: 'phone must be a telephone number' }) phone?: string;
  @ApiPropertyOptional({ example: 'sendiass@example.org' }) @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: 'https://sendiass.example.org' }) @IsOptional() @IsUrl(HTTPS_URL) website?: string;
}

/** `PUT /api/notices/settings`: what every notice of the authority carries besides its name. */
export class NoticeSettingsDto {
  @ApiProperty({ example: 'SEND Assessment Team' }) @IsString() @MinLength(2) @MaxLength(200) team: string;
  @ApiProperty({ type: [String], example: ['County Hall', 'High Street', 'Exampleton', 'EX1 1AA'] })
  @IsArray() @ArrayMaxSize(8) @IsString({ each: true }) @MaxLength(200, { each: true }) address: string[];
  @ApiProperty({ example: '01234 500500' }) @Matches(/^[0-9 +()-]{6,30}$/, { message: 'phone must be a telephone number' }) phone: string;
  @ApiProperty({ example: 'send@example.gov.uk' }) @IsEmail() email: string;
  @ApiProperty({ example: 'https://www.example.gov.uk/local-offer', description: 'Where families find information about schools and colleges (reg 13(1)(b)).' }) @IsUrl(HTTPS_URL) localOfferUrl: string;
  @ApiProperty({ type: NoticeServiceDto, description: 'The information, advice and support service (SENDIASS).' }) @ValidateNested() @Type(() => NoticeServiceDto) informationAdvice: NoticeServiceDto;
  @ApiProperty({ type: NoticeServiceDto, description: 'The mediation adviser (reg 32).' }) @ValidateNested() @Type(() => NoticeServiceDto) mediation: NoticeServiceDto;
  @ApiProperty({ type: NoticeServiceDto, description: 'The disagreement resolution service (CFA 2014 s.57).' }) @ValidateNested() @Type(() => NoticeServiceDto) disagreementResolution: NoticeServiceDto;
}

export class NoticeQuery {
  @ApiPropertyOptional({ example: '2026-12-07', description: 'The day the notice goes out; today when left out. Its dates (the 15 days, the last day to appeal) follow from the day it is served.' })
  @IsOptional()
  @IsCalendarDate()
  sentOn?: string;

  @ApiPropertyOptional({ enum: SERVICE_METHODS, default: 'email', description: 'How it goes out: a posted notice is served two working days later.' })
  @IsOptional()
  @IsIn(SERVICE_METHODS)
  method?: (typeof SERVICE_METHODS)[number];
}

/** `POST /api/cases/:id/notices/:notice/send`. */
export class SendNoticeDto {
  @ApiProperty({ enum: SENDING_METHODS, description: 'email: sent now by the engine (SMTP), served today; post or hand: the caseworker sends the PDF, served two working days after posting or on the day handed over.' })
  @IsIn(SENDING_METHODS)
  method: SendingMethod;

  @ApiPropertyOptional({ example: 'parent@example.org', description: 'For email, the address it goes to (required); for a letter, the addressee written on it (kept with the copy).' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  to?: string;

  @ApiPropertyOptional({ example: 'family', default: 'family', description: 'Who it is for, as NOTICE_SENT records it; the final plan also goes to the school and the ICB, and its limit is met on the latest recipient’s served date.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ example: '2026-12-07', description: 'The day a letter was posted or handed over (today when left out); an email goes today.' })
  @IsOptional()
  @IsCalendarDate()
  sentOn?: string;
}

export class SentNoticeDeliveryDto {
  @ApiProperty({ enum: ['email'] }) channel: string;
  @ApiProperty({ example: 'parent@example.org' }) target: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

/** A notice as sent and kept: `GET /api/cases/:id/notices/:notice/versions/:version` gives the document itself. */
export class SentNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTICES }) notice: string;
  @ApiProperty({ example: 1, description: '1 for the first of its kind sent on the case, then 2, 3, … (another recipient, or sent again after a correction).' }) version: number;
  @ApiProperty({ description: 'The NOTICE_SENT line of the trail this sending recorded.' }) eventSeq: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SENDING_METHODS }) method: string;
  @ApiProperty({ example: 'family' }) recipient: string;
  @ApiProperty({ type: String, nullable: true, description: 'The email address, or the addressee written on the letter.' }) sentTo: string | null;
  @ApiProperty({ format: 'date' }) sentOn: string;
  @ApiProperty({ format: 'date', description: 'The day the notice counts as received: the day a limit it closes is met.' }) servedOn: string;
  @ApiProperty() sentBy: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ description: 'SHA-256 of the kept PDF, in hex.' }) pdfSha256: string;
  @ApiProperty({ type: [SentNoticeDeliveryDto], description: 'The email and its state; empty for a letter.' }) deliveries: SentNoticeDeliveryDto[];
}

export class SentNoticeResponse {
  @ApiProperty({ type: SentNoticeDto }) notice: SentNoticeDto;
  @ApiProperty({ type: CaseResponse, description: 'The case after NOTICE_SENT, as GET /api/cases/:id answers it (its new version for If-Match).' }) case: CaseResponse;
}

/** A plan's notice as sent and kept: `GET /api/plans/:id/notices/:notice/versions/:version` gives the document itself. */
export class SentPlanNoticeDto extends SentNoticeDto {
  @ApiProperty({ enum: PLAN_NOTICES }) declare notice: string;
}

export class SentPlanNoticeResponse {
  @ApiProperty({ type: SentPlanNoticeDto }) notice: SentPlanNoticeDto;
  @ApiProperty({ type: PlanResponse, description: 'The plan after NOTICE_SENT, as GET /api/plans/:id answers it (its new version for If-Match).' }) plan: PlanResponse;
}
