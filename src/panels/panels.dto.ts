import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MEMBER_ROLES, PANEL_PURPOSES, type MemberRole, type PanelPurpose } from '../../workflows/panels/index.js';

export class QuorumRuleDto {
  @ApiPropertyOptional({ default: true, description: 'The chair must be present and free of conflicts.' })
  @IsOptional()
  @IsBoolean()
  chairRequired?: boolean;

  @ApiPropertyOptional({ default: 2, description: 'Members from schools (head teacher, SENCO, trust leader) needed per item.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  minSchoolMembers?: number;
}

export class CreatePanelDto {
  @ApiProperty({ example: 'EHC needs assessment panel' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PANEL_PURPOSES })
  @IsIn(PANEL_PURPOSES)
  purpose: PanelPurpose;

  @ApiPropertyOptional({ default: 14, description: 'Days between scheduled meetings (fortnightly by default).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(92)
  cadenceDays?: number;

  @ApiPropertyOptional({ type: QuorumRuleDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuorumRuleDto)
  quorum?: QuorumRuleDto;
}

export class AddPanelMemberDto {
  @ApiProperty({ example: 'Priya Shah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role: MemberRole;

  @ApiPropertyOptional({ example: 'Oak Primary School' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ type: [String], description: 'Schools the member is linked to; they step out of items about children there.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  schools?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The member’s user account, so they can see their panels’ agendas.' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}
