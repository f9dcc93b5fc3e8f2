import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export const FAMILY_RELATIONSHIPS = ['parent', 'carer', 'young_person'] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

/** `POST /api/cases/:id/family-contacts`: who in the family may see the case, by the email they sign in with. */
export class AddFamilyContactDto {
  @ApiProperty({ example: 'parent@example.org', description: 'The email the person signs in with: a one-time code is sent there.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Grace Okafor' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: FAMILY_RELATIONSHIPS, description: 'A parent, a carer with parental responsibility, or the young person (from 16).' })
  @IsIn(FAMILY_RELATIONSHIPS)
  relationship: FamilyRelationship;
}

export class FamilyContactDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FAMILY_RELATIONSHIPS }) relationship: string;
  @ApiProperty() addedBy: string;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
  @ApiProperty({ type: String, nullable: true }) revokedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}
