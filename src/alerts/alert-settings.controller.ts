import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../auth/permissions.js';
import { auditActorOf } from '../audit/account-audit.service.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';
import { AlertSettingsDto } from './alert-settings.dto.js';
import { AlertSettingsService } from './alert-settings.service.js';
import { checkWebhookUrl } from './webhook-destination.js';

/** The authority's alert offsets, time of day and recipients (domain document 5.2 defaults until set). */
@ApiTags('alerts')
@Controller('alert-settings')
export class AlertSettingsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
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
  @ApiOperation({
    summary: 'Replace the alert settings of your authority (audited); alerts already scheduled follow at the next planning.',
    description: 'webhookUrl must use https and resolve to a public address, unless its host is in WEBHOOK_ALLOWED_HOSTS (which may also use http); otherwise 400.',
  })
  async put(@Acting() context: RequestContext, @Body() body: AlertSettingsDto): Promise<AlertSettings> {
    if (body.webhookUrl) await checkWebhookUrl(body.webhookUrl, this.config.queues.webhookAllowedHosts);
    return this.settings.replace(auditActorOf(context), { ...body, webhookUrl: body.webhookUrl ?? null });
  }
}
