import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../workflows/ehc-needs-assessment/index.js';

/** A real calendar date written `YYYY-MM-DD`: 2026-02-30 is refused, and so is a timestamp. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real date written YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
