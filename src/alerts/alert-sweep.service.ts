import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { addDays, addWorkingDays, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { dueByOrOverdueSql } from '../limits/limit-sql.js';
import { Clock } from '../common/clock.js';
import { AlertPlanner } from './alert-planner.service.js';
import { PROCESSES, type ProcessTables } from '../database/process-tables.js';
import { DEFAULT_ALERT_SETTINGS } from './alert-settings.js';
import { FamilyMessageAlerts } from './family-message-alerts.service.js';
import { ManagerDigests } from './digest/manager-digests.service.js';

const BATCH = 500;

/**
 * The safety net under the queues: re-plans every case and plan with an open deadline near or
 * past its due date, which raises any alert that should exist and does not (a lost job, a wiped
 * Redis, a long outage) and re-schedules the jobs still to come; and raises today's managers'
 * digest if 07:00 has passed without one. The database is the truth.
 */
@Injectable()
export class AlertSweep {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly planner: AlertPlanner,
    private readonly familyMessages: FamilyMessageAlerts,
    private readonly digests: ManagerDigests,
    private readonly clock: Clock,
  ) {}

  /** Returns how many notifications and digests the sweep raised. */
  async sweep(): Promise<number> {
    const horizon = await this.horizon();
    let raised = await this.digests.raiseDue();
    raised += await this.sweepProcesses(PROCESSES.case, horizon, (id) => this.planner.planCase(id));
    raised += await this.sweepProcesses(PROCESSES.plan, horizon, (id) => this.planner.planPlan(id));
    raised += await this.sweepProcesses(PROCESSES.dispute, horizon, (id) => this.planner.planDispute(id));
    raised += await this.sweepFamilyMessages(horizon);
    return raised;
  }

  private async sweepProcesses(process: ProcessTables, horizon: IsoDate, plan: (id: string) => Promise<number>): Promise<number> {
    let raised = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: { id: string }[] = await this.db.query(
        `SELECT DISTINCT ${process.idColumn} AS id FROM ${process.deadlineTable} d WHERE ${dueByOrOverdueSql('d', '$1')} AND ${process.idColumn} > $2
         ORDER BY ${process.idColumn} LIMIT ${BATCH}`,
        [horizon, after],
      );
      for (const { id } of rows) raised += await plan(id);
      if (rows.length < BATCH) return raised;
      after = rows[rows.length - 1].id;
    }
  }

  /** Unanswered messages from families whose "due today" or "missed" alert may be owed. */
  private async sweepFamilyMessages(horizon: IsoDate): Promise<number> {
    let raised = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: { id: string }[] = await this.db.query(
        `SELECT id FROM family_message WHERE answered_on IS NULL AND answer_due_on <= $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`,
        [horizon, after],
      );
      for (const { id } of rows) raised += await this.familyMessages.plan(id);
      if (rows.length < BATCH) return raised;
      after = rows[rows.length - 1].id;
    }
  }

  /** The latest due date any authority's earliest warning could already have reached. */
  private async horizon(): Promise<IsoDate> {
    const [{ longest }] = await this.db.query(
      `SELECT COALESCE(max(days), $1) AS longest FROM alert_settings, unnest(warning_working_days) AS days`,
      [Math.max(...DEFAULT_ALERT_SETTINGS.warningWorkingDays)],
    );
    return addDays(addWorkingDays(this.clock.today(), longest), 1);
  }
}
