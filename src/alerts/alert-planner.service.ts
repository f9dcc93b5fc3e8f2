import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { planAlerts, type DeadlineFacts, type IsoDate, type PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { Clock } from '../common/clock.js';
import { ALERTS_QUEUE, PLAN_CASE_JOB } from '../queues/queue-names.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';
import { NotificationsService, type AlertedCase } from './notifications.service.js';

export interface PreviousDeadline {
  name: string;
  dueOn: IsoDate;
}

/**
 * Plans one case's alerts from what the database says now: raises the alerts whose time has
 * come and schedules the rest as delayed jobs with deterministic ids. A job that fires simply
 * plans the case again, so a deadline met, moved or excepted since then raises nothing.
 */
@Injectable()
export class AlertPlanner {
  private readonly logger = new Logger(AlertPlanner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many notifications this call raised. */
  async planCase(caseId: string, previous: PreviousDeadline[] = []): Promise<number> {
    const alertedCase = await this.caseOf(caseId);
    if (!alertedCase) return 0;
    const settings = await alertSettingsOf(this.db.manager, alertedCase.localAuthorityId);
    const deadlines = await this.deadlinesOf(caseId);
    const now = this.clock.now();
    const plan = planAlerts(deadlines, settings, now);
    let raised = 0;
    for (const alert of plan.now) if (await this.notifications.raise(alertedCase, alert, settings)) raised++;
    await this.removeStaleJobs(caseId, deadlines, previous, plan.later, settings, now);
    for (const alert of plan.later) await this.schedule(caseId, alert, now);
    return raised;
  }

  private async schedule(caseId: string, alert: PlannedAlert, now: Date): Promise<void> {
    await this.alerts.add(PLAN_CASE_JOB, { caseId }, { jobId: alertJobId(caseId, alert), delay: alert.at.getTime() - now.getTime() });
  }

  /** Jobs planned for due dates that moved, or for deadlines now met or excepted (where the backend allows). */
  private async removeStaleJobs(caseId: string, current: DeadlineFacts[], previous: PreviousDeadline[], keep: PlannedAlert[], settings: AlertSettings, now: Date): Promise<void> {
    const before = previous.map((p) => ({ name: p.name, dueOn: p.dueOn, open: true, excepted: false }));
    const kept = new Set(keep.map((alert) => alertJobId(caseId, alert)));
    const stale = planAlerts([...before, ...current.map((d) => ({ ...d, open: true, excepted: false }))], settings, now).later;
    for (const alert of stale) {
      const jobId = alertJobId(caseId, alert);
      if (!kept.has(jobId)) await this.alerts.remove(jobId).catch((error: Error) => this.logger.warn(`could not remove ${jobId}: ${error.message}`));
    }
  }

  private async caseOf(caseId: string): Promise<AlertedCase | undefined> {
    const [row] = await this.db.query(
      `SELECT id, local_authority_id, reference, snapshot->'context'->'advice' AS advice FROM ehc_case WHERE id = $1`,
      [caseId],
    );
    return row && { id: row.id, localAuthorityId: row.local_authority_id, reference: row.reference, advice: row.advice ?? {} };
  }

  private async deadlinesOf(caseId: string): Promise<DeadlineFacts[]> {
    const rows = await this.db.query(`SELECT name, due_on, open, excepted FROM case_deadline WHERE case_id = $1`, [caseId]);
    return rows.map((r: { name: string; due_on: string; open: boolean; excepted: boolean }) => ({ name: r.name, dueOn: r.due_on, open: r.open, excepted: r.excepted }));
  }
}

export function alertJobId(caseId: string, alert: PlannedAlert): string {
  return `alert.${caseId}.${alert.deadline}.${alert.dueOn}.${alert.slot}`;
}
