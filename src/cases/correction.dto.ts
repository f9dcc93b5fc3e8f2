import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** `POST /api/cases/:id/corrections`: supersede one mis-recorded event, optionally with what should have been recorded. */
export class CorrectionDto {
  @ApiProperty({ example: 4, description: 'The seq of the event in the trail to supersede (never 1: a case’s request, a plan’s start).' })
  @IsInt()
  @Min(1)
  eventSeq: number;

  @ApiProperty({ example: 'Withdrawal entered on the wrong case', description: 'Why the event was wrong; kept in the trail.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What should have been recorded instead: an event body exactly as POST /api/cases/:id/events takes it; its type may differ.',
  })
  @IsOptional()
  @IsObject()
  replacement?: Record<string, unknown>;
}
