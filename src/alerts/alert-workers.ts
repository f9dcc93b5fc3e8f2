import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { ALERTS_QUEUE, SWEEP_JOB } from '../queues/queue-names.js';

/** Where queues are consumed, the sweep runs once at start and then on a schedule. */
@Injectable()
export class SweepSchedule implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.queues.sweepEveryMinutes * 60_000;
    await this.alerts.upsertJobScheduler('alert-sweep', { every }, { name: SWEEP_JOB });
    await this.alerts.add(SWEEP_JOB, {});
  }
}
