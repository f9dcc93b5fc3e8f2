import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from '../queues/queue-names.js';
import { AlertInboxService, type AlertInboxPage } from './alert-inbox.service.js';
import { AlertPageResponse } from './alert-responses.js';
import { ListAlertsQuery } from './list-alerts.query.js';

@ApiTags('alerts')
@Controller()
export class AlertsController {
  private readonly queues: Queue[];

  constructor(
    private readonly inbox: AlertInboxService,
    @InjectQueue(ALERTS_QUEUE) alerts: Queue,
    @InjectQueue(DELIVERIES_QUEUE) deliveries: Queue,
  ) {
    this.queues = [alerts, deliveries];
  }

  @Get('alerts')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'In-app notifications about cases and plans, newest first, with the state of each email and webhook delivery.' })
  @ApiOkResponse({ type: AlertPageResponse })
  list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListAlertsQuery): Promise<AlertInboxPage> {
    return this.inbox.list(authority, query);
  }

  @Get('admin/queues')
  @RequirePermission('queues:admin')
  @ApiOperation({ summary: 'Queue health: jobs waiting, delayed, active and failed per queue, and the latest failures.' })
  async queueHealth() {
    return Promise.all(
      this.queues.map(async (queue) => ({
        queue: queue.name,
        counts: await queue.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed'),
        recentFailures: (await queue.getFailed(0, 9)).map((job) => ({ id: job.id, name: job.name, reason: job.failedReason, attempts: job.attemptsMade })),
      })),
    );
  }
}
