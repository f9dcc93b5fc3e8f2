import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, ValidateIf } from 'class-validator';
import { DESIGNATED_OFFICER_CODES, type DesignatedOfficerCode } from '../../workflows/sen2/index.js';

/** Header/Source/LEA: the authority's 3-digit LA number (the settings page checks it by the same rule). */
export const LA_NUMBER_PATTERN = /^[0-9]{3}$/;

export class Sen2YearQuery {
  @ApiProperty({ example: 2027, description: 'The collection year (its census date is in January of that year): 2025, 2026 or 2027, once its census day has come.' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number such as 2027' })
  year: number;
}

/** `PUT /api/returns/sen2/settings`: a field left out keeps its value; null clears it. */
export class Sen2SettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '201', description: 'The authority’s 3-digit LA number (Header/Source/LEA).' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(LA_NUMBER_PATTERN, { message: 'laNumber must be the authority’s 3-digit LA number, such as 201' })
  laNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: DESIGNATED_OFFICER_CODES, description: 'Designated Medical Officer: Y yes, N no, R recruiting.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'dmo must be Y (yes), N (no) or R (recruiting)' })
  dmo?: DesignatedOfficerCode | null;

  @ApiPropertyOptional({ nullable: true, enum: DESIGNATED_OFFICER_CODES, description: 'Designated Clinical Officer: Y, N or R.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'dco must be Y (yes), N (no) or R (recruiting)' })
  dco?: DesignatedOfficerCode | null;

  @ApiPropertyOptional({ nullable: true, enum: DESIGNATED_OFFICER_CODES, description: 'Designated Social Care Officer (2025 on): Y, N or R.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(DESIGNATED_OFFICER_CODES, { message: 'dsco must be Y (yes), N (no) or R (recruiting)' })
  dsco?: DesignatedOfficerCode | null;
}

export class Sen2SettingsResponse {
  @ApiProperty({ nullable: true, type: String }) laNumber: string | null;
  @ApiProperty({ nullable: true, enum: DESIGNATED_OFFICER_CODES }) dmo: DesignatedOfficerCode | null;
  @ApiProperty({ nullable: true, enum: DESIGNATED_OFFICER_CODES }) dco: DesignatedOfficerCode | null;
  @ApiProperty({ nullable: true, enum: DESIGNATED_OFFICER_CODES }) dsco: DesignatedOfficerCode | null;
}

class ProblemChild {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ type: [String], description: 'The references of the child’s cases and plans in the return.' }) references: string[];
}

class ProblemRecord {
  @ApiProperty({ enum: ['case', 'plan'] }) kind: 'case' | 'plan';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
}

class Sen2ProblemResponse {
  @ApiProperty({ enum: ['error', 'warning'] }) severity: 'error' | 'warning';
  @ApiProperty({ example: 'Person/Sex', description: 'The element, as a path.' }) item: string;
  @ApiProperty({ description: 'What is wrong and what to fix.' }) message: string;
  @ApiProperty({ type: ProblemChild, nullable: true, description: 'Null for the header.' }) child: ProblemChild | null;
  @ApiProperty({ type: ProblemRecord, nullable: true, description: 'The case or plan to open; null for the child record and the header.' }) record: ProblemRecord | null;
}

export class Sen2ValidationResponse {
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date' }) referenceDate: string;
  @ApiProperty({ description: 'Children in the return.' }) persons: number;
  @ApiProperty() errors: number;
  @ApiProperty() warnings: number;
  @ApiProperty({ type: [Sen2ProblemResponse] }) problems: Sen2ProblemResponse[];
}
