import { Injectable, type PipeTransform } from '@nestjs/common';
import type { PlanEvent } from '../../workflows/ehc-plan/index.js';
import { parseEventBody } from '../common/event-body.js';
import { PLAN_EVENT_DTOS } from './plan-event.dto.js';

@Injectable()
export class PlanEventPipe implements PipeTransform<unknown, PlanEvent> {
  transform(body: unknown): PlanEvent {
    return parseEventBody<PlanEvent>(body, PLAN_EVENT_DTOS);
  }
}
