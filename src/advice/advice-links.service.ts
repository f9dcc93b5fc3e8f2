import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { caseFactsOf, type AdviceRequest, type PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import type { EhcCase } from '../cases/ehc-case.entity.js';
import { CasesService } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import type { NewEvent } from '../cases/case-store.js';
import { issueLinkIn, linkOf, linksOf, revokeLiveIn, type AdviceLinkView } from './advice-links.js';

/**
 * The advice portal's links, as the caseworker handles them (issue 16 item 2): one is made and
 * emailed with every advice request that names a contact email, in the request's transaction;
 * a caseworker re-issues one (a lost email, a corrected contact) or revokes it.
 */
@Injectable()
export class AdviceLinksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.cases.onEventWritten('ADVICE_REQUESTED', (tx, authority, written, event) => this.linkNewRequest(tx, authority, written, event));
  }

  /** Without a mail server no link is made: nobody could ever receive it. */
  private async linkNewRequest(tx: EntityManager, authority: LocalAuthority, written: EhcCase, event: NewEvent): Promise<void> {
    const email = (event.payload.contact as AdviceRequest['contact'])?.email;
    if (!email || !this.config.queues.smtpUrl) return;
    const request = caseFactsOf(written.snapshot).advice.filter((a) => a.contributor === event.payload.contributor).at(-1)!;
    await issueLinkIn(tx, { authorityId: authority.id, caseId: written.id, request: request.name, contactEmail: email, daysAfterDue: this.config.advice.linkDaysAfterDue, createdBy: event.actor, today: this.clock.today() });
  }

  /** Another authority's case is not found, as its other routes answer. */
  async list(context: RequestContext, caseId: string): Promise<AdviceLinkView[]> {
    const [found] = await this.db.query(`SELECT 1 FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, [caseId, context.authority.id]);
    if (!found) throw new NotFoundError('case', caseId);
    return linksOf(this.db.manager, context.authority.id, caseId, this.clock.today());
  }

  /** A new link for an awaited request with a contact email, the live one (if any) revoked; under the case row's lock. */
  async reissue(context: RequestContext, caseId: string, request: string): Promise<AdviceLinkView> {
    if (!this.config.queues.smtpUrl) {
      throw new DomainError('ADVICE_LINK_EMAIL_NOT_CONFIGURED', 'This service has no mail server (SMTP_URL is not set), so it cannot email an advice link: ask IT to set SMTP_URL.');
    }
    const id = await this.db.transaction(async (tx) => {
      const awaited = await this.awaitedRequest(tx, context, caseId, request);
      const email = awaited.contact?.email;
      if (!email) throw new DomainError('ADVICE_LINK_REFUSED', `The request ${request} names no contact email to send the link to: correct the ADVICE_REQUESTED event to add one.`);
      return issueLinkIn(tx, { authorityId: context.authority.id, caseId, request, contactEmail: email, daysAfterDue: this.config.advice.linkDaysAfterDue, createdBy: context.actor, today: this.clock.today() });
    });
    this.outbox?.nudge();
    return linkOf(this.db.manager, id, this.clock.today());
  }

  async revoke(context: RequestContext, caseId: string, request: string): Promise<AdviceLinkView> {
    const id = await this.db.transaction(async (tx) => {
      await this.caseSnapshot(tx, context, caseId);
      const revoked = await revokeLiveIn(tx, context.authority.id, caseId, request, context.actor);
      if (!revoked) throw new NotFoundError(`working advice link for request ${request} on case`, caseId);
      return revoked;
    });
    return linkOf(this.db.manager, id, this.clock.today());
  }

  private async awaitedRequest(tx: EntityManager, context: RequestContext, caseId: string, request: string): Promise<AdviceRequest> {
    const snapshot = await this.caseSnapshot(tx, context, caseId);
    const found = caseFactsOf(snapshot).advice.find((a) => a.name === request);
    if (!found) throw new DomainError('ADVICE_LINK_REFUSED', `The case has no advice request ${request}: name one as its deadline is named (advice.health, advice.health.2).`);
    if (found.receivedOn) throw new DomainError('ADVICE_LINK_REFUSED', `The advice of ${request} was received on ${found.receivedOn}: no link is needed.`);
    return found;
  }

  /** The case row, locked: links change in the order of the case's own changes. */
  private async caseSnapshot(tx: EntityManager, context: RequestContext, caseId: string): Promise<PersistedCaseSnapshot> {
    const [row] = await tx.query(`SELECT snapshot FROM ehc_case WHERE id = $1 AND local_authority_id = $2 FOR UPDATE`, [caseId, context.authority.id]);
    if (!row) throw new NotFoundError('case', caseId);
    return row.snapshot;
  }
}
