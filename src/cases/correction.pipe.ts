import { Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { describeValidationErrors, STRICT_VALIDATION } from '../common/validation.js';
import { parseCaseEvent } from './case-event.pipe.js';
import { CorrectionDto } from './correction.dto.js';

export interface CorrectionRequest {
  eventSeq: number;
  reason: string;
  replacement?: CaseEvent;
}

/** A correction body, its replacement parsed by `parseReplacement` exactly as an event posted to that process's /events. */
export function parseCorrectionBody<Event>(body: unknown, parseReplacement: (replacement: unknown) => Event): { eventSeq: number; reason: string; replacement?: Event } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError('The request body must be a JSON object with eventSeq and reason.');
  }
  const instance = plainToInstance(CorrectionDto, body);
  const errors = validateSync(instance, STRICT_VALIDATION);
  if (errors.length > 0) throw new ValidationFailedError(describeValidationErrors(errors));
  const { eventSeq, reason, replacement } = instance;
  if (reason.trim() === '') throw new ValidationFailedError('reason must say why the event was wrong; it is kept in the trail.');
  return { eventSeq, reason, ...(replacement !== undefined && { replacement: parseReplacement(replacement) }) };
}

@Injectable()
export class CorrectionPipe implements PipeTransform<unknown, CorrectionRequest> {
  transform(body: unknown): CorrectionRequest {
    return parseCorrectionBody(body, (replacement) => parseCaseEvent(replacement, 'replacement'));
  }
}
