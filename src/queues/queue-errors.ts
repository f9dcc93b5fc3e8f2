import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from './queue-names.js';

/**
 * A queue whose backend goes away emits 'error' on every failed reconnect; without a listener
 * BullMQ prints each to the console. They are logged as warnings instead: the outbox keeps the
 * jobs, and health reports the outage.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
    @InjectQueue(DELIVERIES_QUEUE) private readonly deliveries: Queue,
  ) {}

  onModuleInit(): void {
    for (const queue of [this.alerts, this.deliveries]) {
      queue.on('error', (error: Error) => this.logger.warn(`queue ${queue.name}: ${error.message}`));
    }
  }
}
