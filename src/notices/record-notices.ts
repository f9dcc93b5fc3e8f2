import type { DataSource, EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/calendar/dates.js';
import type { PersistedSnapshot } from '../../workflows/process/pure-machine.js';
import type { NoticeContext, NoticeDocument, NoticeResult } from '../../workflows/notices/notice-document.js';
import type { AccessAction, AccessLogService } from '../access-log/access-log.service.js';
import { addDeliveries } from '../alerts/deliveries.js';
import type { Clock } from '../common/clock.js';
import { DomainError, NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { AppConfig } from '../config/app-config.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { OutboxRelay } from '../queues/outbox.relay.js';
import type { NoticeSettingsService } from './notice-settings.service.js';
import { addressee, noticeAuthority, sendingDate, type NoticeOptions, type SendNoticeRequest } from './notice-sending.js';
import { keepNotice, keptNotice, type KeptNotice, type NoticeStore, sentNoticeOf, sentNoticesOf, type SentNoticeView } from './sent-notices.js';

/** The record a notice is written from: a case's or a plan's row, whose columns have the same names. */
export interface NoticeRecord {
  id: string;
  reference: string;
  snapshot: PersistedSnapshot;
  child_given_name: string;
  child_family_name: string;
  date_of_birth: IsoDate;
  /** The assigned caseworker's email, which the notice gives the family. */
  email: string | null;
}

/** The NOTICE_SENT a sending records in the record's trail. */
export interface NoticeSentEvent<Name> {
  type: 'NOTICE_SENT';
  occurredOn: IsoDate;
  notice: Name;
  sentOn: IsoDate;
  method: SendNoticeRequest['method'];
  recipient: string;
}

/** What the services these record notices depend on; passed once by each process's service. */
export interface RecordNoticesDeps {
  db: DataSource;
  settings: NoticeSettingsService;
  accessLog: AccessLogService;
  clock: Clock;
  config: AppConfig;
  outbox?: OutboxRelay;
}

/**
 * One process's statutory notices (the assessment's, the plan's): previewed as they would go out,
 * and sent — the document kept as sent, its NOTICE_SENT recorded (so the limit is met on the served
 * date) and its email queued, in one transaction under the record's row lock. A refused notice, a
 * refused NOTICE_SENT or a stale If-Match leaves nothing behind: no copy, no trail line, no email.
 */
export abstract class RecordNotices<Name extends string, View extends { version: number }> {
  protected constructor(
    private readonly deps: RecordNoticesDeps,
    private readonly store: NoticeStore,
    /** The access-log action of reading one of its notices, which names the child. */
    private readonly readAction: AccessAction,
  ) {}

  /** Writes the notice from the record, or says why it cannot be written yet. */
  protected abstract written(db: EntityManager, record: NoticeRecord, notice: Name, context: NoticeContext, sending: { recipient: string; authority: LocalAuthority }): Promise<NoticeResult>;

  /** Records the NOTICE_SENT in the transaction of the sending, checking `expectedVersion`. */
  protected abstract recordNoticeSent(tx: EntityManager, context: RequestContext, id: string, event: NoticeSentEvent<Name>, expectedVersion?: number): Promise<View>;

  /** The notice as it would go out, the read written to the access log before it is returned. */
  async preview(context: RequestContext, route: string, id: string, notice: Name, options: NoticeOptions & { recipient?: string }): Promise<NoticeDocument> {
    const record = await this.recordFor(this.deps.db.manager, context, id, false);
    const document = await this.write(this.deps.db.manager, context, record, notice, { sentOn: options.sentOn ?? this.deps.clock.today(), method: options.method }, options.recipient ?? 'family');
    await this.deps.accessLog.record(context, this.readAction, route, [id]);
    return document;
  }

  protected async sendAndKeep(context: RequestContext, id: string, notice: Name, request: SendNoticeRequest, expectedVersion?: number): Promise<{ notice: SentNoticeView; view: View }> {
    const sentOn = sendingDate(request, this.deps.clock.today());
    const sentTo = addressee(request, this.deps.config.queues.smtpUrl);
    const recipient = request.recipient ?? 'family';
    const sent = await this.deps.db.transaction(async (tx) => {
      const record = await this.recordFor(tx, context, id, true);
      const document = await this.write(tx, context, record, notice, { sentOn, method: request.method }, recipient);
      const view = await this.recordNoticeSent(tx, context, id, { type: 'NOTICE_SENT', occurredOn: sentOn, notice, sentOn, method: request.method, recipient }, expectedVersion);
      const keptId = await keepNotice(tx, this.store, context, id, document, { method: request.method, recipient, sentTo, eventSeq: view.version });
      if (request.method === 'email') await addDeliveries(tx, this.store.deliveries, keptId, [{ channel: 'email', target: sentTo! }]);
      return { notice: await sentNoticeOf(tx, this.store, keptId), view };
    });
    this.deps.outbox?.nudge();
    return sent;
  }

  /** Every notice sent on the record (404 for one of another authority). */
  async sentNotices(context: RequestContext, id: string): Promise<SentNoticeView[]> {
    const notices = await sentNoticesOf(this.deps.db.manager, this.store, context.authority.id, id);
    if (notices.length === 0) await this.recordFor(this.deps.db.manager, context, id, false);
    return notices;
  }

  /** A notice exactly as it was sent, the read written to the access log before it is returned. */
  async keptCopy(context: RequestContext, route: string, id: string, notice: Name, version: number): Promise<KeptNotice> {
    const kept = await keptNotice(this.deps.db.manager, this.store, context.authority.id, id, notice, version);
    if (!kept) throw new NotFoundError(`version ${version} of the ${notice} notice on ${this.noun}`, id);
    await this.deps.accessLog.record(context, this.readAction, route, [id]);
    return kept;
  }

  private get noun(): string {
    return this.store.owner === 'ehc_case' ? 'case' : 'plan';
  }

  private async recordFor(db: EntityManager, context: RequestContext, id: string, lock: boolean): Promise<NoticeRecord> {
    const [row] = await db.query(
      `SELECT r.id, r.reference, r.snapshot, r.child_given_name, r.child_family_name, to_char(r.child_date_of_birth, 'YYYY-MM-DD') AS date_of_birth, u.email
       FROM ${this.store.owner} r LEFT JOIN user_account u ON u.id::text = r.assignee_id WHERE r.id = $1 AND r.local_authority_id = $2 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id, context.authority.id],
    );
    if (!row) throw new NotFoundError(this.noun, id);
    return row;
  }

  private async write(db: EntityManager, context: RequestContext, record: NoticeRecord, notice: Name, options: Required<NoticeOptions>, recipient: string): Promise<NoticeDocument> {
    const noticeContext: NoticeContext = {
      reference: record.reference,
      child: { givenName: record.child_given_name, familyName: record.child_family_name, dateOfBirth: record.date_of_birth },
      authority: await noticeAuthority(this.deps.settings, context.authority, db),
      ...(record.email && { caseworker: { email: record.email } }),
      sentOn: options.sentOn,
      method: options.method,
    };
    const written = await this.written(db, record, notice, noticeContext, { recipient, authority: context.authority });
    if (!written.ok) throw new DomainError('NOTICE_NOT_AVAILABLE', written.message);
    return written.document;
  }
}
