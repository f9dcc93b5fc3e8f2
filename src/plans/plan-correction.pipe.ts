import { Injectable, type PipeTransform } from '@nestjs/common';
import type { PlanEvent } from '../../workflows/ehc-plan/index.js';
import { parseCorrectionBody } from '../cases/correction.pipe.js';
import { parseEventBody } from '../common/event-body.js';
import { PLAN_EVENT_DTOS } from './plan-event.dto.js';

export interface PlanCorrectionRequest {
  eventSeq: number;
  reason: string;
  replacement?: PlanEvent;
}

/** Validates a plan correction, and its replacement exactly as an event posted to the plan's /events. */
@Injectable()
export class PlanCorrectionPipe implements PipeTransform<unknown, PlanCorrectionRequest> {
  transform(body: unknown): PlanCorrectionRequest {
    return parseCorrectionBody(body, (replacement) => parseEventBody<PlanEvent>(replacement, PLAN_EVENT_DTOS, 'replacement'));
  }
}
