import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { planFactsOf, type PlanNoticeName } from '../../workflows/ehc-plan/index.js';
import type { NoticeContext, NoticeResult } from '../../workflows/notices/notice-document.js';
import { reassessmentOrderOf } from './order-dates.js';
import { planNotice } from '../../workflows/notices/plan-notices.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { caseActorOf } from '../cases/case-actor.js';
import { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { PlanView } from '../plans/plan-view.js';
import { planClockOptions, PlansService } from '../plans/plans.service.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { NoticeSettingsService } from './notice-settings.service.js';
import type { SendNoticeRequest } from './notice-sending.js';
import { RecordNotices, type NoticeRecord, type NoticeSentEvent } from './record-notices.js';
import { PLAN_NOTICE_STORE, type SentNoticeView } from './sent-notices.js';

export interface SentPlanNotice {
  notice: SentNoticeView;
  plan: PlanView;
}

/**
 * The statutory notices of a maintained plan (review decision, amendment notice, amended plan or
 * decision not to amend, re-assessment decision, cease decision, transfer notice), dated from the
 * plan's clock in the authority's day counting.
 */
@Injectable()
export class PlanNoticesService extends RecordNotices<PlanNoticeName, PlanView> {
  constructor(
    @InjectDataSource() db: DataSource,
    settings: NoticeSettingsService,
    private readonly plans: PlansService,
    accessLog: AccessLogService,
    clock: Clock,
    @Inject(AppConfigToken) config: AppConfig,
    @Optional() outbox?: OutboxRelay,
  ) {
    super({ db, settings, accessLog, clock, config, outbox }, PLAN_NOTICE_STORE, 'plan_notice_read');
  }

  async send(context: RequestContext, planId: string, notice: PlanNoticeName, request: SendNoticeRequest, expectedVersion?: number): Promise<SentPlanNotice> {
    const sent = await this.sendAndKeep(context, planId, notice, request, expectedVersion);
    return { notice: sent.notice, plan: sent.view };
  }

  protected async written(db: EntityManager, record: NoticeRecord, notice: PlanNoticeName, context: NoticeContext, sending: { recipient: string; authority: LocalAuthority }): Promise<NoticeResult> {
    const reassessmentOrder = notice === 'reassessment_decision' ? await reassessmentOrderOf(db, record.id) : undefined;
    return planNotice({ ...context, notice, facts: planFactsOf(record.snapshot), options: planClockOptions(sending.authority), recipient: sending.recipient, ...(reassessmentOrder && { reassessmentOrder }) });
  }

  protected recordNoticeSent(tx: EntityManager, context: RequestContext, planId: string, event: NoticeSentEvent<PlanNoticeName>, expectedVersion?: number): Promise<PlanView> {
    return this.plans.recordEventIn(tx, context.authority, planId, event, caseActorOf(context), expectedVersion);
  }
}
