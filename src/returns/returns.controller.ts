import { Body, Controller, Get, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ErrorResponse } from '../cases/case-responses.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { Sen2SettingsDto, Sen2SettingsResponse, Sen2ValidationResponse, Sen2YearQuery } from './sen2-return.dto.js';
import { sendReturnHeaders } from './sen2-return-headers.js';
import { Sen2ReturnService, type Sen2Validation } from './sen2-return.service.js';
import { Sen2SettingsService, type Sen2Settings } from './sen2-settings.service.js';

/** The DfE's SEN2 person-level return (issue 15): produced, checked before submission, and its header items. */
@ApiTags('returns')
@Controller('returns/sen2')
export class ReturnsController {
  constructor(
    private readonly returns: Sen2ReturnService,
    private readonly settings: Sen2SettingsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The SEN2 return for a collection year as XML, from the records as they stood on its census date; X-SEN2-Errors says whether it is ready to submit.' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The return, streamed; headers X-SEN2-Serial-No, X-SEN2-Persons, X-SEN2-Errors, X-SEN2-Warnings.' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A year that cannot be returned (yet): the message names the years that can.' })
  @RequirePermission('returns:sen2')
  // Logged by the service, child by child, before any of the return is sent.
  @LogsChildData('sen2_return')
  async getReturn(@Acting() context: RequestContext, @Query() query: Sen2YearQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.returns.produce(context, loggedRoute(req), query.year, res, (produced) => sendReturnHeaders(res, produced));
    res.end();
  }

  @Get('validation')
  @ApiOperation({ summary: 'Every problem the return for a year has, child by child: the item, what is wrong and what to fix.' })
  @ApiOkResponse({ type: Sen2ValidationResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A year that cannot be returned (yet): the message names the years that can.' })
  @RequirePermission('returns:sen2')
  @LogsChildData('sen2_validation')
  getValidation(@Acting() context: RequestContext, @Query() query: Sen2YearQuery, @Req() req: Request): Promise<Sen2Validation> {
    return this.returns.validation(context, loggedRoute(req), query.year);
  }

  @Get('settings')
  @ApiOperation({ summary: 'The return’s header items the authority sets: its LA number and whether it has a Designated Medical, Clinical and Social Care Officer.' })
  @ApiOkResponse({ type: Sen2SettingsResponse })
  @RequirePermission('returns:sen2')
  getSettings(@ActingAuthority() authority: LocalAuthority): Promise<Sen2Settings> {
    return this.settings.read(authority);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Set the return’s header items (left out: kept; null: cleared); each change is in the account audit.' })
  @ApiOkResponse({ type: Sen2SettingsResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'A value the return could not carry; nothing is changed.' })
  @RequirePermission('returns:sen2')
  putSettings(@Acting() context: RequestContext, @Body() body: Sen2SettingsDto): Promise<Sen2Settings> {
    return this.settings.update(context, { ...body });
  }
}
