import type { EntityManager } from 'typeorm';
import { longDate } from '../../workflows/calendar/dates.js';
import type { DeliveryJob } from '../alerts/deliveries.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';
import { newToken } from './advice-tokens.js';

/**
 * A fresh token for the link, kept as its digest: each email carries a token of its own, so
 * the database never holds one that works, and a reminder or a retried send adds a token
 * without ending those already sent. All of them end together when the link is used, revoked
 * or expires.
 */
async function mintedUrl(db: EntityManager, linkId: string, publicUrl: string): Promise<string> {
  const { token, sha256 } = newToken();
  await db.query(`INSERT INTO advice_link_token (token_sha256, link_id) VALUES ($1, $2)`, [sha256, linkId]);
  return `${publicUrl}/advice/${token}`;
}

/**
 * The email asking for the advice. The subject names the authority and the reference, never
 * the child (it shows on lock screens); the page behind the link says who it is about.
 */
export async function adviceLinkMessage(db: EntityManager, linkId: string, publicUrl: string): Promise<OutgoingMessage> {
  const [row] = await db.query(
    `SELECT l.id, to_char(l.expires_on, 'YYYY-MM-DD') AS expires_on, to_char(d.due_on, 'YYYY-MM-DD') AS due_on, c.reference, a.name AS authority,
       a.notice_details->>'email' AS reply_to
     FROM advice_link l JOIN ehc_case c ON c.id = l.case_id JOIN local_authority a ON a.id = l.local_authority_id
     LEFT JOIN case_deadline d ON d.case_id = l.case_id AND d.name = l.request WHERE l.id = $1`,
    [linkId],
  );
  if (!row) throw new Error(`advice link ${linkId} does not exist`);
  const url = await mintedUrl(db, linkId, publicUrl);
  const text = [
    `${row.authority} has asked you for advice and information for an education, health and care (EHC) needs assessment (our reference ${row.reference}).`,
    ...(row.due_on ? [`Please send it by ${longDate(row.due_on)}: the Special Educational Needs and Disability Regulations 2014 (reg 8) give 6 weeks from the day you received the request.`] : []),
    `Read what we are asking and send your advice, as a PDF or Word file or typed, here:\n${url}`,
    linkTerms(row.expires_on, row.authority),
  ].join('\n\n');
  return {
    id: row.id,
    subject: `${row.authority}: a request for advice for an EHC needs assessment (our reference ${row.reference})`,
    text,
    ...(row.reply_to && { replyTo: row.reply_to }),
    body: { id: row.id, kind: 'advice_link' },
  };
}

const linkTerms = (expiresOn: string, authority: string) =>
  `This link is for you alone: do not forward it. It can be used once, until ${longDate(expiresOn)}. If it does not work, reply to this email or contact ${authority}'s SEN team.`;

/**
 * An advice reminder or escalation emailed to the contact of a live link carries the link again,
 * with a token of its own (the one first sent keeps working). Anyone else's copy carries none:
 * the link is the contact's credential, not the managers' or the designated officer's.
 */
export async function withAdviceLink(db: EntityManager, message: OutgoingMessage, delivery: DeliveryJob, publicUrl: string): Promise<OutgoingMessage> {
  if (delivery.kind !== 'notification' || delivery.channel !== 'email') return message;
  const [link] = await db.query(
    `SELECT l.id, to_char(l.expires_on, 'YYYY-MM-DD') AS expires_on, a.name AS authority
     FROM notification n JOIN advice_link l ON l.case_id = n.case_id AND l.request = n.deadline JOIN local_authority a ON a.id = l.local_authority_id
     WHERE n.id = $1 AND n.kind IN ('advice_reminder', 'advice_escalation') AND l.revoked_at IS NULL AND l.used_at IS NULL AND lower(l.contact_email) = lower($2)`,
    [delivery.id, delivery.target],
  );
  if (!link) return message;
  const url = await mintedUrl(db, link.id, publicUrl);
  return { ...message, text: `${message.text}\n\nSend your advice here:\n${url}\n\n${linkTerms(link.expires_on, link.authority)}` };
}
