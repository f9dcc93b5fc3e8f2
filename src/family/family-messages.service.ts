import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { londonToday, type IsoDate } from '../../workflows/calendar/dates.js';
import { answerDueOn, answerLimitName, answerStatus, workingDaysToAnswer } from '../../workflows/family-messages/answer-target.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { alertMessage } from '../alerts/alert-messages.js';
import { alertSettingsOf } from '../alerts/alert-settings.js';
import { notifyCaseworkerIn } from '../alerts/caseworker-notifications.js';
import { addDeliveries, deliveriesJsonSql, deliveriesTo, FAMILY_UPDATE_DELIVERIES } from '../alerts/deliveries.js';
import { Clock } from '../common/clock.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DocumentStore, type DocumentStage, type StoredDocument } from '../documents/document-store.js';
import { VirusScanner } from '../documents/virus-scanner.js';
import { addToOutbox } from '../queues/outbox.js';
import { ALERTS_QUEUE, PLAN_FAMILY_MESSAGE_JOB } from '../queues/queue-names.js';
import type { FamilyDocumentInput } from './family-documents.js';
import type { AnswerFamilyMessageDto, FamilyMessageDto } from './family-messages.dto.js';

/** A message as the family who sent it sees it: their words, the target, and the answer when it was a reply. */
export interface FamilyOwnMessage {
  id: string;
  body: string;
  sentAt: string;
  answerDueOn: IsoDate;
  documents: string[];
  answer: { answeredOn: IsoDate; method: string; text: string | null } | null;
}

/** The family's part of the case's subject-access export. */
export interface FamilyExport {
  messages: (Omit<FamilyMessageDto, 'documents'> & { documents: (FamilyMessageDto['documents'][number] & { contentBase64: string })[] })[];
  updates: Record<string, unknown>[];
}

export interface FamilyDocumentFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

interface MessageRow {
  id: string;
  body: string;
  sentAt: string;
  receivedOn: IsoDate;
  answerDueOn: IsoDate;
  answeredOn: IsoDate | null;
  answeredBy: string | null;
  method: string | null;
  answer: string | null;
  from: { name: string; relationship: string; email: string };
  documents: { id: string; filename: string; contentType: string; sizeBytes: number }[];
}

const MESSAGE_COLUMNS = `m.id, m.body, to_json(m.sent_at)#>>'{}' AS "sentAt", to_char(m.received_on, 'YYYY-MM-DD') AS "receivedOn",
  to_char(m.answer_due_on, 'YYYY-MM-DD') AS "answerDueOn", to_char(m.answered_on, 'YYYY-MM-DD') AS "answeredOn", m.answered_by AS "answeredBy",
  m.answer_method AS method, m.answer, json_build_object('name', f.name, 'relationship', f.relationship, 'email', f.email) AS "from",
  COALESCE((SELECT json_agg(json_build_object('id', d.id, 'filename', d.filename, 'contentType', d.content_type, 'sizeBytes', d.size_bytes) ORDER BY d.filename)
            FROM family_document d WHERE d.message_id = m.id), '[]') AS documents`;

const MESSAGE_FROM = `family_message m JOIN family_contact f ON f.id = m.contact_id`;

export class FamilyMessageAnsweredError extends DomainError {
  constructor() {
    super('FAMILY_MESSAGE_ANSWERED', 'This message has been answered already: its answer is on record and is not changed.');
  }
}

/**
 * Messages from the family to the SEN team (issue 16 item 3; design section 8). The family writes
 * on their pages; the message reaches the caseworker's inbox at once, and its answer has a target
 * the authority sets (10 working days unless it sets another), alerted when it falls due and when
 * it is missed. A message never changes the statutory record: the caseworker records what
 * follows from it, and records the answer here, once.
 */
@Injectable()
export class FamilyMessagesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly store: DocumentStore,
    private readonly scanner: VirusScanner,
  ) {}

  /**
   * The family's message, with its document, its caseworker's notification and its alerts' planning, all in one transaction.
   * Its document passes the virus scanner first and goes through the document store (FileInfectedError, VirusScannerUnavailableError, DocumentStoreUnavailableError: nothing kept).
   */
  async send(email: string, caseId: string, message: { body: string; documents: FamilyDocumentInput[] }): Promise<{ id: string; answerDueOn: IsoDate }> {
    const now = this.clock.now();
    const receivedOn = londonToday(now);
    // Scanned outside the transaction, so no lock waits on the scanner; nothing is kept of an infected or unscanned file.
    await this.scanner.screen(message.documents);
    return this.store.transaction(this.db, async (tx, stage) => {
      // FOR SHARE: a revocation waits for a message already being sent, and one sent after it is refused.
      const [contact] = await tx.query(
        `SELECT f.id, f.local_authority_id, f.name, c.reference FROM family_contact f JOIN ehc_case c ON c.id = f.case_id
         WHERE f.email = $1 AND f.case_id = $2 AND f.revoked_at IS NULL FOR SHARE OF f`,
        [email, caseId],
      );
      if (!contact) throw new NotFoundError('case', caseId);
      const settings = await alertSettingsOf(tx, contact.local_authority_id);
      const dueOn = answerDueOn(receivedOn, settings.familyAnswerWorkingDays);
      const [{ id }] = await tx.query(
        `INSERT INTO family_message (local_authority_id, case_id, contact_id, body, sent_at, received_on, answer_due_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [contact.local_authority_id, caseId, contact.id, message.body, now, receivedOn, dueOn],
      );
      await this.keepDocuments(tx, stage, { authorityId: contact.local_authority_id, caseId, messageId: id }, message.documents);
      const alert = { kind: 'family_message' as const, deadline: answerLimitName(id), dueOn, slot: 'received', on: receivedOn, at: now };
      await notifyCaseworkerIn(tx, {
        authorityId: contact.local_authority_id, caseId, kind: alert.kind, deadline: alert.deadline, dueOn, dedupeKey: `${caseId}.${alert.deadline}.received`,
        message: `${alertMessage(contact.reference, alert)}${message.documents.length > 0 ? ' A document came with it.' : ''}`,
      }, this.config.queues);
      await this.planAlertsIn(tx, id, 'sent');
      return { id, answerDueOn: dueOn };
    });
  }

  /** The messages the signed-in family member sent on the case (not another contact's), newest first. */
  async sentBy(email: string, caseId: string): Promise<FamilyOwnMessage[]> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE f.email = $1 AND m.case_id = $2 ORDER BY m.sent_at DESC, m.id`,
      [email, caseId],
    );
    return rows.map((row) => ({
      id: row.id,
      body: row.body,
      sentAt: row.sentAt,
      answerDueOn: row.answerDueOn,
      documents: row.documents.map((d) => d.filename),
      answer: row.answeredOn === null ? null : { answeredOn: row.answeredOn, method: row.method!, text: row.method === 'reply' ? row.answer : null },
    }));
  }

  /** Every message on the case, newest first, with where each stands against its target. Logged: the family's words are about the child. */
  async list(context: RequestContext, caseId: string, route: string): Promise<FamilyMessageDto[]> {
    await this.caseOf(this.db.manager, context, caseId);
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.case_id = $1 AND m.local_authority_id = $2 ORDER BY m.sent_at DESC, m.id`,
      [caseId, context.authority.id],
    );
    await this.accessLog.record(context, 'family_message_read', route, [caseId]);
    const today = this.clock.today();
    return rows.map((row) => this.viewOf(caseId, row, today));
  }

  /**
   * Records how the family was answered, once. A reply is shown on the family's pages and they are
   * emailed that it is there (unless their access has ended since); any answer ends the alerts.
   */
  async answer(context: RequestContext, caseId: string, messageId: string, answer: AnswerFamilyMessageDto): Promise<FamilyMessageDto> {
    const today = this.clock.today();
    const answeredOn = answer.answeredOn ?? today;
    if (answeredOn > today) throw new ValidationFailedError(`answeredOn ${answeredOn} is in the future: record the answer on the day it was given.`);
    const text = answer.answer.trim();
    if (text === '') throw new ValidationFailedError('answer must say what the family was told');
    await this.db.transaction(async (tx) => {
      const message = await this.messageFor(tx, context, caseId, messageId);
      if (message.answered_on !== null) throw new FamilyMessageAnsweredError();
      if (answeredOn < message.received_on) throw new ValidationFailedError(`answeredOn ${answeredOn} is before the message arrived on ${message.received_on}.`);
      await tx.query(
        `UPDATE family_message SET answered_on = $2, answered_at = $3, answered_by = $4, answer_method = $5, answer = $6 WHERE id = $1`,
        [messageId, answeredOn, this.clock.now(), context.actor, answer.method, text],
      );
      if (answer.method === 'reply' && message.still_has_access) await this.tellOfReplyIn(tx, messageId, message.email);
      await this.planAlertsIn(tx, messageId, 'answered');
    });
    const [row]: MessageRow[] = await this.db.query(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.id = $1`, [messageId]);
    return this.viewOf(caseId, row, today);
  }

  /** The family's email that a reply is waiting for them on their page. */
  private async tellOfReplyIn(tx: EntityManager, messageId: string, email: string): Promise<void> {
    const [{ id }] = await tx.query(
      `INSERT INTO family_update (local_authority_id, case_id, contact_id, kind, message_id, created_at)
       SELECT local_authority_id, case_id, contact_id, 'answer', id, $2 FROM family_message WHERE id = $1 RETURNING id`,
      [messageId, this.clock.now()],
    );
    await addDeliveries(tx, FAMILY_UPDATE_DELIVERIES, id, deliveriesTo([email], null, this.config.queues));
  }

  /**
   * What the family sent and was told, for the subject-access export: every message with its
   * answer and its documents' content (base64, read through the document store), and every update
   * emailed to them with its deliveries. No access-log line of its own: the export logs itself.
   */
  async exportOf(authorityId: string, caseId: string): Promise<FamilyExport> {
    const rows: MessageRow[] = await this.db.query(
      `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.case_id = $1 AND m.local_authority_id = $2 ORDER BY m.sent_at, m.id`,
      [caseId, authorityId],
    );
    const today = this.clock.today();
    const messages = [];
    for (const row of rows) {
      const files: (StoredDocument & { id: string })[] = await this.db.query(`SELECT id, sha256, content, storage_key AS "storageKey" FROM family_document WHERE message_id = $1`, [row.id]);
      const contents = new Map<string, string>();
      for (const file of files) contents.set(file.id, (await this.store.read(file)).toString('base64'));
      const view = this.viewOf(caseId, row, today);
      messages.push({ ...view, documents: view.documents.map((d) => ({ ...d, contentBase64: contents.get(d.id)! })) });
    }
    const updates = await this.db.query(
      `SELECT u.id, u.kind, u.message_id AS "messageId", u.changes, to_json(u.created_at)#>>'{}' AS "createdAt", f.email AS "sentTo",
         ${deliveriesJsonSql(FAMILY_UPDATE_DELIVERIES, 'u.id')} AS deliveries
       FROM family_update u JOIN family_contact f ON f.id = u.contact_id WHERE u.case_id = $1 AND u.local_authority_id = $2 ORDER BY u.created_at, u.id`,
      [caseId, authorityId],
    );
    return { messages, updates };
  }

  /** A document the family sent, for staff of the case's authority; logged. */
  async document(context: RequestContext, caseId: string, documentId: string, route: string): Promise<FamilyDocumentFile> {
    const [file] = await this.db.query(
      `SELECT filename, content_type AS "contentType", sha256, content, storage_key AS "storageKey" FROM family_document WHERE id = $1 AND case_id = $2 AND local_authority_id = $3`,
      [documentId, caseId, context.authority.id],
    );
    if (!file) throw new NotFoundError('document from the family on this case', documentId);
    const content = await this.store.read(file);
    await this.accessLog.record(context, 'family_document_read', route, [caseId]);
    return { filename: file.filename, contentType: file.contentType, content };
  }

  private viewOf(caseId: string, row: MessageRow, today: IsoDate): FamilyMessageDto {
    return {
      id: row.id,
      from: row.from,
      body: row.body,
      sentAt: row.sentAt,
      receivedOn: row.receivedOn,
      answerDueOn: row.answerDueOn,
      status: answerStatus(row, today),
      answer: row.answeredOn === null ? null : {
        answeredOn: row.answeredOn,
        answeredBy: row.answeredBy!,
        method: row.method!,
        text: row.answer!,
        workingDays: workingDaysToAnswer(row.receivedOn, row.answeredOn),
      },
      documents: row.documents.map((d) => ({ ...d, href: `/api/cases/${caseId}/family-documents/${d.id}` })),
    };
  }

  /** The message locked for its answer; another case's or authority's is not found. */
  private async messageFor(tx: EntityManager, context: RequestContext, caseId: string, messageId: string) {
    const [message] = await tx.query(
      `SELECT to_char(m.received_on, 'YYYY-MM-DD') AS received_on, to_char(m.answered_on, 'YYYY-MM-DD') AS answered_on, f.email, f.revoked_at IS NULL AS still_has_access
       FROM ${MESSAGE_FROM} WHERE m.id = $1 AND m.case_id = $2 AND m.local_authority_id = $3 FOR UPDATE OF m`,
      [messageId, caseId, context.authority.id],
    );
    if (!message) {
      await this.caseOf(tx, context, caseId);
      throw new NotFoundError('message from the family on this case', messageId);
    }
    return message as { received_on: IsoDate; answered_on: IsoDate | null; email: string; still_has_access: boolean };
  }

  private async keepDocuments(tx: EntityManager, stage: DocumentStage, of: { authorityId: string; caseId: string; messageId: string }, documents: FamilyDocumentInput[]): Promise<void> {
    for (const document of documents) {
      const stored = await stage.put(document.content);
      await tx.query(
        `INSERT INTO family_document (local_authority_id, case_id, message_id, filename, content_type, size_bytes, sha256, content, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [of.authorityId, of.caseId, of.messageId, document.filename, document.contentType, document.content.length, document.sha256, stored.content, stored.storageKey],
      );
    }
  }

  /** The message's alerts are planned by the worker after commit: a crash between the two loses nothing. */
  private planAlertsIn(tx: EntityManager, messageId: string, step: 'sent' | 'answered'): Promise<void> {
    return addToOutbox(tx, [{ queue: ALERTS_QUEUE, name: PLAN_FAMILY_MESSAGE_JOB, jobId: `${PLAN_FAMILY_MESSAGE_JOB}.${messageId}.${step}`, data: { messageId } }]);
  }

  private async caseOf(db: EntityManager, context: RequestContext, caseId: string): Promise<void> {
    const [row] = await db.query(`SELECT 1 FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, [caseId, context.authority.id]);
    if (!row) throw new NotFoundError('case', caseId);
  }
}
