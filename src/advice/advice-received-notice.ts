import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import { alertMessage } from '../alerts/alert-messages.js';
import { addDeliveries, deliveriesTo, NOTIFICATION_DELIVERIES } from '../alerts/deliveries.js';
import type { QueueConfig } from '../config/queue-config.js';
import type { ReceivedAdvice } from './advice-documents.js';

/**
 * Reg 6(4): earlier advice need not be sought again only when the person who gave it, the
 * authority and the parent or young person all agree it is sufficient. The contributor has
 * agreed; the engine cannot know the other two, so it says what is still needed.
 */
const REUSE_AGREEMENT = ' The contributor confirmed that earlier advice still stands (SEND Regs 2014 reg 6(4)): it is sufficient only if the authority and the parent or young person agree too, so ask the family and record their answer.';

/**
 * Tells the caseworker that advice came through the portal: an `advice_received` notification in
 * the alerts inbox, emailed to the case's assignee (the managers when nobody has the case) and
 * sent to the authority's webhook, through the outbox in the upload's transaction.
 */
export async function tellCaseworkerIn(tx: EntityManager, received: ReceivedAdvice, about: { reference: string; dueOn: IsoDate | null; at: Date; reused?: boolean }, queues: QueueConfig): Promise<void> {
  const dueOn = about.dueOn ?? received.receivedOn;
  const alert = { kind: 'advice_received' as const, deadline: received.request, dueOn, slot: 'received', on: received.receivedOn, at: about.at };
  const [{ id }] = await tx.query(
    `INSERT INTO notification (local_authority_id, case_id, kind, deadline, due_on, dedupe_key, message) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [received.authorityId, received.caseId, alert.kind, alert.deadline, dueOn, `${received.caseId}.${received.request}.received.${received.eventSeq}`, alertMessage(about.reference, alert) + (about.reused ? REUSE_AGREEMENT : '')],
  );
  const [to] = await tx.query(
    `SELECT u.email AS assignee_email, c.assignee_id, s.manager_emails, s.webhook_url
     FROM ehc_case c LEFT JOIN user_account u ON u.id::text = c.assignee_id LEFT JOIN alert_settings s ON s.local_authority_id = c.local_authority_id
     WHERE c.id = $1`,
    [received.caseId],
  );
  const assignee: string | null = to.assignee_email ?? (to.assignee_id && isEmail(to.assignee_id) ? to.assignee_id : null);
  await addDeliveries(tx, NOTIFICATION_DELIVERIES, id, deliveriesTo(assignee ? [assignee] : (to.manager_emails ?? []), to.webhook_url ?? null, queues));
}
