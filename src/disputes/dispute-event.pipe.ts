import { Injectable, type PipeTransform } from '@nestjs/common';
import type { DisputeEvent } from '../../workflows/ehc-dispute/index.js';
import { parseEventBody } from '../common/event-body.js';
import { DISPUTE_EVENT_DTOS } from './dispute-event.dto.js';

@Injectable()
export class DisputeEventPipe implements PipeTransform<unknown, DisputeEvent> {
  transform(body: unknown): DisputeEvent {
    return parseEventBody<DisputeEvent>(body, DISPUTE_EVENT_DTOS);
  }
}
