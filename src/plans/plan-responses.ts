import { ApiProperty } from '@nestjs/swagger';
import { EDUCATION_PHASES, PLAN_EVENT_TYPES, PLAN_STATUSES } from '../../workflows/ehc-plan/index.js';
import { ChildResponse, OpenDisputeResponse, SupersededByResponse } from '../cases/case-responses.js';

/*
 * Response shapes for the OpenAPI document only: the controller returns the plain view objects
 * of plan-view.ts, and the plans API test checks that the two agree.
 */

const HISTORY = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class PlanResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PLAN-2026-000042' }) reference: string;
  @ApiProperty({ enum: PLAN_STATUSES }) status: string;
  @ApiProperty({ example: 'ehc-plan' }) machineId: string;
  @ApiProperty({ example: 1 }) machineVersion: number;
  @ApiProperty({ description: 'Send it back as If-Match to change the plan only if nobody else has.' }) version: number;
  @ApiProperty({ type: ChildResponse }) child: ChildResponse;
  @ApiProperty({ format: 'uuid', description: 'The child record (GET /api/children/:id): the SEN2 identity items, shared with the case whose final plan made the plan.' }) childId: string;
  @ApiProperty({ format: 'date', description: 'The day the plan was made (the final plan’s served date): CFA 2014 s.44(1) counts from it.' }) startedOn: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The assessment case whose final plan started it.' }) caseId: string | null;
  @ApiProperty({ type: () => [OpenDisputeResponse], description: 'Its open disputes (GET /api/disputes/:id).' }) disputes: OpenDisputeResponse[];
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({ nullable: true, type: String }) namedSetting: string | null;
  @ApiProperty({ enum: EDUCATION_PHASES }) phase: string;
  @ApiProperty({ enum: EDUCATION_PHASES, nullable: true }) nextPhase: string | null;
  @ApiProperty() yearGroupOffset: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastReviewMeetingOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) transferredInOn: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DeadlineResponse' },
    description:
      'Keyed by deadline name: annualReview, reviewInvitations, reviewAdvice, reviewReport, reviewDecision, amendmentRepresentations, amendedPlan, phaseTransfer, reassessmentDecision, reassessmentPlan, transferNotice, ceaseAppealWindow. The latest of each has the plain name; earlier ones are numbered (annualReview.1, …).',
  })
  deadlines: Record<string, unknown>;
  @ApiProperty({ enum: PLAN_EVENT_TYPES, isArray: true }) allowedEvents: string[];
  @ApiProperty({ ...HISTORY, description: 'Every review: meeting, invitations, advice, report, decision and its notices.' }) reviews: unknown[];
  @ApiProperty({ ...HISTORY, description: 'Every amendment: its notice, the amended plan or decision not to amend.' }) amendments: unknown[];
  @ApiProperty({ ...HISTORY }) reassessments: unknown[];
  @ApiProperty({ ...HISTORY, description: 'Phase transfers met: from, to, the transfer date and the reg 18 date.' }) phaseTransfers: unknown[];
  @ApiProperty({ ...HISTORY, description: 'Decisions to cease, with their SEN2 reason codes and notices.' }) ceases: unknown[];
  @ApiProperty({ ...HISTORY }) exceptions: unknown[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) ceasedOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PlanPageResponse {
  @ApiProperty({ type: [PlanResponse] }) items: PlanResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class PlanEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'REVIEW_MEETING_HELD' }) type: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() actor: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ type: SupersededByResponse, nullable: true, description: 'Set when a correction superseded the event: kept in the trail, no longer counted.' })
  supersededBy: SupersededByResponse | null;
}
