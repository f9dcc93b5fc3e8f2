import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdviceRequest, Contributor, PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { PROCESSES, type ProcessKind } from '../database/process-tables.js';
import { alertMessage } from './alert-messages.js';
import type { AlertSettings } from './alert-settings.js';
import { addDeliveries, deliveriesTo, NOTIFICATION_DELIVERIES, type Delivery } from './deliveries.js';
import type { OutgoingMessage } from './delivery-channels.js';

/** The case or plan an alert is about; only a case has advice requests, whose reminders go to the contributor. */
export interface AlertedProcess {
  kind: ProcessKind;
  id: string;
  localAuthorityId: string;
  reference: string;
  advice: AdviceRequest[];
}

/**
 * Turns a planned alert into a notification, once: the dedupe key is unique, so a retried
 * job, a restarted worker or a second worker raising the same alert inserts nothing. The
 * in-app notification, its deliveries and their jobs (through the outbox) commit together.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  /** Returns true when this call raised the notification, false when it already existed. */
  async raise(alerted: AlertedProcess, alert: PlannedAlert, settings: AlertSettings): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notification (local_authority_id, ${PROCESSES[alerted.kind].idColumn}, kind, deadline, due_on, dedupe_key, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [alerted.localAuthorityId, alerted.id, alert.kind, alert.deadline, alert.dueOn, dedupeKey(alerted.id, alert), alertMessage(alerted.reference, alert)],
      );
      if (inserted.length === 0) return false;
      await addDeliveries(tx, NOTIFICATION_DELIVERIES, inserted[0].id, this.deliveriesFor(alerted, alert, settings));
      return true;
    });
  }

  /** The notification as its email and webhook carry it. */
  async message(id: string): Promise<OutgoingMessage> {
    const [row] = await this.db.query(`SELECT id, kind, case_id, plan_id, dispute_id, deadline, due_on, message, created_at FROM notification WHERE id = $1`, [id]);
    if (!row) throw new Error(`notification ${id} does not exist`);
    // A receiver keeps reading `caseId` as before; a plan's alert names its plan, a dispute's its dispute.
    const process = row.case_id ? { caseId: row.case_id } : row.plan_id ? { planId: row.plan_id } : { disputeId: row.dispute_id };
    return {
      id: row.id,
      subject: row.message.slice(0, 120),
      text: `${row.message}\n\nDeadline: ${row.deadline}, due ${row.due_on}.`,
      body: { id: row.id, kind: row.kind, ...process, deadline: row.deadline, dueOn: row.due_on, message: row.message, createdAt: row.created_at.toISOString() },
    };
  }

  private deliveriesFor(alerted: AlertedProcess, alert: PlannedAlert, settings: AlertSettings): Delivery[] {
    const emails = new Set<string>();
    const request = alerted.advice.find((a) => a.name === alert.deadline);
    const contributor: Contributor | undefined = request?.contributor;
    const contact = request?.contact?.email;
    if (alert.kind === 'advice_reminder' && contributor) {
      if (contact) emails.add(contact);
    } else {
      // The contact hears their advice is late too, and their copy carries the advice link (advice-link-emails.ts).
      if (alert.kind === 'advice_escalation' && contact) emails.add(contact);
      settings.managerEmails.forEach((email) => emails.add(email));
      if (alert.kind === 'advice_escalation' && contributor) (settings.escalationEmails[contributor] ?? []).forEach((email) => emails.add(email));
    }
    return deliveriesTo(emails, settings.webhookUrl, this.config.queues);
  }
}

/**
 * One notification per case or plan, deadline, due date and alert slot: a moved deadline alerts
 * afresh. Case and plan ids are both gen_random_uuid(), so the id alone tells them apart.
 */
export function dedupeKey(processId: string, alert: PlannedAlert): string {
  return `${processId}.${alert.deadline}.${alert.dueOn}.${alert.slot}`;
}
