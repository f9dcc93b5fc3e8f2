import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { planAlerts, type DeadlineFacts, type IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { answerLimitName } from '../../workflows/family-messages/answer-target.js';
import { Clock } from '../common/clock.js';
import { ALERTS_QUEUE, PLAN_FAMILY_MESSAGE_JOB } from '../queues/queue-names.js';
import { alertJobId } from './alert-planner.service.js';
import { alertSettingsOf } from './alert-settings.js';
import { NotificationsService } from './notifications.service.js';

interface MessageRow {
  id: string;
  case_id: string;
  local_authority_id: string;
  reference: string;
  answer_due_on: IsoDate;
  answered: boolean;
}

/**
 * Plans the alerts of one message from the family, as AlertPlanner plans a case's limits: "due
 * today" on the answer's last day and "missed" the day after, raised once each (the notification's
 * dedupe key) and scheduled as delayed jobs that plan the message again, so an answer recorded in
 * the meantime raises nothing. No warnings before: the message's own notification, when it
 * arrived, was the first.
 */
@Injectable()
export class FamilyMessageAlerts {
  private readonly logger = new Logger(FamilyMessageAlerts.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(ALERTS_QUEUE) private readonly alerts: Queue,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many notifications this call raised. */
  async plan(messageId: string): Promise<number> {
    const now = this.clock.now();
    const [message]: MessageRow[] = await this.db.query(
      `SELECT m.id, m.case_id, m.local_authority_id, c.reference, to_char(m.answer_due_on, 'YYYY-MM-DD') AS answer_due_on, m.answered_on IS NOT NULL AS answered
       FROM family_message m JOIN ehc_case c ON c.id = m.case_id WHERE m.id = $1`,
      [messageId],
    );
    if (!message) return 0;
    const settings = await alertSettingsOf(this.db.manager, message.local_authority_id);
    const policy = { alertTime: settings.alertTime, warningWorkingDays: [] };
    const limit = (open: boolean): DeadlineFacts => ({ name: answerLimitName(message.id), role: 'limit', open, targetOn: message.answer_due_on });
    if (message.answered) {
      await this.removeJobs(message.id, planAlerts([limit(true)], policy, now).later.map((alert) => alertJobId(message.id, alert)));
      return 0;
    }
    const plan = planAlerts([limit(true)], policy, now);
    const alerted = { kind: 'case' as const, id: message.case_id, localAuthorityId: message.local_authority_id, reference: message.reference, advice: [] };
    let raised = 0;
    for (const alert of plan.now) if (await this.notifications.raise(alerted, alert, settings)) raised++;
    if (plan.later.length > 0) {
      await this.alerts.addBulk(plan.later.map((alert) => ({
        name: PLAN_FAMILY_MESSAGE_JOB,
        data: { messageId: message.id },
        opts: { jobId: alertJobId(message.id, alert), delay: alert.at.getTime() - now.getTime() },
      })));
    }
    return raised;
  }

  /** An answered message's jobs would raise nothing when they fire; removing them keeps the queue to what is still to come. */
  private async removeJobs(messageId: string, jobIds: string[]): Promise<void> {
    for (const jobId of jobIds) {
      await this.alerts.remove(jobId).catch((error: Error) => this.logger.warn(`could not remove ${jobId} of message ${messageId}: ${error.message}`));
    }
  }
}
