import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';

/** The same rules as POST /api/auth/password and a new account's password. */
export class ChangePasswordForm {
  @IsString({ message: 'Enter your current password' })
  @IsNotEmpty({ message: 'Enter your current password' })
  @MaxLength(1024, { message: 'Current password must be 1024 characters or fewer' })
  currentPassword: string;

  @IsString({ message: 'Enter a new password' })
  @MinLength(12, { message: 'New password must be 12 characters or more' })
  @MaxLength(1024, { message: 'New password must be 1024 characters or fewer' })
  newPassword: string;
}
