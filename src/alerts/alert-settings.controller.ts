import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../auth/permissions.js';
import { auditActorOf } from '../audit/account-audit.service.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';
import { AlertSettingsDto } from './alert-settings.dto.js';
import { AlertSettingsService } from './alert-settings.service.js';

/** The authority's alert offsets, time of day and recipients (domain document 5.2 defaults until set). */
@ApiTags('alerts')
@Controller('alert-settings')
export class AlertSettingsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: AlertSettingsService,
  ) {}

  @Get()
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'The alert settings of your authority.' })
  get(@ActingAuthority() authority: LocalAuthority): Promise<AlertSettings> {
    return alertSettingsOf(this.db.manager, authority.id);
  }

  @Put()
  @RequirePermission('alerts:settings')
  @ApiOperation({ summary: 'Replace the alert settings of your authority (audited); alerts already scheduled follow at the next planning.' })
  put(@Acting() context: RequestContext, @Body() body: AlertSettingsDto): Promise<AlertSettings> {
    return this.settings.replace(auditActorOf(context), { ...body, webhookUrl: body.webhookUrl ?? null });
  }
}
