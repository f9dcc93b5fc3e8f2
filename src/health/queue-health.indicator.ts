import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE } from '../queues/queue-names.js';

const TIMEOUT_MS = 2_000;

/** The queue backend (Redis, or BullMQ's tables in PostgreSQL) answers a count within 2 s. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
  ) {}

  async isReachable(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await Promise.race([
        this.alerts.getJobCounts('waiting'),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref()),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
