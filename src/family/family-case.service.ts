import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessLogService } from '../access-log/access-log.service.js';
import type { CaseView } from '../cases/case-view.js';
import { CasesService } from '../cases/cases.service.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { FamilyMessagesService, type FamilyOwnMessage } from './family-messages.service.js';
import { CASE_NOTICE_STORE, keptNotice, type KeptNotice, PLAN_NOTICE_STORE, sentNoticesOf, type SentNoticeView } from '../notices/sent-notices.js';
import type { PlanView } from '../plans/plan-view.js';
import { PlansService } from '../plans/plans.service.js';

/** A case a family member may see, as their list shows it. */
export interface FamilyCaseSummary {
  id: string;
  reference: string;
  childName: string;
  authority: string;
}

/** What the family's case page is built from: the case, its notices, their messages, the caseworker, the authority. */
export interface FamilyCase {
  view: CaseView;
  notices: SentNoticeView[];
  messages: FamilyOwnMessage[];
  /** The EHC plan the assessment's final plan made, with the notices sent on it: the child's record from then on. */
  plan: { view: PlanView; notices: SentNoticeView[] } | null;
  caseworkerEmail: string | null;
  authority: LocalAuthority;
}

/**
 * The family's reads of their own case (design section 8): only a case the signed-in email is an
 * active contact on, checked on every read, so a revoked contact loses it at once; another case
 * is "not found", as it is for another authority's staff. Every read is in the access log.
 */
@Injectable()
export class FamilyCaseService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    private readonly messages: FamilyMessagesService,
    private readonly plans: PlansService,
  ) {}

  async casesOf(email: string): Promise<FamilyCaseSummary[]> {
    return this.db.query(
      `SELECT c.id, c.reference, c.child_given_name || ' ' || c.child_family_name AS "childName", a.name AS authority
       FROM family_contact f JOIN ehc_case c ON c.id = f.case_id JOIN local_authority a ON a.id = f.local_authority_id
       WHERE f.email = $1 AND f.revoked_at IS NULL ORDER BY c.request_received_on DESC, c.reference`,
      [email],
    );
  }

  async caseOf(email: string, caseId: string, route: string): Promise<FamilyCase> {
    const authority = await this.authorityFor(email, caseId);
    const view = await this.cases.get(authority, caseId);
    const notices = await sentNoticesOf(this.db.manager, CASE_NOTICE_STORE, authority.id, caseId);
    const messages = await this.messages.sentBy(email, caseId);
    const plan = await this.planOf(authority, caseId);
    const [caseworker] = await this.db.query(`SELECT email FROM user_account WHERE id::text = $1 AND local_authority_id = $2`, [view.assignee, authority.id]);
    await this.accessLog.record(this.readerOf(email, authority), 'family_case_read', route, [caseId]);
    return { view, notices, messages, plan, caseworkerEmail: caseworker?.email ?? null, authority };
  }

  /** A notice sent on the case, or on the plan the case made, as the family received it. */
  async notice(email: string, caseId: string, wanted: { of: 'case' | 'plan'; notice: string; version: number }, route: string): Promise<KeptNotice> {
    const authority = await this.authorityFor(email, caseId);
    const ownerId = wanted.of === 'case' ? caseId : await this.planIdOf(authority, caseId);
    const store = wanted.of === 'case' ? CASE_NOTICE_STORE : PLAN_NOTICE_STORE;
    const kept = ownerId && (await keptNotice(this.db.manager, store, authority.id, ownerId, wanted.notice, wanted.version));
    if (!kept) throw new NotFoundError('notice', `${wanted.notice} version ${wanted.version}`);
    await this.accessLog.record(this.readerOf(email, authority), 'family_case_read', route, [caseId]);
    return kept;
  }

  private async planOf(authority: LocalAuthority, caseId: string): Promise<FamilyCase['plan']> {
    const planId = await this.planIdOf(authority, caseId);
    if (!planId) return null;
    return { view: await this.plans.get(authority, planId), notices: await sentNoticesOf(this.db.manager, PLAN_NOTICE_STORE, authority.id, planId) };
  }

  private async planIdOf(authority: LocalAuthority, caseId: string): Promise<string | undefined> {
    const [plan] = await this.db.query(`SELECT id FROM ehc_plan WHERE case_id = $1 AND local_authority_id = $2`, [caseId, authority.id]);
    return plan?.id;
  }

  /** The case's authority, when `email` may see the case; otherwise the case is not found. */
  private async authorityFor(email: string, caseId: string): Promise<LocalAuthority> {
    const [contact] = await this.db.query(`SELECT local_authority_id FROM family_contact WHERE email = $1 AND case_id = $2 AND revoked_at IS NULL`, [email, caseId]);
    if (!contact) throw new NotFoundError('case', caseId);
    return this.db.getRepository(LocalAuthority).findOneByOrFail({ id: contact.local_authority_id });
  }

  private readerOf(email: string, authority: LocalAuthority): RequestContext {
    return { authority, actor: `family:${email}` };
  }
}
