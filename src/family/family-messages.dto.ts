import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DEADLINE_STATUSES } from '../../workflows/limits/index.js';
import { IsCalendarDate } from '../common/is-calendar-date.js';
import { FAMILY_RELATIONSHIPS } from './family-contacts.dto.js';
import { MAX_MESSAGE_CHARACTERS } from './family-documents.js';

export const ANSWER_METHODS = ['reply', 'phone', 'meeting', 'letter', 'email'] as const;
export type AnswerMethod = (typeof ANSWER_METHODS)[number];

/** `POST /api/cases/:id/family-messages/:messageId/answer`. */
export class AnswerFamilyMessageDto {
  @ApiProperty({
    enum: ANSWER_METHODS,
    description: '`reply`: the answer is shown to the family on their pages and they are emailed that it is there. Otherwise how the SEN team answered; the text is kept for the record.',
  })
  @IsIn(ANSWER_METHODS, { message: `method must be one of ${ANSWER_METHODS.join(', ')}` })
  method: AnswerMethod;

  @ApiProperty({ example: 'The health advice arrived on 9 December: we will send you the draft plan by 8 January.', maxLength: MAX_MESSAGE_CHARACTERS })
  @IsString()
  @MinLength(1, { message: 'answer must say what the family was told' })
  @MaxLength(MAX_MESSAGE_CHARACTERS)
  answer: string;

  @ApiPropertyOptional({ example: '2026-12-09', description: 'The day the family was answered; today when omitted. Not before the message arrived, not in the future.' })
  @IsOptional()
  @IsCalendarDate()
  answeredOn?: string;
}

export class FamilyMessageSender {
  @ApiProperty() name: string;
  @ApiProperty({ enum: FAMILY_RELATIONSHIPS }) relationship: string;
  @ApiProperty() email: string;
}

export class FamilyDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'Where to download it (logged as family_document_read).' }) href: string;
}

export class FamilyMessageAnswerDto {
  @ApiProperty({ format: 'date' }) answeredOn: string;
  @ApiProperty() answeredBy: string;
  @ApiProperty({ enum: ANSWER_METHODS }) method: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Working days from the message to the answer.' }) workingDays: number;
}

export class FamilyMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: FamilyMessageSender }) from: FamilyMessageSender;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ format: 'date', description: 'The last day of the authority’s target for answering, fixed when the message arrived.' }) answerDueOn: string;
  @ApiProperty({ enum: DEADLINE_STATUSES, description: 'As every limit: pending, met, met_late, or breached while unanswered after answerDueOn.' }) status: string;
  @ApiProperty({ type: FamilyMessageAnswerDto, nullable: true }) answer: FamilyMessageAnswerDto | null;
  @ApiProperty({ type: [FamilyDocumentDto] }) documents: FamilyDocumentDto[];
}
