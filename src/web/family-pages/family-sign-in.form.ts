import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, Matches, MaxLength } from 'class-validator';

export class FamilyEmailForm {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsNotEmpty({ message: 'Enter your email address' })
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.com' })
  @MaxLength(320, { message: 'Email address must be 320 characters or fewer' })
  email: string;
}

export class FamilyCodeForm {
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') : value))
  @IsNotEmpty({ message: 'Enter the code from the email' })
  @Matches(/^\d{6}$/, { message: 'The code is 6 numbers, like 123456' })
  code: string;
}
