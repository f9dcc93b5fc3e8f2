import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { ALERTS_QUEUE, DIGEST_JOB, PRUNE_JOB, SWEEP_JOB } from '../queues/queue-names.js';
import { DIGEST_TIME } from './digest/manager-digests.service.js';

export const SWEEP_SCHEDULER = 'alert-sweep';
export const DIGEST_SCHEDULER = 'manager-digest';
export const PRUNE_SCHEDULER = 'prune';
/** A quiet hour, away from the 07:00 digest and the 08:00 alerts. */
const PRUNE_PATTERN = '30 3 * * *';

/**
 * Where queues are consumed: the sweep once at start and then every few minutes, and the
 * managers' digest every day at 07:00 London time (through the clock changes), and the prune at 03:30.
 */
@Injectable()
export class AlertSchedules implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.queues.sweepEveryMinutes * 60_000;
    await this.alerts.upsertJobScheduler(SWEEP_SCHEDULER, { every }, { name: SWEEP_JOB });
    const [hour, minute] = DIGEST_TIME.split(':').map(Number);
    await this.alerts.upsertJobScheduler(DIGEST_SCHEDULER, { pattern: `${minute} ${hour} * * *`, tz: 'Europe/London' }, { name: DIGEST_JOB });
    await this.alerts.upsertJobScheduler(PRUNE_SCHEDULER, { pattern: PRUNE_PATTERN, tz: 'Europe/London' }, { name: PRUNE_JOB });
    await this.alerts.add(SWEEP_JOB, {});
  }
}
