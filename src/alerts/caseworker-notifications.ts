import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { QueueConfig } from '../config/queue-config.js';
import { addDeliveries, deliveriesTo, NOTIFICATION_DELIVERIES } from './deliveries.js';
import type { AlertKind } from '../../workflows/ehc-needs-assessment/index.js';

/** Something that arrived on a case for its caseworker to act on: advice through the portal, a message from the family. */
export interface CaseworkerNotification {
  authorityId: string;
  caseId: string;
  kind: Extract<AlertKind, 'advice_received' | 'family_message'>;
  deadline: string;
  dueOn: string;
  /** Unique per arrival, so a retried transaction raises it once. */
  dedupeKey: string;
  message: string;
}

/**
 * A notification in the alerts inbox, emailed to the case's assignee (the managers when nobody
 * has the case) and sent to the authority's webhook, through the outbox in the caller's transaction.
 */
export async function notifyCaseworkerIn(tx: EntityManager, notification: CaseworkerNotification, queues: QueueConfig): Promise<void> {
  const [{ id }] = await tx.query(
    `INSERT INTO notification (local_authority_id, case_id, kind, deadline, due_on, dedupe_key, message) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [notification.authorityId, notification.caseId, notification.kind, notification.deadline, notification.dueOn, notification.dedupeKey, notification.message],
  );
  const [to] = await tx.query(
    `SELECT u.email AS assignee_email, c.assignee_id, s.manager_emails, s.webhook_url
     FROM ehc_case c LEFT JOIN user_account u ON u.id::text = c.assignee_id LEFT JOIN alert_settings s ON s.local_authority_id = c.local_authority_id
     WHERE c.id = $1`,
    [notification.caseId],
  );
  const assignee: string | null = to.assignee_email ?? (to.assignee_id && isEmail(to.assignee_id) ? to.assignee_id : null);
  await addDeliveries(tx, NOTIFICATION_DELIVERIES, id, deliveriesTo(assignee ? [assignee] : (to.manager_emails ?? []), to.webhook_url ?? null, queues));
}
