import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { REQUEST_SOURCES, type RequestSource } from '../../workflows/ehc-needs-assessment/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';

export class ChildDto {
  @ApiProperty({ example: 'Amara' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName: string;

  @ApiProperty({ example: 'Okafor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName: string;

  @ApiProperty({ example: '2017-04-12', format: 'date' })
  @IsCalendarDate()
  dateOfBirth: string;
}

export class CreateCaseDto {
  @ApiProperty({ type: ChildDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ChildDto)
  child: ChildDto;

  @ApiProperty({
    example: '2026-10-05',
    format: 'date',
    description: 'T0: the earliest date any part of the authority received the request (s.36(1)); back-dating allowed.',
  })
  @IsCalendarDate()
  requestReceivedOn: string;

  @ApiProperty({ enum: REQUEST_SOURCES })
  @IsIn(REQUEST_SOURCES)
  requestSource: RequestSource;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The child record (GET /api/children/:id) of a child the authority already knows: the case shares its identity items. Without it the case gets a child record of its own. A child of another authority, or none, is 404.',
  })
  @IsOptional()
  @IsUUID()
  childId?: string;
}
