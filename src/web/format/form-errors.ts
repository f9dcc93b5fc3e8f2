import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import type { DomainError } from '../../common/domain-error.js';

/** One problem with a form: `field` is the form field's name (a property path such as `child.givenName`). */
export interface FieldError {
  field: string;
  message: string;
}

/** What the GOV.UK error summary and each field's `errorMessage` take. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

/**
 * Turns the problems of a form into the error summary pattern: one line per field (the first
 * problem each), linking to the field's first input (`anchors`, for fields such as a date input
 * whose first box has its own id), and the message again beside the field.
 */
export function formErrors(errors: FieldError[], anchors: Record<string, string> = {}): FormErrors {
  const summary: FormErrors['summary'] = [];
  const fields: FormErrors['fields'] = {};
  for (const { field, message } of errors) {
    if (fields[field]) continue;
    fields[field] = { text: message };
    summary.push({ text: message, href: `#${anchors[field] ?? field}` });
  }
  return { summary, fields };
}

/**
 * A posted form as an instance of its class, and what is wrong with it. Fields the class does
 * not declare (the CSRF token, a button's name) are dropped, not refused: unlike the API, a
 * form's fields are the page's own.
 */
export function readForm<T extends object>(form: new () => T, body: unknown): { value: T; errors: FieldError[] } {
  const value = plainToInstance(form, typeof body === 'object' && body !== null ? body : {});
  return { value, errors: fieldErrorsOf(validateSync(value, { whitelist: true })) };
}

/** class-validator's errors, each on the field named by its property path, nested objects included. */
export function fieldErrorsOf(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = error.constraints ? [{ field, message: firstMessage(error.constraints) }] : [];
    return [...own, ...fieldErrorsOf(error.children ?? [], `${field}.`)];
  });
}

/** "Enter your email address" before "Enter an email address in the correct format": a missing answer first. */
function firstMessage(constraints: Record<string, string>): string {
  return constraints.isNotEmpty ?? constraints.isDefined ?? Object.values(constraints)[0];
}

/**
 * A refusal from a service, on the form field it concerns: services start their messages with
 * the field's name ("requestReceivedOn 2027-01-01 is in the future"), and `refusals` gives, for
 * each such name, the form's field and the message in the words of its label. Any other refusal
 * goes on `fallbackField` as the service worded it.
 */
export function fieldErrorOfRefusal(error: DomainError, refusals: Record<string, FieldError>, fallbackField: string): FieldError {
  const named = Object.keys(refusals)
    .sort((a, b) => b.length - a.length)
    .find((name) => error.message.startsWith(`${name} `));
  return named ? refusals[named] : { field: fallbackField, message: error.message };
}
