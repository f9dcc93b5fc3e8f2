import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessLogService, type AccessLogEntry } from '../access-log/access-log.service.js';
import { AuthOptions } from '../auth/auth-options.js';
import { CasesService } from '../cases/cases.service.js';
import { ChildrenService, type ChildIdentityChange, type ChildView } from '../children/children.service.js';
import type { CaseEventView, CaseView } from '../cases/case-view.js';
import { Clock } from '../common/clock.js';
import type { PlanView } from '../plans/plan-view.js';
import { PlansService, type PlanEventView } from '../plans/plans.service.js';
import { PlanSen2Service, type PlanSen2View } from '../plans/plan-sen2.service.js';
import type { RequestContext } from '../common/request-context.js';
import { CASE_NOTICE_STORE, PLAN_NOTICE_STORE, sentNoticeDocumentsOf, type SentNoticeDocument } from '../notices/sent-notices.js';
import { periodsEndedBefore } from './retention-rule.js';
import { documentContentsOf } from '../advice/advice-documents.js';
import type { FamilyContactDto } from '../family/family-contacts.dto.js';
import { FamilyContactsService } from '../family/family-contacts.service.js';
import { type FamilyExport, FamilyMessagesService } from '../family/family-messages.service.js';
import { DocumentStore } from '../documents/document-store.js';
import { linksOf, type AdviceLinkView } from '../advice/advice-links.js';

export interface SubjectAccessExport {
  exportedAt: string;
  exportedBy: string;
  case: CaseView;
  trail: CaseEventView[];
  accessLog: AccessLogEntry[];
  /** Every statutory notice sent on the case, each version as it went out (its text, HTML and PDF) and the state of its email. */
  notices: SentNoticeDocument[];
  /** The advice portal's links of the case (never a token) and every document received through them, its content in base64. */
  advice: { links: AdviceLinkView[]; documents: Awaited<ReturnType<typeof documentContentsOf>> };
  /** Who in the family may see the case, what they sent (with its documents) and were answered, and every update emailed to them. */
  family: { contacts: FamilyContactDto[] } & FamilyExport;
  /** The child record the case names (its SEN2 identity items), every change of them with who made it, and who read it. */
  child: { record: ChildView; identityChanges: ChildIdentityChange[]; accessLog: AccessLogEntry[] };
  /**
   * The maintained plan the case's final plan made, with its trail, its SEN2 items (needs, budget,
   * placements) and every change of them with who made it, and who read it; null before one exists.
   */
  plan: { plan: PlanView; trail: PlanEventView[]; notices: SentNoticeDocument[]; sen2: PlanSen2View; sen2Changes: Record<string, unknown>[]; accessLog: AccessLogEntry[] } | null;
}

/** `GET /api/plans/:id/export`: the plan as the case export carries it, the child, and the case that made it (which has its own export). */
export interface PlanSubjectAccessExport {
  exportedAt: string;
  exportedBy: string;
  plan: NonNullable<SubjectAccessExport['plan']>;
  child: SubjectAccessExport['child'];
  caseId: string | null;
}

export interface RetentionDue {
  id: string;
  reference: string;
  status: string;
  closedOn: string;
  retainUntil: string;
}

/** UK GDPR Art. 15 (right of access) and Art. 5(1)(e) (storage limitation). */
@Injectable()
export class DataProtectionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly plans: PlansService,
    private readonly planSen2: PlanSen2Service,
    private readonly children: ChildrenService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly options: AuthOptions,
    private readonly store: DocumentStore,
    private readonly familyContacts: FamilyContactsService,
    private readonly familyMessages: FamilyMessagesService,
  ) {}

  /** Everything held about the child of one case, its plan included; the export itself is logged first, and so appears in it. */
  async export(context: RequestContext, caseId: string): Promise<SubjectAccessExport> {
    const route = 'GET /api/cases/:id/export';
    const record = await this.cases.get(context.authority, caseId);
    const trail = await this.cases.trail(context.authority, caseId);
    await this.accessLog.record(context, 'case_export', route, [caseId]);
    const accessLog = await this.accessLog.find(context.authority.id, { caseId });
    const child = await this.childOf(context, route, record.childId);
    const plan = record.planId === null ? null : await this.planOf(context, route, record.planId);
    const notices = await sentNoticeDocumentsOf(this.db.manager, CASE_NOTICE_STORE, context.authority.id, caseId);
    const advice = { links: await linksOf(this.db.manager, context.authority.id, caseId, this.clock.today()), documents: await documentContentsOf(this.db.manager, this.store, context.authority.id, caseId) };
    const family = { contacts: await this.familyContacts.list(context, caseId), ...(await this.familyMessages.exportOf(context.authority.id, caseId)) };
    return { exportedAt: this.clock.now().toISOString(), exportedBy: context.actor, case: record, trail, accessLog, notices, advice, family, child, plan };
  }

  /**
   * The same for a maintained plan, which a plan entered directly (transferred in, or from before
   * the engine) reaches by no case: the plan, its trail and notices, its SEN2 items and the child.
   */
  async exportPlan(context: RequestContext, planId: string): Promise<PlanSubjectAccessExport> {
    const route = 'GET /api/plans/:id/export';
    const plan = await this.plans.get(context.authority, planId);
    await this.accessLog.record(context, 'plan_export', route, [planId]);
    const child = await this.childOf(context, route, plan.childId);
    return { exportedAt: this.clock.now().toISOString(), exportedBy: context.actor, plan: await this.planOf(context, route, planId), child, caseId: plan.caseId };
  }

  private async childOf(context: RequestContext, route: string, childId: string): Promise<SubjectAccessExport['child']> {
    const record = await this.children.get(context.authority, childId);
    const identityChanges = await this.children.changes(context.authority, childId);
    await this.accessLog.record(context, 'child_read', route, [childId]);
    return { record, identityChanges, accessLog: await this.accessLog.find(context.authority.id, { childId }) };
  }

  private async planOf(context: RequestContext, route: string, planId: string): Promise<NonNullable<SubjectAccessExport['plan']>> {
    const plan = await this.plans.get(context.authority, planId);
    const trail = await this.plans.trail(context.authority, planId);
    const sen2 = await this.planSen2.get(context.authority, planId);
    const sen2Changes = await this.planSen2.changes(context.authority, planId);
    const notices = await sentNoticeDocumentsOf(this.db.manager, PLAN_NOTICE_STORE, context.authority.id, planId);
    await this.accessLog.record(context, 'plan_read', route, [planId]);
    return { plan, trail, notices, sen2, sen2Changes, accessLog: await this.accessLog.find(context.authority.id, { planId }) };
  }

  /** Closed cases whose retention period (RETENTION_YEARS from the closing event) has run out, for review. */
  async retentionDue(authorityId: string): Promise<RetentionDue[]> {
    const periods = await periodsEndedBefore(this.db.manager, authorityId, this.options.retentionYears, this.clock.today());
    return periods.map(({ id, reference, status, closedOn, retainUntil }) => ({ id, reference, status, closedOn, retainUntil }));
  }
}
