import { ApiProperty } from '@nestjs/swagger';
import { ALERT_KINDS, type AlertKind } from '../../workflows/ehc-needs-assessment/index.js';
import type { AlertDelivery, AlertInboxPage, InboxAlert } from './alert-inbox.service.js';

/** The documented shape of GET /api/alerts (alert-inbox.service.ts builds it). */
export class AlertDeliveryResponse implements AlertDelivery {
  @ApiProperty({ enum: ['email', 'webhook'] }) channel: 'email' | 'webhook';
  @ApiProperty({ description: 'The email address or the webhook URL.' }) target: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: 'pending' | 'sent' | 'failed';
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
}

export class AlertResponse implements InboxAlert {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The case the alert is about; null when it is about a plan or a dispute.' }) caseId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The maintained EHC plan the alert is about; null when it is about a case or a dispute.' }) planId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The dispute (mediation, appeal or order) the alert is about; null when it is about a case or a plan.' }) disputeId: string | null;
  @ApiProperty({ description: 'The case’s, the plan’s or the dispute’s reference.', example: 'PLAN-2026-000001' }) reference: string;
  @ApiProperty({ enum: ALERT_KINDS }) kind: AlertKind;
  @ApiProperty({ example: 'annualReview' }) deadline: string;
  @ApiProperty({ format: 'date', example: '2026-12-07' }) dueOn: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: [AlertDeliveryResponse] }) deliveries: AlertDeliveryResponse[];
}

export class AlertPageResponse implements AlertInboxPage {
  @ApiProperty({ type: [AlertResponse] }) items: AlertResponse[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
