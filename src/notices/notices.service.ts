import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { caseFactsOf, computeLimitRecords, type NoticeName } from '../../workflows/ehc-needs-assessment/index.js';
import { caseNotice } from '../../workflows/notices/case-notices.js';
import type { NoticeContext, NoticeResult } from '../../workflows/notices/notice-document.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { caseActorOf } from '../cases/case-actor.js';
import type { CaseView } from '../cases/case-view.js';
import { CasesService, clockOptions } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { NoticeSettingsService } from './notice-settings.service.js';
import type { SendNoticeRequest } from './notice-sending.js';
import { RecordNotices, type NoticeRecord, type NoticeSentEvent } from './record-notices.js';
import { orderDatesOf } from './order-dates.js';
import { CASE_NOTICE_STORE, type SentNoticeView } from './sent-notices.js';

export interface SentNotice {
  notice: SentNoticeView;
  case: CaseView;
}

/** The statutory notices of an assessment (decision to assess, decision to issue, draft and final plan). */
@Injectable()
export class NoticesService extends RecordNotices<NoticeName, CaseView> {
  constructor(
    @InjectDataSource() db: DataSource,
    settings: NoticeSettingsService,
    private readonly cases: CasesService,
    accessLog: AccessLogService,
    clock: Clock,
    @Inject(AppConfigToken) config: AppConfig,
    @Optional() outbox?: OutboxRelay,
  ) {
    super({ db, settings, accessLog, clock, config, outbox }, CASE_NOTICE_STORE, 'notice_read');
  }

  async send(context: RequestContext, caseId: string, notice: NoticeName, request: SendNoticeRequest, expectedVersion?: number): Promise<SentNotice> {
    const sent = await this.sendAndKeep(context, caseId, notice, request, expectedVersion);
    return { notice: sent.notice, case: sent.view };
  }

  protected async written(db: EntityManager, record: NoticeRecord, notice: NoticeName, context: NoticeContext, sending: { authority: LocalAuthority }): Promise<NoticeResult> {
    const facts = caseFactsOf(record.snapshot);
    const limits = computeLimitRecords(facts, clockOptions(sending.authority));
    const orderDates = facts.order && (await orderDatesOf(db, facts.order.disputeId));
    return caseNotice({ ...context, notice, facts, limits, ...(orderDates && { orderDates }) });
  }

  protected recordNoticeSent(tx: EntityManager, context: RequestContext, caseId: string, event: NoticeSentEvent<NoticeName>, expectedVersion?: number): Promise<CaseView> {
    return this.cases.recordEventIn(tx, context.authority, caseId, event, caseActorOf(context), expectedVersion);
  }
}
