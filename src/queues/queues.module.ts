import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { QueueConfig } from '../config/queue-config.js';
import { OutboxRelay } from './outbox.relay.js';
import { QueueBoardController } from './queue-board.controller.js';
import { queueConnection } from './queue-connection.js';
import { QueueErrorLogger } from './queue-errors.js';
import { QueueShutdown } from './queue-shutdown.js';
import { ALERTS_QUEUE, DEFAULT_JOB_OPTIONS, DELIVERIES_QUEUE } from './queue-names.js';

@Module({})
export class QueuesModule {
  static register(config: QueueConfig, databaseUrl: string): DynamicModule {
    const registered = BullModule.registerQueue({ name: ALERTS_QUEUE }, { name: DELIVERIES_QUEUE });
    return {
      module: QueuesModule,
      global: true,
      imports: [
        BullModule.forRoot({ connection: queueConnection(config, databaseUrl), prefix: config.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
        registered,
        DiscoveryModule,
      ],
      controllers: [QueueBoardController],
      // The relay runs where the queues are consumed; an API-only replica leaves it to them.
      providers: config.runWorkers ? [QueueErrorLogger, QueueShutdown, OutboxRelay] : [QueueErrorLogger, QueueShutdown],
      exports: config.runWorkers ? [registered, OutboxRelay] : [registered],
    };
  }
}
