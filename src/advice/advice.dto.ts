import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const REQUEST_NAME = /^advice\.[a-z_]+(\.[1-9]\d{0,3})?$/;

/** `POST /api/cases/:id/advice-links` and `…/revoke`: which advice request. */
export class AdviceLinkRequestDto {
  @ApiProperty({ example: 'advice.health', description: 'The advice request, by its deadline’s name: `advice.<contributor>`, then `advice.<contributor>.2`, …' })
  @Matches(REQUEST_NAME, { message: 'request must name an advice request as its deadline is named, like advice.health or advice.health.2' })
  request: string;
}

class AdviceLinkDeliveryDto {
  @ApiProperty({ enum: ['email'] }) channel: 'email';
  @ApiProperty() target: string;
  @ApiProperty({ enum: ['pending', 'sent', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sentAt: string | null;
}

export class AdviceLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'advice.health' }) request: string;
  @ApiProperty({ example: 'paediatrics@trust.example' }) contactEmail: string;
  @ApiProperty({ enum: ['sent', 'used', 'expired', 'revoked'] }) state: string;
  @ApiProperty({ example: '2027-01-25', description: 'The last day the link works: ADVICE_LINK_DAYS_AFTER_DUE days after the advice deadline.' }) expiresOn: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) revokedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) usedAt: string | null;
  @ApiProperty({ type: [AdviceLinkDeliveryDto] }) deliveries: AdviceLinkDeliveryDto[];
}

export class AdviceDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'advice.health' }) request: string;
  @ApiProperty({ description: 'The ADVICE_RECEIVED line of the trail the upload recorded.' }) eventSeq: number;
  @ApiProperty({ example: 'health-advice.pdf' }) filename: string;
  @ApiProperty({ enum: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'text/plain; charset=utf-8'] }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex.' }) sha256: string;
  @ApiProperty({ example: '2026-12-07' }) receivedOn: string;
  @ApiProperty({ example: 'advice-link:paediatrics@trust.example' }) submittedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'A copy of earlier advice its contributor confirmed still stands (SEND Regs 2014 reg 6(4)): the original, or null once it is erased.' }) reusedFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-03-03', description: 'For a copy, the day the advice was first received; kept when the original is erased.' }) reusedReceivedOn: string | null;
}

class AdviceGivenByDto {
  @ApiProperty({ example: 'paediatrics@trust.example', description: 'The address the earlier advice’s link was sent to.' }) email: string;
  @ApiPropertyOptional({ example: 'Dr Priya Shah' }) name?: string;
  @ApiPropertyOptional({ example: 'Exampleshire NHS Trust' }) organisation?: string;
}

export class ReusableAdviceDto {
  @ApiProperty({ format: 'uuid', description: 'The earlier advice document.' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The case it was received for: this one or another case of the same child in this authority.' }) caseId: string;
  @ApiProperty() caseReference: string;
  @ApiProperty({ example: 'advice.health' }) request: string;
  @ApiProperty({ example: 'health-advice.pdf' }) filename: string;
  @ApiProperty({ enum: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'text/plain; charset=utf-8'] }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ example: '2026-03-03', description: 'The day the advice was first received: less than a year before today.' }) receivedOn: string;
  @ApiProperty({ type: AdviceGivenByDto }) givenBy: AdviceGivenByDto;
}
