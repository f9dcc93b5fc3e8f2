import { DISPUTE_STATUSES, DISPUTED_DECISIONS } from '../../workflows/ehc-dispute/index.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUSES, CONTRIBUTORS, DEADLINE_STATUSES, EVENT_TYPES, EXCEPTION_KINDS, LIMIT_ROLES, REQUEST_SOURCES, SERVICE_METHODS } from '../../workflows/ehc-needs-assessment/index.js';

/*
 * Response shapes for the OpenAPI document only: the controllers return the plain view
 * objects of case-view.ts, and the e2e tests check that the two agree.
 */

export class DeadlineResponse {
  @ApiProperty({ format: 'date' }) dueOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: "The day the step took effect: a notice's served date (the latest recipient's for a plan)." })
  metOn: string | null;
  @ApiProperty({ enum: DEADLINE_STATUSES }) status: string;
  @ApiProperty({ description: 'False for targets (advice from bodies outside s.31, the representations window).' }) statutory: boolean;
  @ApiProperty({ example: 'SEND Regs 2014 reg 5(1)' }) regulation: string;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'With an approved exception that has ended: the due date plus the days the exceptions covered (overlaps counted once), or the authority’s own date. Null while an exception is still running.',
  })
  revisedTarget: string | null;
  @ApiProperty({ enum: LIMIT_ROLES, description: 'limit: warnings and a breach; latest_date: warned about, never a breach (reg 10(1)); window: the family’s minimum period, never alerted.' })
  role: string;
  @ApiProperty({ description: 'Still awaiting its step. False once met, not applicable, or closed off because the case closed.' }) open: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The day the case closed without this step.' }) closedOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The date alerts and the overdue lists use; null while an exception is running.' })
  targetOn: string | null;
  @ApiProperty({ description: 'metOn is the step’s own date because no notice to the family was recorded.' }) noticeAssumed: boolean;
}

export class AdviceRequestResponse {
  @ApiProperty({ example: 'advice.health.2', description: 'Its deadline name.' }) name: string;
  @ApiProperty({ enum: CONTRIBUTORS }) contributor: string;
  @ApiPropertyOptional({ example: 'Speech and language therapy' }) body?: string;
  @ApiProperty({ format: 'date' }) requestedOn: string;
  @ApiProperty({ format: 'date', description: 'The day the body received the request (post: the second working day), when reg 8(1)’s 6 weeks start.' }) deliveredOn: string;
  @ApiPropertyOptional({ format: 'date' }) receivedOn?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) contact?: Record<string, string>;
}

export class ExceptionResponse {
  @ApiProperty({ description: 'The seq of its EXCEPTION_RECORDED event: EXCEPTION_APPROVED and EXCEPTION_ENDED name it.' }) seq: number;
  @ApiProperty({ enum: EXCEPTION_KINDS }) exception: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiPropertyOptional({ format: 'date', description: 'Absent while it is still running.' }) to?: string;
  @ApiPropertyOptional({ format: 'date', description: 'The day its EXCEPTION_ENDED was recorded.' }) endedOn?: string;
  @ApiProperty({ type: [String], description: 'The deadlines it is claimed against.' }) limits: string[];
  @ApiProperty({ format: 'date' }) recordedOn: string;
  @ApiPropertyOptional({ description: 'Absent while it is only proposed: a proposal relaxes nothing.' }) approvedBy?: string;
  @ApiPropertyOptional({ format: 'date' }) approvedOn?: string;
  @ApiPropertyOptional({ format: 'date' }) revisedTarget?: string;
  @ApiPropertyOptional({ format: 'date' }) familyToldOn?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() evidence?: string;
  @ApiPropertyOptional() impracticalBecause?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', properties: { limit: { type: 'string' }, reason: { type: 'string' } } }, description: 'Limits it no longer relaxes, and why.' })
  lapsed?: { limit: string; reason: string }[];
}

export class NoticeResponse {
  @ApiProperty({ example: 'family' }) recipient: string;
  @ApiProperty({ format: 'date' }) sentOn: string;
  @ApiProperty({ enum: SERVICE_METHODS }) method: string;
  @ApiProperty({ format: 'date', description: 'Post: the second working day after posting; otherwise the day sent.' }) servedOn: string;
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
  @ApiProperty({ format: 'uuid', description: 'The child record (GET /api/children/:id): the SEN2 identity items, shared with the child’s other cases and plans.' }) childId: string;
  @ApiProperty({ format: 'date' }) requestReceivedOn: string;
  @ApiProperty({ enum: REQUEST_SOURCES }) requestSource: string;
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The maintained plan the final plan made (GET /api/plans/:id), once issued.' }) planId: string | null;
  @ApiProperty({ type: () => [OpenDisputeResponse], description: 'Its open disputes (GET /api/disputes/:id).' }) disputes: OpenDisputeResponse[];
  @ApiProperty({
    type: () => CaseOrderResponse,
    nullable: true,
    description: 'The order (of the Tribunal, a concession or a mediation agreement) that reopened the case after its refusal; its limits are the dispute’s deadlines.',
  })
  order: CaseOrderResponse | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DeadlineResponse' },
    description: 'Keyed by deadline name: decisionToAssess, issueDecision, finalPlan, advice.<contributor> (then advice.<contributor>.2, …), representations.',
  })
  deadlines: Record<string, DeadlineResponse>;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) allowedEvents: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The latest advice request to each contributor: requestedOn, receivedOn, contact.' })
  advice: Record<string, unknown>;
  @ApiProperty({ type: [AdviceRequestResponse], description: 'Every advice request, in the order made.' }) adviceRequests: AdviceRequestResponse[];
  @ApiProperty({ type: [ExceptionResponse] }) exceptions: ExceptionResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/NoticeResponse' } },
    description: 'Keyed by notice (decision_to_assess, decision_to_issue, draft_plan, final_plan): one entry per recipient.',
  })
  notices: Record<string, NoticeResponse[]>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CaseOrderResponse {
  @ApiProperty({ format: 'date', description: 'The order’s date.' }) on: string;
  @ApiProperty({ enum: ['assess', 'issue_plan'] }) action: string;
  @ApiProperty({ format: 'uuid' }) disputeId: string;
  @ApiProperty() disputeReference: string;
  @ApiPropertyOptional({ type: () => NoticeResponse, description: 'Under an order to assess: the notice telling the family the authority will assess.' }) assessmentNotice?: NoticeResponse;
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
  @ApiProperty({
    example: 'DECISION_TO_ASSESS',
    description: "An event type posted to /events, or one the engine records: REQUEST_RECEIVED, EVENT_CORRECTED, MACHINE_MIGRATED, DISPUTE_ORDERED (an order reopening the case, with action, disputeId and disputeReference in the payload), and DRAFT_NOT_HELD (a case imported from an SEN2 return, which holds no draft plan).",
  })
  type: string;
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

/** A case's or plan's open dispute, as its view lists it (issue 14). */
export class OpenDisputeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DISP-2026-000001' }) reference: string;
  @ApiProperty({ enum: DISPUTED_DECISIONS }) decision: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) nextDueOn: string | null;
}
