import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailedError } from './domain-error.js';
import { describeValidationErrors, STRICT_VALIDATION } from './validation.js';

/**
 * Validates an event body against the class for its `type`: each process has one endpoint for
 * all its event types, so the type decides which fields are allowed. `path` names the body when
 * it is nested (a correction's `replacement`).
 */
export function parseEventBody<Event>(body: unknown, dtos: Record<string, new () => object>, path = ''): Event {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError(`${path ? `${path} must be` : 'The request body must be'} a JSON object with a type and an occurredOn date.`);
  }
  const type = (body as { type?: unknown }).type;
  const dto = typeof type === 'string' && Object.hasOwn(dtos, type) ? dtos[type] : undefined;
  if (!dto) throw new ValidationFailedError(`${path ? `${path}.` : ''}type must be one of: ${Object.keys(dtos).join(', ')}`);
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) throw new ValidationFailedError(describeValidationErrors(errors, path ? `${path}.` : ''));
  return { ...instance } as Event;
}
