import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { Acting, type RequestContext } from '../common/request-context.js';
import { AddFamilyContactDto, FamilyContactDto } from './family-contacts.dto.js';
import { FamilyContactsService } from './family-contacts.service.js';

/** Who in the family may see a case on the family's pages (`/family`), signing in with a code emailed to them. */
@ApiTags('family')
@Controller('cases/:id/family-contacts')
export class FamilyContactsController {
  constructor(private readonly contacts: FamilyContactsService) {}

  @Post()
  @ApiOperation({ summary: 'Let a parent, carer or the young person see the case on the family pages: they sign in with a one-time code sent to this email.' })
  @ApiCreatedResponse({ type: FamilyContactDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'FAMILY_CONTACT_EXISTS: the email can already see the case.' })
  @RequirePermission('cases:write')
  add(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddFamilyContactDto): Promise<FamilyContactDto> {
    return this.contacts.add(context, id, body);
  }

  @Get()
  @ApiOperation({ summary: 'Everyone in the family who can see the case, or could until revoked, with who added and who revoked them.' })
  @ApiOkResponse({ type: [FamilyContactDto] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @RequirePermission('cases:read')
  list(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<FamilyContactDto[]> {
    return this.contacts.list(context, id);
  }

  @Post(':contactId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a family contact’s access at once: their next page shows the case as not found. The contact stays on record.' })
  @ApiOkResponse({ type: FamilyContactDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such active contact on the case.' })
  @RequirePermission('cases:write')
  revoke(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('contactId', ParseUUIDPipe) contactId: string): Promise<FamilyContactDto> {
    return this.contacts.revoke(context, id, contactId);
  }
}
