import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DELIVERIES_QUEUE } from '../queues/queue-names.js';
import { EmailChannel, WebhookChannel, type OutgoingNotification } from './delivery-channels.js';

interface DeliveryJob {
  notificationId: string;
  channel: 'email' | 'webhook';
  target: string;
}

/**
 * Sends one delivery of a notification. Each channel retries on its own with backoff, so a
 * failing mail server never holds back a webhook (or the in-app notification, which exists
 * already). Every failure is recorded on the delivery row for managers to see.
 */
@Processor(DELIVERIES_QUEUE, { concurrency: 8 })
export class DeliveriesProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveriesProcessor.name);
  private readonly email: EmailChannel;
  private readonly webhook: WebhookChannel;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) config: AppConfig,
  ) {
    super();
    this.email = new EmailChannel(config.queues);
    this.webhook = new WebhookChannel(config.queues.webhookSecret);
  }

  onApplicationShutdown(): void {
    this.email.close();
  }

  /** A lost connection or lock is logged; BullMQ reconnects and the job is retried or reclaimed. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`deliveries worker: ${error.message}`);
  }

  async process(job: Job<DeliveryJob>): Promise<void> {
    const { notificationId, channel, target } = job.data;
    const notification = await this.notification(notificationId, channel, target);
    if (!notification) throw new UnrecoverableError(`no ${channel} delivery of notification ${notificationId} to ${target}`);
    if (notification.sent) return;
    try {
      await (channel === 'email' ? this.email : this.webhook).send(target, notification.payload);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.record(notificationId, channel, target, final ? 'failed' : 'pending', (error as Error).message);
      throw error;
    }
    await this.record(notificationId, channel, target, 'sent', null);
  }

  private async notification(id: string, channel: string, target: string): Promise<{ sent: boolean; payload: OutgoingNotification } | undefined> {
    const [row] = await this.db.query(
      `SELECT n.id, n.kind, n.case_id, n.deadline, n.due_on, n.message, n.created_at, d.status
       FROM notification n JOIN notification_delivery d ON d.notification_id = n.id
       WHERE n.id = $1 AND d.channel = $2 AND d.target = $3`,
      [id, channel, target],
    );
    if (!row) return undefined;
    const payload = { id: row.id, kind: row.kind, caseId: row.case_id, deadline: row.deadline, dueOn: row.due_on, message: row.message, createdAt: row.created_at.toISOString() };
    return { sent: row.status === 'sent', payload };
  }

  private async record(id: string, channel: string, target: string, status: string, error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE notification_delivery SET status = $4, attempts = attempts + 1, last_error = $5, sent_at = CASE WHEN $4 = 'sent' THEN now() END
       WHERE notification_id = $1 AND channel = $2 AND target = $3`,
      [id, channel, target, status, error],
    );
  }
}
