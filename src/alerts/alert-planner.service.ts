import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { caseFactsOf, planAlerts, type DeadlineFacts, type IsoDate, type PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { Clock } from '../common/clock.js';
import { ALERTS_QUEUE, PLAN_CASE_JOB } from '../queues/queue-names.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';
import { NotificationsService, type AlertedCase } from './notifications.service.js';

/** A limit's target before the transition that re-plans the case: its jobs may need removing. */
export interface PreviousDeadline {
  name: string;
  targetOn: IsoDate | null;
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
    // The plan is for the moment it started: what is read next is at least that fresh.
    const now = this.clock.now();
    const found = await this.caseWithDeadlines(caseId);
    if (!found) return 0;
    const { alertedCase, deadlines } = found;
    const settings = await alertSettingsOf(this.db.manager, alertedCase.localAuthorityId);
    const plan = planAlerts(deadlines, settings, now);
    let raised = 0;
    for (const alert of plan.now) if (await this.notifications.raise(alertedCase, alert, settings)) raised++;
    await this.removeStaleJobs(caseId, deadlines, previous, plan.later, settings, now);
    await this.schedule(caseId, plan.later, now);
    return raised;
  }

  /** One round trip for all of a case's future alerts; a job id already queued is not queued again. */
  private async schedule(caseId: string, later: PlannedAlert[], now: Date): Promise<void> {
    if (later.length === 0) return;
    await this.alerts.addBulk(
      later.map((alert) => ({ name: PLAN_CASE_JOB, data: { caseId }, opts: { jobId: alertJobId(caseId, alert), delay: alert.at.getTime() - now.getTime() } })),
    );
  }

  /**
   * Jobs planned for targets that moved, or for limits now met, closed or held (where the backend
   * allows). Every slot a target could have had is considered, breach slots included.
   */
  private async removeStaleJobs(caseId: string, current: DeadlineFacts[], previous: PreviousDeadline[], keep: PlannedAlert[], settings: AlertSettings, now: Date): Promise<void> {
    const anyLimit = (name: string, targetOn: IsoDate | null): DeadlineFacts => ({ name, targetOn, open: true, role: 'limit' });
    const candidates = [...previous.map((p) => anyLimit(p.name, p.targetOn ?? null)), ...current.filter((d) => d.role !== 'window').map((d) => anyLimit(d.name, d.targetOn))];
    const kept = new Set(keep.map((alert) => alertJobId(caseId, alert)));
    const stale = planAlerts(candidates, settings, now).later;
    for (const alert of stale) {
      const jobId = alertJobId(caseId, alert);
      if (!kept.has(jobId)) await this.alerts.remove(jobId).catch((error: Error) => this.logger.warn(`could not remove ${jobId}: ${error.message}`));
    }
  }

  /** The case and its deadlines read together, so they describe the same moment of the case. */
  private async caseWithDeadlines(caseId: string): Promise<{ alertedCase: AlertedCase; deadlines: DeadlineFacts[] } | undefined> {
    const [row] = await this.db.query(
      `SELECT c.id, c.local_authority_id, c.reference, c.snapshot,
              COALESCE((SELECT json_agg(json_build_object('name', d.name, 'role', d.role, 'open', d.open, 'targetOn', d.target_on))
                        FROM case_deadline d WHERE d.case_id = c.id), '[]') AS deadlines
       FROM ehc_case c WHERE c.id = $1`,
      [caseId],
    );
    if (!row) return undefined;
    const alertedCase = { id: row.id, localAuthorityId: row.local_authority_id, reference: row.reference, advice: caseFactsOf(row.snapshot).advice };
    return { alertedCase, deadlines: row.deadlines };
  }
}

export function alertJobId(caseId: string, alert: PlannedAlert): string {
  return `alert.${caseId}.${alert.deadline}.${alert.dueOn}.${alert.slot}`;
}
