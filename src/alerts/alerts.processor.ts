import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { ALERTS_QUEUE, DIGEST_JOB, PLAN_CASE_JOB, PLAN_DISPUTE_JOB, PLAN_FAMILY_MESSAGE_JOB, PLAN_PLAN_JOB, PRUNE_JOB, SWEEP_JOB } from '../queues/queue-names.js';
import { FamilyMessageAlerts } from './family-message-alerts.service.js';
import { AlertPlanner, type PreviousDeadline } from './alert-planner.service.js';
import { AlertSweep } from './alert-sweep.service.js';
import { ManagerDigests } from './digest/manager-digests.service.js';
import { Pruning, type Pruned } from './pruning.service.js';

/** Consumes the alerts queue: re-planning a case, a plan, a dispute or a family's message (after a change, or when an alert falls due), the sweep, the daily digest and the nightly prune. */
@Processor(ALERTS_QUEUE, { concurrency: 4 })
export class AlertsProcessor extends WorkerHost {
  private readonly logger = new Logger(AlertsProcessor.name);

  constructor(
    private readonly planner: AlertPlanner,
    private readonly sweeper: AlertSweep,
    private readonly digests: ManagerDigests,
    private readonly pruning: Pruning,
    private readonly familyMessages: FamilyMessageAlerts,
  ) {
    super();
  }

  /** A lost connection or lock is logged; BullMQ reconnects and the job is retried or reclaimed. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`alerts worker: ${error.message}`);
  }

  async process(job: Job): Promise<{ raised: number } | Pruned> {
    if (job.name === SWEEP_JOB) {
      const raised = await this.sweeper.sweep();
      if (raised > 0) this.logger.log(`alert sweep raised ${raised} missing notification(s) or digest(s)`);
      return { raised };
    }
    if (job.name === PRUNE_JOB) return this.pruning.prune();
    if (job.name === DIGEST_JOB) return { raised: await this.digests.raiseDue() };
    if (job.name === PLAN_CASE_JOB) return { raised: await this.planner.planCase(processIdOf(job, 'caseId'), previousOf(job)) };
    if (job.name === PLAN_PLAN_JOB) return { raised: await this.planner.planPlan(processIdOf(job, 'planId'), previousOf(job)) };
    if (job.name === PLAN_DISPUTE_JOB) return { raised: await this.planner.planDispute(processIdOf(job, 'disputeId'), previousOf(job)) };
    if (job.name === PLAN_FAMILY_MESSAGE_JOB) return { raised: await this.familyMessages.plan(processIdOf(job, 'messageId')) };
    throw new UnrecoverableError(`unknown job ${job.name} on the alerts queue`);
  }
}

function processIdOf(job: Job, field: 'caseId' | 'planId' | 'disputeId' | 'messageId'): string {
  const id: unknown = job.data?.[field];
  if (typeof id !== 'string') throw new UnrecoverableError(`job ${job.id} has no ${field}`);
  return id;
}

function previousOf(job: Job): PreviousDeadline[] {
  return (job.data as { previous?: PreviousDeadline[] }).previous ?? [];
}
