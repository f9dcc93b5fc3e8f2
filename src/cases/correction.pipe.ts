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

/** Validates a correction, and its replacement exactly as an event posted to /events is validated. */
@Injectable()
export class CorrectionPipe implements PipeTransform<unknown, CorrectionRequest> {
  transform(body: unknown): CorrectionRequest {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationFailedError('The request body must be a JSON object with eventSeq and reason.');
    }
    const instance = plainToInstance(CorrectionDto, body);
    const errors = validateSync(instance, STRICT_VALIDATION);
    if (errors.length > 0) throw new ValidationFailedError(describeValidationErrors(errors));
    const { eventSeq, reason, replacement } = instance;
    if (reason.trim() === '') throw new ValidationFailedError('reason must say why the event was wrong; it is kept in the trail.');
    return { eventSeq, reason, ...(replacement !== undefined && { replacement: parseCaseEvent(replacement, 'replacement') }) };
  }
}
