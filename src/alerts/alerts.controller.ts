import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from '../queues/queue-names.js';
import { ListAlertsQuery } from './list-alerts.query.js';

@ApiTags('alerts')
@Controller()
export class AlertsController {
  private readonly queues: Queue[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ALERTS_QUEUE) alerts: Queue,
    @InjectQueue(DELIVERIES_QUEUE) deliveries: Queue,
  ) {
    this.queues = [alerts, deliveries];
  }

  @Get('alerts')
  @RequirePermission('alerts:read')
  @ApiOperation({ summary: 'In-app notifications, newest first, with the state of each email and webhook delivery.' })
  async list(@ActingAuthority() authority: LocalAuthority, @Query() query: ListAlertsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const rows = await this.db.query(
      `SELECT n.id, n.case_id AS "caseId", c.reference, n.kind, n.deadline, n.due_on AS "dueOn", n.message, n.created_at AS "createdAt",
              COALESCE((SELECT json_agg(json_build_object('channel', d.channel, 'target', d.target, 'status', d.status,
                 'attempts', d.attempts, 'lastError', d.last_error, 'sentAt', d.sent_at) ORDER BY d.channel, d.target)
                 FROM notification_delivery d WHERE d.notification_id = n.id), '[]') AS deliveries,
              count(*) OVER () AS total
       FROM notification n JOIN ehc_case c ON c.id = n.case_id
       WHERE n.local_authority_id = $1 AND ($2::uuid IS NULL OR n.case_id = $2) AND ($3::text IS NULL OR n.kind = $3)
         AND ($4::text IS NULL OR n.deadline = $4)
       ORDER BY n.created_at DESC, n.id LIMIT $5 OFFSET $6`,
      [authority.id, query.caseId ?? null, query.kind ?? null, query.deadline ?? null, pageSize, (page - 1) * pageSize],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : 0;
    return { items: rows.map(({ total: _, ...alert }: Record<string, unknown>) => alert), page, pageSize, total };
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
