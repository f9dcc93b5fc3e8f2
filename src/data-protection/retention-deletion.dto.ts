import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CLOSED_STATUSES } from './retention-rule.js';

/** A reason shorter than this says nothing a later reader could check (the database holds the same rule). */
export const MIN_REASON_LENGTH = 10;

/** `POST /api/retention/deletions`. */
export class RetentionDeletionDto {
  @ApiProperty({ format: 'uuid', description: 'A closed case of your authority past its retention period (GET /api/retention/due).' })
  @IsUUID()
  caseId: string;

  @ApiProperty({ example: 'Retention review 2033-Q1: closed over 6 years, no open complaint or litigation hold.', minLength: MIN_REASON_LENGTH, maxLength: 2000 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(MIN_REASON_LENGTH)
  @MaxLength(2000)
  reason: string;
}

export class RetentionDeletionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The deleted case; nothing else refers to it any more.' }) caseId: string;
  @ApiProperty({ example: 'EHC-2026-000042' }) reference: string;
  @ApiProperty({ enum: CLOSED_STATUSES, description: 'The status the case was closed in.' }) status: string;
  @ApiProperty({ format: 'date', example: '2026-02-04' }) closedOn: string;
  @ApiProperty({ format: 'date', example: '2032-02-04' }) retainUntil: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The account that deleted the case.' }) deletedById: string | null;
  @ApiProperty({ description: 'The email of the account that deleted the case.' }) deletedBy: string;
  @ApiProperty({ format: 'date-time' }) deletedAt: string;
}

export class RetentionDeletionPageResponse {
  @ApiProperty({ type: [RetentionDeletionResponse] }) items: RetentionDeletionResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
