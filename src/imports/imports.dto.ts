import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ImportMode } from './imports.service.js';

export const IMPORT_MODES = ['dry_run', 'commit'] as const satisfies readonly ImportMode[];

/** `POST /api/imports`, multipart/form-data: the fields besides the file (multer takes the file before validation). */
export class ImportRequestDto {
  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'dry_run', description: '`dry_run` (the default) reports every row and writes nothing; `commit` imports every row or, if any has a problem, none.' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

/** The whole multipart body, as the OpenAPI document describes it. */
export class ImportUploadBody extends ImportRequestDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The caseload as CSV in the template of README "Importing a caseload" (UTF-8; the first line the header), or an SEN2 person-level return as XML (README "From an SEN2 return").' })
  file: unknown;
}

export class ImportProblemResponse {
  @ApiProperty({ example: 3, description: 'The line of the file (the header is line 1).' }) line: number;
  @ApiProperty({ example: 'final_plan_issued_on', description: 'The template column (for an SEN2 return, the item, such as Requests/Assessment/NamedPlan/StartDate); empty for a problem of the whole file.' }) column: string;
  @ApiPropertyOptional({ example: 27, description: 'The column’s place in the file’s header, from 1.' }) columnNumber?: number;
  @ApiProperty({ example: 'final_plan_issued_on: FINAL_PLAN_ISSUED is not allowed while the case is assessing; allowed: …' }) message: string;
}

export class ImportRowResponse {
  @ApiProperty({ example: 2 }) line: number;
  @ApiProperty({ nullable: true, type: String, example: 'OLD-4411' }) legacyReference: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'assessment' }) record: string | null;
  @ApiProperty({ enum: ['import', 'skip', 'refused'], description: '`skip`: imported before, from a row with the same values.' }) outcome: string;
  @ApiPropertyOptional({ example: 'assessing', description: 'The assessment’s stage at the end of its history.' }) status?: string;
  @ApiPropertyOptional({ example: 'maintained', description: 'The plan’s status at the end of its history.' }) planStatus?: string;
  @ApiPropertyOptional({ example: 'EHC-2026-000042', description: 'Once committed: the case the row made.' }) caseReference?: string;
  @ApiPropertyOptional({ example: 'PLAN-2024-000007', description: 'Once committed: the plan the row made.' }) planReference?: string;
}

export class ImportReportResponse {
  @ApiProperty({ enum: IMPORT_MODES }) mode: string;
  @ApiProperty({ example: 'caseload.csv' }) fileName: string;
  @ApiProperty({ description: 'No row has a problem: committing would import the file.' }) valid: boolean;
  @ApiProperty() committed: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The import, once committed: every trail line it wrote names it.' }) batchId?: string;
  @ApiProperty({ description: 'Rows read, the header not counted.' }) rows: number;
  @ApiProperty() toImport: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [ImportProblemResponse] }) problems: ImportProblemResponse[];
  @ApiProperty({ type: [ImportRowResponse] }) outcomes: ImportRowResponse[];
}
