import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'jo.bloggs@council.gov.uk' })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refreshToken from sign-in or from the last refresh; each can be used once.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken: string;

  @ApiProperty({ description: 'Single use: POST /api/auth/refresh returns a new pair.' })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType: string;

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn: number;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ description: 'At least 12 characters, as for a new account.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}
