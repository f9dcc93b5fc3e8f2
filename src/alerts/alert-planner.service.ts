import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { caseFactsOf, planAlerts, type DeadlineFacts, type IsoDate, type PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { Clock } from '../common/clock.js';
import { ALERTS_QUEUE } from '../queues/queue-names.js';
import { alertSettingsOf, type AlertSettings } from './alert-settings.js';
import { PROCESSES, type ProcessTables } from '../database/process-tables.js';
import { NotificationsService, type AlertedProcess } from './notifications.service.js';

/** A limit's target before the transition that re-plans the case or plan: its jobs may need removing. */
export interface PreviousDeadline {
  name: string;
  targetOn: IsoDate | null;
}

/**
 * Plans one process's alerts (a case's or a plan's) from what the database says now: raises the
 * alerts whose time has come and schedules the rest as delayed jobs with deterministic ids. A
 * job that fires simply plans the process again, so a deadline met, moved or excepted since then
 * raises nothing.
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
  planCase(caseId: string, previous: PreviousDeadline[] = []): Promise<number> {
    return this.planProcess(PROCESSES.case, caseId, previous);
  }

  /** Returns how many notifications this call raised. */
  planPlan(planId: string, previous: PreviousDeadline[] = []): Promise<number> {
    return this.planProcess(PROCESSES.plan, planId, previous);
  }

  /** Returns how many notifications this call raised. */
  planDispute(disputeId: string, previous: PreviousDeadline[] = []): Promise<number> {
    return this.planProcess(PROCESSES.dispute, disputeId, previous);
  }

  private async planProcess(process: ProcessTables, id: string, previous: PreviousDeadline[]): Promise<number> {
    // The plan is for the moment it started: what is read next is at least that fresh.
    const now = this.clock.now();
    const found = await this.processWithDeadlines(process, id);
    if (!found) return 0;
    const { alerted, deadlines, alertsFrom } = found;
    const settings = await alertSettingsOf(this.db.manager, alerted.localAuthorityId);
    const plan = planAlerts(deadlines, settings, now);
    let raised = 0;
    for (const alert of plan.now) {
      // An imported record's past was the previous system's: only what falls due after its import alerts (the digest lists what is overdue).
      if (alertsFrom !== null && alert.at < alertsFrom) continue;
      if (await this.notifications.raise(alerted, alert, settings)) raised++;
    }
    await this.removeStaleJobs(id, deadlines, previous, plan.later, settings, now);
    await this.schedule(process, id, plan.later, now);
    return raised;
  }

  /** One round trip for all of a process's future alerts; a job id already queued is not queued again. */
  private async schedule(process: ProcessTables, id: string, later: PlannedAlert[], now: Date): Promise<void> {
    if (later.length === 0) return;
    await this.alerts.addBulk(
      later.map((alert) => ({ name: process.alertJob, data: { [process.jobKey]: id }, opts: { jobId: alertJobId(id, alert), delay: alert.at.getTime() - now.getTime() } })),
    );
  }

  /**
   * Jobs planned for targets that moved, or for limits now met, closed or held (where the backend
   * allows). Every slot a target could have had is considered, breach slots included.
   */
  private async removeStaleJobs(id: string, current: DeadlineFacts[], previous: PreviousDeadline[], keep: PlannedAlert[], settings: AlertSettings, now: Date): Promise<void> {
    const anyLimit = (name: string, targetOn: IsoDate | null): DeadlineFacts => ({ name, targetOn, open: true, role: 'limit' });
    const candidates = [...previous.map((p) => anyLimit(p.name, p.targetOn ?? null)), ...current.filter((d) => d.role !== 'window').map((d) => anyLimit(d.name, d.targetOn))];
    const kept = new Set(keep.map((alert) => alertJobId(id, alert)));
    const stale = planAlerts(candidates, settings, now).later;
    for (const alert of stale) {
      const jobId = alertJobId(id, alert);
      if (!kept.has(jobId)) await this.alerts.remove(jobId).catch((error: Error) => this.logger.warn(`could not remove ${jobId}: ${error.message}`));
    }
  }

  /** The process and its deadlines read together, so they describe the same moment of it. */
  private async processWithDeadlines(process: ProcessTables, id: string): Promise<{ alerted: AlertedProcess; deadlines: DeadlineFacts[]; alertsFrom: Date | null } | undefined> {
    const [row] = await this.db.query(
      `SELECT p.id, p.local_authority_id, p.reference, ${process.kind === 'case' ? 'p.snapshot' : 'NULL AS snapshot'},
              ${process.kind === 'dispute' ? 'NULL::timestamptz' : 'p.alerts_from'} AS alerts_from,
              COALESCE((SELECT json_agg(json_build_object('name', d.name, 'role', d.role, 'open', d.open, 'targetOn', d.target_on))
                        FROM ${process.deadlineTable} d WHERE d.${process.idColumn} = p.id), '[]') AS deadlines
       FROM ${process.table} p WHERE p.id = $1`,
      [id],
    );
    if (!row) return undefined;
    // Only the assessment requests advice; a plan's review advice is the authority's to circulate, so it alerts managers.
    const advice = process.kind === 'case' ? caseFactsOf(row.snapshot).advice : [];
    const alerted = { kind: process.kind, id: row.id, localAuthorityId: row.local_authority_id, reference: row.reference, advice };
    return { alerted, deadlines: row.deadlines, alertsFrom: row.alerts_from };
  }
}

/** Case and plan ids are both gen_random_uuid(), so one scheme names either's jobs without clashing. */
export function alertJobId(processId: string, alert: PlannedAlert): string {
  return `alert.${processId}.${alert.deadline}.${alert.dueOn}.${alert.slot}`;
}
