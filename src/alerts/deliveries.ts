import type { EntityManager } from 'typeorm';
import type { QueueConfig } from '../config/queue-config.js';
import { addToOutbox, type OutboxJob } from '../queues/outbox.js';
import { DELIVER_JOB, DELIVERIES_QUEUE } from '../queues/queue-names.js';

export type Channel = 'email' | 'webhook';

export interface Delivery {
  channel: Channel;
  target: string;
}

/** What is delivered: a notification, a manager digest, an account notice or a statutory notice. Each keeps its deliveries in a table of its own. */
export interface DeliverySubject {
  table: 'notification_delivery' | 'manager_digest_delivery' | 'account_notice_delivery' | 'case_notice_delivery' | 'plan_notice_delivery' | 'advice_link_delivery'
    | 'family_update_delivery';
  key: 'notification_id' | 'digest_id' | 'notice_id' | 'link_id' | 'message_id';
  /** Job ids `<jobPrefix>.<id>.<n>`: deterministic, so a relayed job is never queued twice. */
  jobPrefix: string;
  kind: 'notification' | 'digest' | 'account_notice' | 'case_notice' | 'plan_notice' | 'advice_link' | 'family_update';
}

export const NOTIFICATION_DELIVERIES: DeliverySubject = { table: 'notification_delivery', key: 'notification_id', jobPrefix: 'deliver', kind: 'notification' };
export const DIGEST_DELIVERIES: DeliverySubject = { table: 'manager_digest_delivery', key: 'digest_id', jobPrefix: 'deliver-digest', kind: 'digest' };

/** A notice to the holder of an account (it was locked), by email only. */
export const ACCOUNT_NOTICE_DELIVERIES: DeliverySubject = { table: 'account_notice_delivery', key: 'notice_id', jobPrefix: 'deliver-notice', kind: 'account_notice' };

/** A statutory notice emailed to the family (issue 16 item 1), by email only. */
export const CASE_NOTICE_DELIVERIES: DeliverySubject = { table: 'case_notice_delivery', key: 'notice_id', jobPrefix: 'deliver-case-notice', kind: 'case_notice' };
/** The same for a plan's notices. */
export const PLAN_NOTICE_DELIVERIES: DeliverySubject = { table: 'plan_notice_delivery', key: 'notice_id', jobPrefix: 'deliver-plan-notice', kind: 'plan_notice' };

/** An advice request's link emailed to its contact (issue 16 item 2), by email only. */
export const ADVICE_LINK_DELIVERIES: DeliverySubject = { table: 'advice_link_delivery', key: 'link_id', jobPrefix: 'deliver-advice-link', kind: 'advice_link' };

/** The email telling a family member their message was answered (issue 16 item 3), by email only. */
export const FAMILY_UPDATE_DELIVERIES: DeliverySubject = { table: 'family_update_delivery', key: 'message_id', jobPrefix: 'deliver-family-update', kind: 'family_update' };

export const DELIVERY_SUBJECTS: Record<DeliverySubject['kind'], DeliverySubject> = {
  notification: NOTIFICATION_DELIVERIES,
  digest: DIGEST_DELIVERIES,
  account_notice: ACCOUNT_NOTICE_DELIVERIES,
  case_notice: CASE_NOTICE_DELIVERIES,
  plan_notice: PLAN_NOTICE_DELIVERIES,
  advice_link: ADVICE_LINK_DELIVERIES,
  family_update: FAMILY_UPDATE_DELIVERIES,
};

export interface DeliveryJob extends Delivery {
  kind: DeliverySubject['kind'];
  id: string;
}

/** SQL for the JSON list of a subject's deliveries and their state, for `idColumn` (as the inbox and digest lists show them). */
export function deliveriesJsonSql(subject: DeliverySubject, idColumn: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('channel', x.channel, 'target', x.target, 'status', x.status,
            'attempts', x.attempts, 'lastError', x.last_error, 'sentAt', x.sent_at) ORDER BY x.channel, x.target)
            FROM ${subject.table} x WHERE x.${subject.key} = ${idColumn}), '[]')`;
}

/** An email to each address (when SMTP is configured) and the authority's webhook (when it and the signing secret are set). */
export function deliveriesTo(emails: Iterable<string>, webhookUrl: string | null, config: QueueConfig): Delivery[] {
  const deliveries: Delivery[] = config.smtpUrl ? [...new Set(emails)].map((target) => ({ channel: 'email', target })) : [];
  if (webhookUrl && config.webhookSecret) deliveries.push({ channel: 'webhook', target: webhookUrl });
  return deliveries;
}

/** The delivery rows and their jobs (through the outbox), in the transaction that created the subject. */
export async function addDeliveries(tx: EntityManager, subject: DeliverySubject, id: string, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.query(
    `INSERT INTO ${subject.table} (${subject.key}, channel, target) SELECT $1, * FROM unnest($2::text[], $3::text[])`,
    [id, deliveries.map((d) => d.channel), deliveries.map((d) => d.target)],
  );
  await addToOutbox(tx, deliveries.map((delivery, n): OutboxJob => ({
    queue: DELIVERIES_QUEUE,
    name: DELIVER_JOB,
    jobId: `${subject.jobPrefix}.${id}.${n}`,
    data: { kind: subject.kind, id, ...delivery } satisfies DeliveryJob,
  })));
}

/** The outcome of one attempt; `sent` also stops any later retry of the same delivery from sending again. */
export async function recordAttempt(db: EntityManager, subject: DeliverySubject, job: DeliveryJob, status: 'pending' | 'sent' | 'failed', error: string | null): Promise<void> {
  await db.query(
    `UPDATE ${subject.table} SET status = $4, attempts = attempts + 1, last_error = $5, sent_at = CASE WHEN $4 = 'sent' THEN now() END
     WHERE ${subject.key} = $1 AND channel = $2 AND target = $3`,
    [job.id, job.channel, job.target, status, error],
  );
}

/** Whether this delivery was sent already (undefined when it does not exist). */
export async function deliveryStatus(db: EntityManager, subject: DeliverySubject, job: DeliveryJob): Promise<string | undefined> {
  const [row] = await db.query(`SELECT status FROM ${subject.table} WHERE ${subject.key} = $1 AND channel = $2 AND target = $3`, [job.id, job.channel, job.target]);
  return row?.status;
}
