import { Injectable, type PipeTransform } from '@nestjs/common';
import type { CaseEvent } from '../../workflows/ehc-needs-assessment/index.js';
import { parseEventBody } from '../common/event-body.js';
import { EVENT_DTOS } from './case-event.dto.js';

/** A case event body, validated against the class for its `type`. */
export function parseCaseEvent(body: unknown, path = ''): CaseEvent {
  return parseEventBody<CaseEvent>(body, EVENT_DTOS, path);
}

@Injectable()
export class CaseEventPipe implements PipeTransform<unknown, CaseEvent> {
  transform(body: unknown): CaseEvent {
    return parseCaseEvent(body);
  }
}
