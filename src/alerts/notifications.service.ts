import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AdviceRequest, Contributor, PlannedAlert } from '../../workflows/ehc-needs-assessment/index.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { alertMessage } from './alert-messages.js';
import type { AlertSettings } from './alert-settings.js';
import { addDeliveries, deliveriesTo, NOTIFICATION_DELIVERIES, type Delivery } from './deliveries.js';
import type { OutgoingMessage } from './delivery-channels.js';

export interface AlertedCase {
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
  async raise(alertedCase: AlertedCase, alert: PlannedAlert, settings: AlertSettings): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notification (local_authority_id, case_id, kind, deadline, due_on, dedupe_key, message)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        [alertedCase.localAuthorityId, alertedCase.id, alert.kind, alert.deadline, alert.dueOn, dedupeKey(alertedCase.id, alert), alertMessage(alertedCase.reference, alert)],
      );
      if (inserted.length === 0) return false;
      await addDeliveries(tx, NOTIFICATION_DELIVERIES, inserted[0].id, this.deliveriesFor(alertedCase, alert, settings));
      return true;
    });
  }

  /** The notification as its email and webhook carry it. */
  async message(id: string): Promise<OutgoingMessage> {
    const [row] = await this.db.query(`SELECT id, kind, case_id, deadline, due_on, message, created_at FROM notification WHERE id = $1`, [id]);
    if (!row) throw new Error(`notification ${id} does not exist`);
    return {
      id: row.id,
      subject: row.message.slice(0, 120),
      text: `${row.message}\n\nDeadline: ${row.deadline}, due ${row.due_on}.`,
      body: { id: row.id, kind: row.kind, caseId: row.case_id, deadline: row.deadline, dueOn: row.due_on, message: row.message, createdAt: row.created_at.toISOString() },
    };
  }

  private deliveriesFor(alertedCase: AlertedCase, alert: PlannedAlert, settings: AlertSettings): Delivery[] {
    const emails = new Set<string>();
    const request = alertedCase.advice.find((a) => a.name === alert.deadline);
    const contributor: Contributor | undefined = request?.contributor;
    if (alert.kind === 'advice_reminder' && contributor) {
      const contact = request?.contact?.email;
      if (contact) emails.add(contact);
    } else {
      settings.managerEmails.forEach((email) => emails.add(email));
      if (alert.kind === 'advice_escalation' && contributor) (settings.escalationEmails[contributor] ?? []).forEach((email) => emails.add(email));
    }
    return deliveriesTo(emails, settings.webhookUrl, this.config.queues);
  }
}

/** One notification per case, deadline, due date and alert slot: a moved deadline alerts afresh. */
export function dedupeKey(caseId: string, alert: PlannedAlert): string {
  return `${caseId}.${alert.deadline}.${alert.dueOn}.${alert.slot}`;
}
