import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IsoDate, NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import type { PlanNoticeName } from '../../workflows/ehc-plan/index.js';
import type { NoticeDocument } from '../../workflows/notices/notice-document.js';
import { CASE_NOTICE_DELIVERIES, deliveriesJsonSql, PLAN_NOTICE_DELIVERIES, type DeliverySubject } from '../alerts/deliveries.js';
import type { OutgoingMessage } from '../alerts/delivery-channels.js';
import type { RequestContext } from '../common/request-context.js';
import { noticeHtml, noticePdf, noticeText } from './notice-render.js';

/** The methods a caseworker sends a notice by through the engine (the family portal does not exist yet). */
export const SENDING_METHODS = ['email', 'post', 'hand'] as const;
export type SendingMethod = (typeof SENDING_METHODS)[number];

/** Where a process keeps its notices as sent, and what their emails are called. */
export interface NoticeStore {
  table: 'case_notice' | 'plan_notice';
  /** The column naming the case or plan, and that record's own table. */
  key: 'case_id' | 'plan_id';
  owner: 'ehc_case' | 'ehc_plan';
  deliveries: DeliverySubject;
  /** The email's subject, after the authority's name: it names no child (lock screens and previews show it). */
  subjects: Record<string, string>;
}

const CASE_SUBJECTS: Record<NoticeName, string> = {
  decision_to_assess: 'our decision about an EHC needs assessment',
  decision_to_issue: 'our decision about an EHC plan',
  draft_plan: 'the draft EHC plan',
  final_plan: 'the final EHC plan',
};

const PLAN_SUBJECTS: Record<PlanNoticeName, string> = {
  review_decision: 'our decision after the review of an EHC plan',
  amendment_notice: 'the amendments we propose to an EHC plan',
  amended_plan: 'the amended EHC plan',
  decision_not_to_amend: 'our decision not to amend an EHC plan',
  reassessment_decision: 'our decision about a re-assessment',
  cease_decision: 'our decision to cease to maintain an EHC plan',
  transfer_notice: 'an EHC plan transferred to us',
};

export const CASE_NOTICE_STORE: NoticeStore = { table: 'case_notice', key: 'case_id', owner: 'ehc_case', deliveries: CASE_NOTICE_DELIVERIES, subjects: CASE_SUBJECTS };
export const PLAN_NOTICE_STORE: NoticeStore = { table: 'plan_notice', key: 'plan_id', owner: 'ehc_plan', deliveries: PLAN_NOTICE_DELIVERIES, subjects: PLAN_SUBJECTS };

/** A notice as it was sent: which version of which notice, how, to whom, and the state of its email. */
export interface SentNoticeView {
  id: string;
  notice: NoticeName | PlanNoticeName;
  /** 1 for the first notice of its kind sent on the case or plan, 2 for the next (another recipient, or sent again after a correction). */
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

const columns = (store: NoticeStore) => `n.id, n.notice, n.version, n.event_seq AS "eventSeq", n.title, n.method, n.recipient, n.sent_to AS "sentTo",
  to_char(n.sent_on, 'YYYY-MM-DD') AS "sentOn", to_char(n.served_on, 'YYYY-MM-DD') AS "servedOn", n.sent_by AS "sentBy",
  to_json(n.created_at)#>>'{}' AS "sentAt", n.pdf_sha256 AS "pdfSha256", ${deliveriesJsonSql(store.deliveries, 'n.id')} AS deliveries`;

const fromOwner = (store: NoticeStore) => `FROM ${store.table} n WHERE n.local_authority_id = $1 AND n.${store.key} = $2 ORDER BY n.created_at, n.event_seq`;

/** Every notice sent on the case or plan, in the order they were sent. */
export function sentNoticesOf(db: EntityManager, store: NoticeStore, authorityId: string, ownerId: string): Promise<SentNoticeView[]> {
  return db.query(`SELECT ${columns(store)} ${fromOwner(store)}`, [authorityId, ownerId]);
}

/** One notice as sent, by its id. */
export async function sentNoticeOf(db: EntityManager, store: NoticeStore, id: string): Promise<SentNoticeView> {
  const [row] = await db.query(`SELECT ${columns(store)} FROM ${store.table} n WHERE n.id = $1`, [id]);
  return row;
}

/** The same with each document as it went out. */
export async function sentNoticeDocumentsOf(db: EntityManager, store: NoticeStore, authorityId: string, ownerId: string): Promise<SentNoticeDocument[]> {
  const rows: (SentNoticeView & { text: string; html: string; pdf: Buffer })[] = await db.query(`SELECT ${columns(store)}, n.text, n.html, n.pdf ${fromOwner(store)}`, [authorityId, ownerId]);
  return rows.map(({ pdf, ...row }) => ({ ...row, pdfBase64: pdf.toString('base64') }));
}

export interface KeptNotice {
  reference: string;
  html: string;
  pdf: Buffer;
}

/** One version of a notice as it went out, or undefined. */
export async function keptNotice(db: EntityManager, store: NoticeStore, authorityId: string, ownerId: string, notice: string, version: number): Promise<KeptNotice | undefined> {
  const [row] = await db.query(
    `SELECT o.reference, n.html, n.pdf FROM ${store.table} n JOIN ${store.owner} o ON o.id = n.${store.key}
     WHERE n.local_authority_id = $1 AND n.${store.key} = $2 AND n.notice = $3 AND n.version = $4`,
    [authorityId, ownerId, notice, version],
  );
  return row;
}

export interface Sending {
  method: SendingMethod;
  recipient: string;
  sentTo: string | null;
  /** The NOTICE_SENT line the sending recorded. */
  eventSeq: number;
}

/**
 * Keeps the document as it goes out, as the next version of its notice on the case or plan; the
 * caller holds that record's row lock, which orders the versions.
 */
export async function keepNotice(tx: EntityManager, store: NoticeStore, context: RequestContext, ownerId: string, document: NoticeDocument, sending: Sending): Promise<string> {
  const pdf = await noticePdf(document);
  const [{ id }] = await tx.query(
    `INSERT INTO ${store.table} (local_authority_id, ${store.key}, notice, version, event_seq, variant, title, method, recipient, sent_to, sent_on, served_on,
       html, text, pdf, pdf_sha256, sent_by_user_id, sent_by)
     SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
     FROM ${store.table} WHERE ${store.key} = $2 AND notice = $3
     RETURNING id`,
    [
      context.authority.id, ownerId, document.notice, sending.eventSeq, document.variant, document.title, sending.method, sending.recipient, sending.sentTo,
      document.sentOn, document.servedOn, noticeHtml(document), noticeText(document), pdf, createHash('sha256').update(pdf).digest('hex'),
      context.user?.id ?? null, context.actor,
    ],
  );
  return id;
}

/**
 * The email of a sent notice: its HTML with the text alternative and the PDF attached, replies
 * going to the authority's team. The subject names no child: it shows in lock screens and previews.
 */
export async function sentNoticeMessage(db: EntityManager, store: NoticeStore, id: string): Promise<OutgoingMessage> {
  const [row] = await db.query(
    `SELECT n.id, n.notice, n.version, n.title, n.html, n.text, n.pdf, o.reference, a.name AS authority, a.notice_details->>'email' AS reply_to
     FROM ${store.table} n JOIN ${store.owner} o ON o.id = n.${store.key} JOIN local_authority a ON a.id = n.local_authority_id WHERE n.id = $1`,
    [id],
  );
  if (!row) throw new Error(`sent notice ${id} does not exist`);
  return {
    id: row.id,
    subject: `${row.authority}: ${store.subjects[row.notice]} (our reference ${row.reference})`,
    text: row.text,
    html: row.html,
    attachments: [{ filename: `${row.reference}-${row.notice}-v${row.version}.pdf`, content: row.pdf, contentType: 'application/pdf' }],
    ...(row.reply_to && { replyTo: row.reply_to }),
    body: { id: row.id, kind: store.deliveries.kind },
  };
}
