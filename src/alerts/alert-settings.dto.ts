import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsInt, IsObject, IsOptional, IsUrl, Matches, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { CONTRIBUTORS } from '../../workflows/ehc-needs-assessment/index.js';

/** `{ health: ['dco@icb.example'], … }`: keys are contributors, values lists of email addresses. */
function IsEscalationEmails(options?: ValidationOptions): PropertyDecorator {
  const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  return ValidateBy(
    {
      name: 'isEscalationEmails',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          Object.entries(value).every(
            ([key, emails]) => (CONTRIBUTORS as readonly string[]).includes(key) && Array.isArray(emails) && emails.every((e) => typeof e === 'string' && emailPattern.test(e)),
          ),
        defaultMessage: () => `escalationEmails must map contributors (${CONTRIBUTORS.join(', ')}) to lists of email addresses`,
      },
    },
    options,
  );
}

export class AlertSettingsDto {
  @ApiProperty({ type: [Number], example: [10, 5], description: 'Working days before a due date to warn (at most 5 offsets, each 1–30).' })
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(30, { each: true })
  warningWorkingDays: number[];

  @ApiProperty({ example: '08:00', description: 'Local time (Europe/London) at which alerts fire.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'alertTime must be a time of day written HH:mm' })
  alertTime: string;

  @ApiProperty({ type: [String], example: ['sen.manager@council.example'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true })
  managerEmails: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, example: { health: ['dco@icb.example'] } })
  @IsObject()
  @IsEscalationEmails()
  escalationEmails: Record<string, string[]>;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'https://hooks.council.example/ehc',
    description: 'https to a public address, unless the host is in WEBHOOK_ALLOWED_HOSTS (which may also use http).',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  webhookUrl?: string | null;

  @ApiPropertyOptional({
    example: 10,
    description: 'Working days the SEN team has to answer a message from the family (1–60; default 10) before it alerts as missed. Fixed on each message when it arrives. Omitted: the current target is kept.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  familyAnswerWorkingDays?: number;
}
