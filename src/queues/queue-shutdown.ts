import { InjectQueue, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from './queue-names.js';
import { probeQueue } from './queue-probe.js';

const PROBE_MS = 2_000;
const JOB_FINISH_MS = 10_000;

/**
 * BullMQ's graceful close waits for Redis to answer (ioredis holds QUIT in its offline queue),
 * so a process told to stop during a Redis outage would never exit. Just before Nest closes the
 * queues and workers, probe the backend; if it does not answer, close them forcibly instead.
 * Nothing is lost: the outbox and the sweep derive every job again from the database.
 */
@Injectable()
export class QueueShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues: Queue[];

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectQueue(ALERTS_QUEUE) alerts: Queue,
    @InjectQueue(DELIVERIES_QUEUE) deliveries: Queue,
  ) {
    this.queues = [alerts, deliveries];
  }

  async beforeApplicationShutdown(): Promise<void> {
    try {
      await probeQueue(this.queues[0], PROBE_MS);
    } catch (error) {
      this.logger.warn(`Queue backend unreachable while stopping (${(error as Error).message}); closing queues without waiting for it`);
      await this.closeForcibly();
      return;
    }
    await this.finishJobsInHand();
  }

  /**
   * Nest closes the queues and the workers together, so a job in hand that adds to a queue (a
   * re-planning adds its alerts) would wait on a closed queue, and its worker's close on it, for
   * ever. The workers stop taking jobs and finish those in hand first, while the queues are open;
   * a job that takes longer than JOB_FINISH_MS is left to be retried, as after a crash.
   */
  private async finishJobsInHand(): Promise<void> {
    const graceful = Promise.all(this.workers().map((worker) => worker.close()));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), JOB_FINISH_MS).unref();
    });
    const outcome = await Promise.race([graceful, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn(`Jobs still in hand after ${JOB_FINISH_MS} ms while stopping; they will be retried`);
      await this.closeForcibly();
    }
  }

  private async closeForcibly(): Promise<void> {
    await Promise.all([...this.workers().map((worker) => worker.close(true)), ...this.queues.map((queue) => queue.backend.close(true))]);
  }

  private workers(): Worker[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .flatMap((host) => {
        try {
          return [host.worker];
        } catch {
          return []; // an API-only process registers processors without workers
        }
      });
  }
}
