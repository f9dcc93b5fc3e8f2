import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ETHNICITY_CODES, SEX_CODES, UPN_UNKNOWN_CODES } from '../../workflows/sen2/index.js';

/* Response shapes for the OpenAPI document only: the controller returns the plain views of children.service.ts. */

export class ChildProcessLinkResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'EHC-2026-000042' }) reference: string;
  @ApiProperty({ example: 'assessing' }) status: string;
}

export class ChildRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Send it back as If-Match to change the record only if nobody else has.' }) version: number;
  @ApiProperty({ nullable: true, type: String, example: 'A123456789012', description: 'Unique Pupil Number.' }) upn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Unique Learner Number.' }) uln: string | null;
  @ApiProperty({ nullable: true, type: String, enum: UPN_UNKNOWN_CODES, description: 'Why there is neither UPN nor ULN.' }) upnUnknown: string | null;
  @ApiProperty({ nullable: true, type: String, enum: SEX_CODES }) sex: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ETHNICITY_CODES }) ethnicity: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'SW1A 1AA' }) postcode: string | null;
  @ApiProperty({ type: [ChildProcessLinkResponse], description: 'The child’s assessment cases (GET /api/cases/:id), oldest first.' }) cases: ChildProcessLinkResponse[];
  @ApiProperty({ type: [ChildProcessLinkResponse], description: 'The child’s maintained plans (GET /api/plans/:id), oldest first.' }) plans: ChildProcessLinkResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ChildIdentityRefusedResponse {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty() message: string;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'When the values are well formed but SEN2 could not return them: the reason for each field (upn, uln, upnUnknown, sex, ethnicity, postcode).',
  })
  fields?: Record<string, string>;
}
