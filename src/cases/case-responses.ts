import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, DEADLINE_STATUSES, EVENT_TYPES, REQUEST_SOURCES } from '../../workflows/ehc-needs-assessment/index.js';

/*
 * Response shapes for the OpenAPI document only: the controllers return the plain view
 * objects of case-view.ts, and the e2e tests check that the two agree.
 */

export class DeadlineResponse {
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) metOn: string | null;
  @ApiProperty({ enum: DEADLINE_STATUSES }) status: string;
  @ApiProperty({ description: 'False for targets (advice from bodies outside s.31, the representations window).' }) statutory: boolean;
  @ApiProperty({ example: 'SEND Regs 2014 reg 5(1)' }) regulation: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'With an exception: due date + its length.' })
  revisedTarget: string | null;
}

export class ChildResponse {
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'EHC-2026-000042' }) reference: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: string;
  @ApiProperty({ example: 'ehc-needs-assessment' }) machineId: string;
  @ApiProperty({ example: 1 }) machineVersion: number;
  @ApiProperty({ description: 'Send it back as If-Match to change the case only if nobody else has.' }) version: number;
  @ApiProperty({ type: ChildResponse }) child: ChildResponse;
  @ApiProperty({ format: 'date' }) requestReceivedOn: string;
  @ApiProperty({ enum: REQUEST_SOURCES }) requestSource: string;
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DeadlineResponse' },
    description: 'Keyed by deadline name: decisionToAssess, issueDecision, finalPlan, advice.<contributor>, representations.',
  })
  deadlines: Record<string, DeadlineResponse>;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) allowedEvents: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Advice requests by contributor: requestedOn, receivedOn, contact.' })
  advice: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) exceptions: unknown[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CasePageResponse {
  @ApiProperty({ type: [CaseResponse] }) items: CaseResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class SupersededByResponse {
  @ApiProperty({ description: 'The seq of the EVENT_CORRECTED event that superseded this one.' }) seq: number;
  @ApiProperty() reason: string;
  @ApiProperty() actor: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class CaseEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'DECISION_TO_ASSESS' }) type: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() actor: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ type: SupersededByResponse, nullable: true, description: 'Set when a correction superseded the event: kept in the trail, no longer counted.' })
  supersededBy: SupersededByResponse | null;
}

export class ErrorResponse {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiProperty({ example: 'DRAFT_PLAN_ISSUED is not allowed while the case is awaiting_decision; allowed: DECISION_TO_ASSESS, EXCEPTION_RECORDED, WITHDRAWN, ASSIGNED' })
  message: string;
  @ApiPropertyOptional({ example: 'CASE_TRANSITION_NOT_ALLOWED' }) code?: string;
}
