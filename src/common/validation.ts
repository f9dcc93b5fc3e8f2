import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailedError } from './domain-error.js';

/** Unknown fields are refused, not silently dropped: a typo must not lose a caseworker's data. */
export const STRICT_VALIDATION = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...STRICT_VALIDATION,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(describeValidationErrors(errors)),
  });
}

/** One sentence per broken rule, naming the field by its full path (`child.dateOfBirth`). */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string {
  return errors
    .flatMap((error) => {
      const path = `${prefix}${error.property}`;
      const own = Object.values(error.constraints ?? {}).map((message) => message.replace(error.property, path));
      const nested = error.children?.length ? [describeValidationErrors(error.children, `${path}.`)] : [];
      return [...own, ...nested];
    })
    .join('; ');
}
