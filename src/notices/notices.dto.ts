import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { NOTICES, SERVICE_METHODS } from '../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

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
