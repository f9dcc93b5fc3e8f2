import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ETHNICITY_CODES, SEX_CODES, UPN_UNKNOWN_CODES } from '../../workflows/sen2/index.js';

/**
 * `PUT /api/children/:id/identity`: the identity items to set. A field left out keeps its value;
 * `null` (or a blank string) clears it. The shape is checked here; what a value may be (the UPN's
 * check letter, the code lists, UPNunknown only without UPN and ULN) by workflows/sen2, on the
 * record as it would be after the change.
 */
export class ChildIdentityDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'A123456789012', description: 'Unique Pupil Number: 13 characters, its check letter first. Spaces are removed and letters capitalised.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  upn?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '1000000004', description: 'Unique Learner Number: 10 digits, the last its check digit.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  uln?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: UPN_UNKNOWN_CODES, description: 'SEN2 UPNunknown: why the child has neither UPN nor ULN; refused while either is held.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  upnUnknown?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: SEX_CODES })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  sex?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, enum: ETHNICITY_CODES, description: 'The DfE ethnicity code (REFU refused, NOBT not yet obtained).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  ethnicity?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'SW1A 1AA', description: 'The child’s home postcode; kept in its normal form (capitals, one space before the last three characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  postcode?: string | null;
}
