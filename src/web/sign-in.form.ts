import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignInForm {
  @Transform(trimmed)
  @IsNotEmpty({ message: 'Enter your email address' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(320, { message: 'Email address must be 320 characters or fewer' })
  email: string;

  @IsString({ message: 'Enter your password' })
  @IsNotEmpty({ message: 'Enter your password' })
  @MaxLength(1000, { message: 'Password must be 1000 characters or fewer' })
  password: string;

  @IsOptional()
  @IsString()
  returnTo?: string;
}
