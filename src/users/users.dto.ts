import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../auth/permissions.js';

export class CreateUserDto {
  @ApiProperty({ example: 'jo.bloggs@council.gov.uk' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ description: 'At least 12 characters. Omit for an account that signs in only through single sign-on.' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password?: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in; its refresh tokens are revoked.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'true clears a lockout after repeated failed sign-ins.' })
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

export class UserResponse {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @ApiProperty() disabled: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil: string | null;
}

export class PasswordResetResponse {
  @ApiProperty({ description: 'Hand it to the account holder; it is stored only hashed and never shown again.' }) temporaryPassword: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
