import { ApiProperty } from '@nestjs/swagger';
import { DISPUTE_EVENT_TYPES, DISPUTE_OUTCOMES, DISPUTE_STATUSES, DISPUTED_DECISIONS } from '../../workflows/ehc-dispute/index.js';
import { SupersededByResponse } from '../cases/case-responses.js';

/*
 * Response shapes for the OpenAPI document only: the controller returns the plain view objects
 * of dispute-view.ts, and the disputes API test checks that the two agree.
 */

export class DisputeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DISP-2026-000001' }) reference: string;
  @ApiProperty({ enum: DISPUTE_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The assessment case whose decision is disputed.' }) caseId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The plan whose decision is disputed.' }) planId: string | null;
  @ApiProperty({ enum: DISPUTED_DECISIONS }) decision: string;
  @ApiProperty({ format: 'date', description: 'The day the decision was made, as the case or plan recorded it.' }) decidedOn: string;
  @ApiProperty({ format: 'date', description: 'The day written notice of the decision was sent.' }) noticeSentOn: string;
  @ApiProperty({ enum: DISPUTE_OUTCOMES, nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) outcomeOn: string | null;
  @ApiProperty({ example: 'ehc-dispute' }) machineId: string;
  @ApiProperty({ example: 1 }) machineVersion: number;
  @ApiProperty({ description: 'Send it back as If-Match to change the dispute only if nobody else has.' }) version: number;
  @ApiProperty({ nullable: true, type: String }) assignee: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DeadlineResponse' },
    description: 'Keyed by deadline name: appeal, responseToAppeal, mediation and order steps (orderNotice, orderFinalPlan, …).',
  })
  deadlines: Record<string, unknown>;
  @ApiProperty({ enum: DISPUTE_EVENT_TYPES, isArray: true }) allowedEvents: string[];
  @ApiProperty({ format: 'date', description: 'HESC r.20: the last day the family may appeal.' }) lastAppealDate: string;
  @ApiProperty({ format: 'date', description: 'The first day the dispute may be closed as not appealed (the authority’s buffer after the last appeal date).' })
  closableAsNotAppealedFrom: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DisputePageResponse {
  @ApiProperty({ type: [DisputeResponse] }) items: DisputeResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class DisputeEventResponse {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'APPEAL_REGISTERED' }) type: string;
  @ApiProperty({ format: 'date' }) occurredOn: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty() actor: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: Record<string, unknown>;
  @ApiProperty({ type: SupersededByResponse, nullable: true }) supersededBy: SupersededByResponse | null;
}

