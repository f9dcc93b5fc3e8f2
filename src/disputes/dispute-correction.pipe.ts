import { Injectable, type PipeTransform } from '@nestjs/common';
import type { DisputeEvent } from '../../workflows/ehc-dispute/index.js';
import { parseCorrectionBody } from '../cases/correction.pipe.js';
import { parseEventBody } from '../common/event-body.js';
import { DISPUTE_EVENT_DTOS } from './dispute-event.dto.js';
import type { DisputeCorrectionRequest } from './disputes.service.js';

/** Validates a dispute correction, and its replacement exactly as an event posted to the dispute's /events. */
@Injectable()
export class DisputeCorrectionPipe implements PipeTransform<unknown, DisputeCorrectionRequest> {
  transform(body: unknown): DisputeCorrectionRequest {
    return parseCorrectionBody(body, (replacement) => parseEventBody<DisputeEvent>(replacement, DISPUTE_EVENT_DTOS, 'replacement'));
  }
}
