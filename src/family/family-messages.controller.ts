import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { caseIdParam, loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { sendDocument } from '../advice/advice.controller.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { Acting, type RequestContext } from '../common/request-context.js';
import { AnswerFamilyMessageDto, FamilyMessageDto } from './family-messages.dto.js';
import { FamilyMessagesService } from './family-messages.service.js';

/** Messages and documents the family sent on the family pages, and the SEN team's answers (issue 16 item 3). */
@ApiTags('family')
@Controller('cases/:id')
export class FamilyMessagesController {
  constructor(private readonly messages: FamilyMessagesService) {}

  @Get('family-messages')
  @ApiOperation({ summary: 'Every message the family sent on the case, newest first, with its answer target (the authority’s, 10 working days by default) and where it stands.' })
  @ApiOkResponse({ type: [FamilyMessageDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  // Logged by the service once the case is found.
  @LogsChildData('family_message_read')
  list(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request): Promise<FamilyMessageDto[]> {
    return this.messages.list(context, id, loggedRoute(req));
  }

  @Post('family-messages/:messageId/answer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record how the family was answered, once: this meets the message’s target and ends its alerts.',
    description: 'A `reply` is shown to the family on their pages, and they are emailed that an answer is there. The answer never changes the statutory record: record what follows from it as the case’s events.',
  })
  @ApiOkResponse({ type: FamilyMessageDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A method not listed, no answer, or a date in the future or before the message.' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'FAMILY_MESSAGE_ANSWERED: the message has its answer already.' })
  @RequirePermission('cases:write')
  // The answer carries the family's message back.
  @LogsChildData('family_message_read', caseIdParam())
  answer(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('messageId', ParseUUIDPipe) messageId: string,
    @Body() body: AnswerFamilyMessageDto,
  ): Promise<FamilyMessageDto> {
    return this.messages.answer(context, id, messageId, body);
  }

  @Get('family-documents/:documentId')
  @ApiOperation({ summary: 'A document the family sent with a message, as an attachment of its own type (checked by its content when it arrived).' })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', 'image/jpeg', 'image/png')
  @ApiOkResponse({ description: 'The file, with Content-Disposition: attachment and its name.' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case, or no such document on it.' })
  @RequirePermission('cases:read')
  // Logged by the service once the document is found, before it is sent.
  @LogsChildData('family_document_read')
  async document(
    @Acting() context: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.messages.document(context, id, documentId, loggedRoute(req)));
  }
}
