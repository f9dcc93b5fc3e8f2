import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEmail } from 'class-validator';
import type { DataSource, EntityManager } from 'typeorm';
import { caseFactsOf, type IsoDate, type NoticeName, type PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import type { ServiceMethod } from '../../workflows/limits/served-dates.js';
import { caseNotice } from '../../workflows/notices/case-notices.js';
import type { NoticeDocument } from '../../workflows/notices/notice-document.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { addDeliveries, CASE_NOTICE_DELIVERIES } from '../alerts/deliveries.js';
import { caseActorOf } from '../cases/case-actor.js';
import type { CaseView } from '../cases/case-view.js';
import { CasesService } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, NotFoundError, ValidationFailedError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { noticeHtml, noticePdf, noticeText } from './notice-render.js';
import { NoticeSettingsService } from './notice-settings.service.js';
import { keptNotice, type KeptNotice, sentNoticeOf, sentNoticesOf, type SendingMethod, type SentNoticeView } from './sent-notices.js';

export interface NoticeOptions {
  /** The day it goes out: today when not given. */
  sentOn?: IsoDate;
  method: ServiceMethod;
}

/** `POST /api/cases/:id/notices/:notice/send`. */
export interface SendNoticeRequest {
  method: SendingMethod;
  /** The email address for `email`; for a letter, optionally the addressee written on it. */
  to?: string;
  /** Who it is for, as NOTICE_SENT records it: the family by default (the final plan also goes to the school and the ICB). */
  recipient?: string;
  /** A letter posted or handed over earlier; an email goes today. */
  sentOn?: IsoDate;
}

export interface SentNotice {
  notice: SentNoticeView;
  case: CaseView;
}

interface CaseForNotice {
  reference: string;
  snapshot: PersistedCaseSnapshot;
  child_given_name: string;
  child_family_name: string;
  date_of_birth: IsoDate;
  email: string | null;
}

/**
 * The statutory notices of a case, written from its record and the authority's details: previewed
 * as they would go out, and sent — the document kept as sent, its NOTICE_SENT recorded (so the
 * limit is met on the served date) and its email queued, in one transaction.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: NoticeSettingsService,
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  /** The notice as it would go out on `sentOn`, the read written to the access log (it names the child) before it is returned. */
  async caseNotice(context: RequestContext, route: string, caseId: string, notice: NoticeName, options: NoticeOptions): Promise<NoticeDocument> {
    const row = await this.caseForNotice(this.db.manager, context, caseId, false);
    const document = await this.write(this.db.manager, context, row, notice, { ...options, sentOn: options.sentOn ?? this.clock.today() });
    await this.accessLog.record(context, 'notice_read', route, [caseId]);
    return document;
  }

  /**
   * Sends the notice as written now from the case under its row lock: a refused notice, a refused
   * NOTICE_SENT or a stale If-Match (checked by recordEventIn with the event) leaves nothing
   * behind — no kept copy, no trail line, no email.
   */
  async send(context: RequestContext, caseId: string, notice: NoticeName, request: SendNoticeRequest, expectedVersion?: number): Promise<SentNotice> {
    const sentOn = this.sendingDate(request);
    const sentTo = this.addressee(request);
    const recipient = request.recipient ?? 'family';
    const sent = await this.db.transaction(async (tx) => {
      const row = await this.caseForNotice(tx, context, caseId, true);
      const document = await this.write(tx, context, row, notice, { sentOn, method: request.method });
      const event = { type: 'NOTICE_SENT' as const, occurredOn: sentOn, notice, sentOn, method: request.method, recipient };
      const caseView = await this.cases.recordEventIn(tx, context.authority, caseId, event, caseActorOf(context), expectedVersion);
      const id = await this.keep(tx, context, caseId, document, { method: request.method, recipient, sentTo, eventSeq: caseView.version });
      if (request.method === 'email') await addDeliveries(tx, CASE_NOTICE_DELIVERIES, id, [{ channel: 'email', target: sentTo! }]);
      return { notice: await sentNoticeOf(tx, id), case: caseView };
    });
    this.outbox?.nudge();
    return sent;
  }

  /** Every notice sent on the case (404 for a case of another authority). */
  async sentNotices(context: RequestContext, caseId: string): Promise<SentNoticeView[]> {
    const notices = await sentNoticesOf(this.db.manager, context.authority.id, caseId);
    if (notices.length === 0) await this.caseForNotice(this.db.manager, context, caseId, false);
    return notices;
  }

  /** A notice exactly as it was sent, the read written to the access log before it is returned. */
  async keptCopy(context: RequestContext, route: string, caseId: string, notice: NoticeName, version: number): Promise<KeptNotice> {
    const kept = await keptNotice(this.db.manager, context.authority.id, caseId, notice, version);
    if (!kept) throw new NotFoundError(`version ${version} of the ${notice} notice on case`, caseId);
    await this.accessLog.record(context, 'notice_read', route, [caseId]);
    return kept;
  }

  /** An email is sent today; a letter may be recorded on the day it was posted or handed over. */
  private sendingDate(request: SendNoticeRequest): IsoDate {
    const today = this.clock.today();
    if (request.method === 'email' && request.sentOn !== undefined && request.sentOn !== today) {
      throw new ValidationFailedError(`sentOn: an emailed notice goes today (${today}); leave sentOn out, or record a letter posted on another day with method "post".`);
    }
    const sentOn = request.sentOn ?? today;
    if (sentOn > today) throw new ValidationFailedError(`sentOn must be today or earlier, not ${sentOn}: a notice is recorded once it has gone.`);
    return sentOn;
  }

  private addressee(request: SendNoticeRequest): string | null {
    if (request.method !== 'email') return request.to?.trim() || null;
    if (!request.to || !isEmail(request.to)) throw new ValidationFailedError('to must be the email address the notice is sent to.');
    if (!this.config.queues.smtpUrl) {
      throw new DomainError('NOTICE_EMAIL_NOT_CONFIGURED', 'This service has no mail server (SMTP_URL is not set), so it cannot email a notice: send it by post, or ask IT to set SMTP_URL.');
    }
    return request.to;
  }

  private async caseForNotice(db: EntityManager, context: RequestContext, caseId: string, lock: boolean): Promise<CaseForNotice> {
    const [row] = await db.query(
      `SELECT c.reference, c.snapshot, c.child_given_name, c.child_family_name, to_char(c.child_date_of_birth, 'YYYY-MM-DD') AS date_of_birth, u.email
       FROM ehc_case c LEFT JOIN user_account u ON u.id::text = c.assignee_id WHERE c.id = $1 AND c.local_authority_id = $2 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [caseId, context.authority.id],
    );
    if (!row) throw new NotFoundError('case', caseId);
    return row;
  }

  private async write(db: EntityManager, context: RequestContext, row: CaseForNotice, notice: NoticeName, options: Required<NoticeOptions>): Promise<NoticeDocument> {
    const details = await this.settings.read(context.authority, db);
    if (!details) throw new DomainError('NOTICE_DETAILS_NOT_SET', 'The authority’s details for notices (its team, contacts, local offer and the services it points families to) are not set: a manager sets them with PUT /api/notices/settings.');
    const written = caseNotice({
      notice,
      facts: caseFactsOf(row.snapshot),
      reference: row.reference,
      child: { givenName: row.child_given_name, familyName: row.child_family_name, dateOfBirth: row.date_of_birth },
      authority: { name: context.authority.name, ...details },
      ...(row.email && { caseworker: { email: row.email } }),
      sentOn: options.sentOn,
      method: options.method,
    });
    if (!written.ok) throw new DomainError('NOTICE_NOT_AVAILABLE', written.message);
    return written.document;
  }

  /** The document as it goes out, as the next version of its notice on the case (the case row's lock orders the versions). */
  private async keep(tx: EntityManager, context: RequestContext, caseId: string, document: NoticeDocument, sending: { method: SendingMethod; recipient: string; sentTo: string | null; eventSeq: number }): Promise<string> {
    const pdf = await noticePdf(document);
    const [{ id }] = await tx.query(
      `INSERT INTO case_notice (local_authority_id, case_id, notice, version, event_seq, variant, title, method, recipient, sent_to, sent_on, served_on,
         html, text, pdf, pdf_sha256, sent_by_user_id, sent_by)
       SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17
       FROM case_notice WHERE case_id = $2 AND notice = $3
       RETURNING id`,
      [
        context.authority.id, caseId, document.notice, sending.eventSeq, document.variant, document.title, sending.method, sending.recipient, sending.sentTo,
        document.sentOn, document.servedOn, noticeHtml(document), noticeText(document), pdf, createHash('sha256').update(pdf).digest('hex'),
        context.user?.id ?? null, context.actor,
      ],
    );
    return id;
  }
}
