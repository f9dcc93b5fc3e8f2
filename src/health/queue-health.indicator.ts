import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE } from '../queues/queue-names.js';
import { probeQueue } from '../queues/queue-probe.js';

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
      await probeQueue(this.alerts, TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
