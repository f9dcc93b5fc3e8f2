import { Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EVENT_TYPES, type CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { describeValidationErrors, STRICT_VALIDATION } from '../common/validation.js';
import { EVENT_DTOS } from './case-event.dto.js';

/**
 * Validates an event body against the class for its `type`: the HTTP contract has one
 * endpoint for all event types, so the type decides which fields are allowed. `path` names
 * the body when it is nested (a correction's `replacement`).
 */
export function parseCaseEvent(body: unknown, path = ''): CaseEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError(`${path ? `${path} must be` : 'The request body must be'} a JSON object with a type and an occurredOn date.`);
  }
  const type = (body as { type?: unknown }).type;
  const dto = typeof type === 'string' && Object.hasOwn(EVENT_DTOS, type) ? EVENT_DTOS[type as keyof typeof EVENT_DTOS] : undefined;
  if (!dto) {
    throw new ValidationFailedError(`${path ? `${path}.` : ''}type must be one of: ${EVENT_TYPES.join(', ')}`);
  }
  const instance = plainToInstance(dto, body);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) throw new ValidationFailedError(describeValidationErrors(errors, path ? `${path}.` : ''));
  return { ...instance } as unknown as CaseEvent;
}

@Injectable()
export class CaseEventPipe implements PipeTransform<unknown, CaseEvent> {
  transform(body: unknown): CaseEvent {
    return parseCaseEvent(body);
  }
}
