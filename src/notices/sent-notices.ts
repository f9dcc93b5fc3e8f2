import type { EntityManager } from 'typeorm';
import type { IsoDate, NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import { CASE_NOTICE_DELIVERIES, deliveriesJsonSql } from '../alerts/deliveries.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';

/** The methods a caseworker sends a notice by through the engine (the family portal does not exist yet). */
export const SENDING_METHODS = ['email', 'post', 'hand'] as const;
export type SendingMethod = (typeof SENDING_METHODS)[number];

/** A notice as it was sent: which version of which notice, how, to whom, and the state of its email. */
export interface SentNoticeView {
  id: string;
  notice: NoticeName;
  /** 1 for the first notice of its kind sent on the case, 2 for the next (another recipient, or sent again after a correction). */
  version: number;
  /** The NOTICE_SENT line of the trail this sending recorded. */
  eventSeq: number;
  title: string;
  method: SendingMethod;
  recipient: string;
  /** The email address, or the addressee written on the letter. */
  sentTo: string | null;
  sentOn: IsoDate;
  servedOn: IsoDate;
  sentBy: string;
  sentAt: string;
  /** SHA-256 of the PDF as kept: a copy the family holds can be checked against it. */
  pdfSha256: string;
  deliveries: { channel: 'email'; target: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastError: string | null; sentAt: string | null }[];
}

/** The same, with the document itself, as the subject-access export carries it. */
export interface SentNoticeDocument extends SentNoticeView {
  text: string;
  html: string;
  pdfBase64: string;
}

const COLUMNS = `n.id, n.notice, n.version, n.event_seq AS "eventSeq", n.title, n.method, n.recipient, n.sent_to AS "sentTo",
  to_char(n.sent_on, 'YYYY-MM-DD') AS "sentOn", to_char(n.served_on, 'YYYY-MM-DD') AS "servedOn", n.sent_by AS "sentBy",
  to_json(n.created_at)#>>'{}' AS "sentAt", n.pdf_sha256 AS "pdfSha256", ${deliveriesJsonSql(CASE_NOTICE_DELIVERIES, 'n.id')} AS deliveries`;

const FROM_CASE = `FROM case_notice n WHERE n.local_authority_id = $1 AND n.case_id = $2 ORDER BY n.created_at, n.event_seq`;

/** Every notice sent on the case, in the order they were sent. */
export function sentNoticesOf(db: EntityManager, authorityId: string, caseId: string): Promise<SentNoticeView[]> {
  return db.query(`SELECT ${COLUMNS} ${FROM_CASE}`, [authorityId, caseId]);
}

/** One notice as sent, by its id. */
export async function sentNoticeOf(db: EntityManager, id: string): Promise<SentNoticeView> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM case_notice n WHERE n.id = $1`, [id]);
  return row;
}

/** The same with each document as it went out. */
export async function sentNoticeDocumentsOf(db: EntityManager, authorityId: string, caseId: string): Promise<SentNoticeDocument[]> {
  const rows: (SentNoticeView & { text: string; html: string; pdf: Buffer })[] = await db.query(`SELECT ${COLUMNS}, n.text, n.html, n.pdf ${FROM_CASE}`, [authorityId, caseId]);
  return rows.map(({ pdf, ...row }) => ({ ...row, pdfBase64: pdf.toString('base64') }));
}

export interface KeptNotice {
  reference: string;
  html: string;
  pdf: Buffer;
}

/** One version of a notice as it went out, or undefined. */
export async function keptNotice(db: EntityManager, authorityId: string, caseId: string, notice: NoticeName, version: number): Promise<KeptNotice | undefined> {
  const [row] = await db.query(
    `SELECT c.reference, n.html, n.pdf FROM case_notice n JOIN ehc_case c ON c.id = n.case_id
     WHERE n.local_authority_id = $1 AND n.case_id = $2 AND n.notice = $3 AND n.version = $4`,
    [authorityId, caseId, notice, version],
  );
  return row;
}

/**
 * The email of a sent notice: its HTML with the text alternative and the PDF attached, replies
 * going to the authority's team. The subject names no child: it shows in lock screens and previews.
 */
export async function sentNoticeMessage(db: EntityManager, id: string): Promise<OutgoingMessage> {
  const [row] = await db.query(
    `SELECT n.id, n.notice, n.version, n.title, n.html, n.text, n.pdf, c.reference, a.name AS authority, a.notice_details->>'email' AS reply_to
     FROM case_notice n JOIN ehc_case c ON c.id = n.case_id JOIN local_authority a ON a.id = n.local_authority_id WHERE n.id = $1`,
    [id],
  );
  if (!row) throw new Error(`sent notice ${id} does not exist`);
  return {
    id: row.id,
    subject: `${row.authority}: ${NOTICE_SUBJECTS[row.notice as NoticeName]} (our reference ${row.reference})`,
    text: row.text,
    html: row.html,
    attachments: [{ filename: `${row.reference}-${row.notice}-v${row.version}.pdf`, content: row.pdf, contentType: 'application/pdf' }],
    ...(row.reply_to && { replyTo: row.reply_to }),
    body: { id: row.id, kind: 'case_notice' },
  };
}

const NOTICE_SUBJECTS: Record<NoticeName, string> = {
  decision_to_assess: 'our decision about an EHC needs assessment',
  decision_to_issue: 'our decision about an EHC plan',
  draft_plan: 'the draft EHC plan',
  final_plan: 'the final EHC plan',
};
