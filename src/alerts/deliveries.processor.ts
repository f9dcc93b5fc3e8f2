import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DELIVERIES_QUEUE } from '../queues/queue-names.js';
import { CASE_NOTICE_STORE, PLAN_NOTICE_STORE, sentNoticeMessage } from '../notices/sent-notices.js';
import { adviceLinkMessage, withAdviceLink } from '../advice/advice-link-emails.js';
import { answeredMessageEmail } from '../family/family-update-emails.js';
import { AccountNotices } from '../users/account-notices.service.js';
import { DELIVERY_SUBJECTS, deliveryStatus, recordAttempt, type DeliveryJob } from './deliveries.js';
import { EmailChannel, WebhookChannel, type OutgoingMessage } from './delivery-channels.js';
import { ManagerDigests } from './digest/manager-digests.service.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Sends one delivery of a notification, a manager digest, an account notice, a statutory notice, an advice link or a family's update. Each channel retries on its own
 * with backoff, so a failing mail server never holds back a webhook (or the in-app record,
 * which exists already). Every failure is recorded on the delivery row for managers to see.
 */
@Processor(DELIVERIES_QUEUE, { concurrency: 8 })
export class DeliveriesProcessor extends WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveriesProcessor.name);
  private readonly email: EmailChannel;
  private readonly webhook: WebhookChannel;
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly digests: ManagerDigests,
    private readonly notices: AccountNotices,
  ) {
    super();
    this.email = new EmailChannel(config.queues);
    this.webhook = new WebhookChannel(config.queues.webhookSecret, config.queues.webhookAllowedHosts);
    this.publicUrl = config.advice.publicUrl;
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
    const delivery = job.data;
    const subject = DELIVERY_SUBJECTS[delivery.kind];
    const status = subject && (await deliveryStatus(this.db.manager, subject, delivery));
    if (!status) throw new UnrecoverableError(`no ${delivery.channel} delivery of ${delivery.kind} ${delivery.id} to ${delivery.target}`);
    if (status === 'sent') return;
    const message = await this.message(delivery);
    try {
      await (delivery.channel === 'email' ? this.email : this.webhook).send(delivery.target, message);
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await recordAttempt(this.db.manager, subject, delivery, final ? 'failed' : 'pending', (error as Error).message);
      throw error;
    }
    await recordAttempt(this.db.manager, subject, delivery, 'sent', null);
  }

  private async message(delivery: DeliveryJob): Promise<OutgoingMessage> {
    if (delivery.kind === 'digest') return this.digests.message(delivery.id);
    if (delivery.kind === 'account_notice') return this.notices.message(delivery.id);
    if (delivery.kind === 'case_notice') return sentNoticeMessage(this.db.manager, CASE_NOTICE_STORE, delivery.id);
    if (delivery.kind === 'plan_notice') return sentNoticeMessage(this.db.manager, PLAN_NOTICE_STORE, delivery.id);
    if (delivery.kind === 'advice_link') return adviceLinkMessage(this.db.manager, delivery.id, this.publicUrl);
    if (delivery.kind === 'family_update') return answeredMessageEmail(this.db.manager, delivery.id, this.publicUrl);
    return withAdviceLink(this.db.manager, await this.notifications.message(delivery.id), delivery, this.publicUrl);
  }
}
