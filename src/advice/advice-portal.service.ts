import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { caseFactsOf, CLOSED_STATUSES, type AdviceRequest, type CaseStatus, type IsoDate, type PersistedCaseSnapshot } from '../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { CaseTransitionRefusedError } from '../cases/cases.errors.js';
import { CasesService } from '../cases/cases.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DocumentStore, type DocumentStage } from '../documents/document-store.js';
import { DocumentStoreUnavailableError, FileInfectedError, VirusScannerUnavailableError } from '../documents/documents.errors.js';
import { VirusScanner } from '../documents/virus-scanner.js';
import { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { OutboxRelay } from '../queues/outbox.relay.js';
import { keepDocumentsIn, type AdviceDocumentFile, type KeptDocument } from './advice-documents.js';
import { tellCaseworkerIn } from './advice-received-notice.js';
import { copiesOf, reusableAdvice, stillStandsNote, type ReusableAdvice } from './advice-reuse.js';
import type { AdviceDocumentInput } from './advice-submission.js';
import { isTokenShaped, tokenDigest } from './advice-tokens.js';

/** What the page behind a link shows. */
export interface AdviceAsked {
  authority: string;
  reference: string;
  child: { givenName: string; familyName: string; dateOfBirth: IsoDate };
  request: AdviceRequest;
  dueOn: IsoDate | null;
  expiresOn: IsoDate;
  /** The SEN team's email and telephone, when the authority has set its notices' details. */
  team: { email?: string; telephone?: string };
  /** Earlier advice of the same body on the same child the contributor may confirm still stands (reg 6(4)). */
  reusable: ReusableAdvice[];
}

/** What a link's form sends: new documents, or the ids of earlier advice confirmed as still standing. */
export type AdviceAnswer = { documents: AdviceDocumentInput[] } | { stillStands: string[] };

/**
 * `not_offered`: the form named earlier advice the page does not offer; `refused`: a virus found,
 * or the scanner or the file store not answering. Either way nothing was kept.
 */
export type ReceiveOutcome = LinkOutcome | { state: 'not_offered'; asked: AdviceAsked } | { state: 'refused'; problem: { message: string; status: 422 | 503 } };

/**
 * `unusable`: unknown, revoked, or for a request the case no longer has or a closed case — one
 * answer for all, so the page tells nobody whether a guessed token ever existed.
 */
export type LinkOutcome = { state: 'open'; asked: AdviceAsked } | { state: 'used' | 'expired' | 'unusable' };

interface LinkRow {
  id: string;
  local_authority_id: string;
  case_id: string;
  child_id: string;
  request: string;
  contact_email: string;
  expires_on: IsoDate;
  revoked: boolean;
  used: boolean;
  reference: string;
  status: CaseStatus;
  snapshot: PersistedCaseSnapshot;
  given_name: string;
  family_name: string;
  date_of_birth: IsoDate;
  authority: string;
  team: AdviceAsked['team'] | null;
  due_on: IsoDate | null;
}

/**
 * The advice portal (issue 16 item 2): a contributor with no account, whose link's token is the
 * credential, reads what is asked and sends the advice. Receiving it records ADVICE_RECEIVED,
 * keeps the documents, spends the link and tells the caseworker, in one transaction.
 */
@Injectable()
export class AdvicePortalService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CasesService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly store: DocumentStore,
    private readonly scanner: VirusScanner,
    @Optional() private readonly outbox?: OutboxRelay,
  ) {}

  /**
   * The link's page; a page that shows the child is in the access log before it is answered,
   * and so is each earlier case whose advice it offers (its titles and dates are that case's).
   */
  async open(token: string, route: string): Promise<LinkOutcome> {
    const row = await this.linkRow(this.db.manager, token, false);
    const outcome = await this.offering(this.db.manager, row);
    if (outcome.state === 'open') {
      await this.accessLog.record(await this.contactContext(this.db.manager, row!), 'advice_link_read', route, casesOf(row!, outcome.asked.reusable));
    }
    return outcome;
  }

  /** Earlier advice the link's page offers, as it was received, for the contributor to read before confirming it. */
  async earlierFile(token: string, documentId: string, route: string): Promise<{ state: 'open'; file: AdviceDocumentFile } | Exclude<LinkOutcome, { state: 'open' }>> {
    const row = await this.linkRow(this.db.manager, token, false);
    const outcome = await this.offering(this.db.manager, row);
    if (outcome.state !== 'open') return outcome;
    const offered = outcome.asked.reusable.find((advice) => advice.id === documentId);
    if (!offered) throw new NotFoundError('earlier advice offered through this link', documentId);
    const [stored] = await this.db.query(`SELECT filename, content_type AS "contentType", sha256, content, storage_key AS "storageKey" FROM advice_document WHERE id = $1`, [offered.id]);
    const file = { filename: stored.filename, contentType: stored.contentType, content: await this.store.read(stored) };
    await this.accessLog.record(await this.contactContext(this.db.manager, row!), 'advice_document_read', route, [offered.caseId]);
    return { state: 'open', file };
  }

  /**
   * The advice, received today through the link: documents uploaded, or earlier advice the page
   * offers confirmed as still standing (reg 6(4)) and copied, by the same path. The link row is
   * locked first, so two answers through one link cannot both succeed, and the offer is worked
   * out again under that lock; a request the case refuses (withdrawn since) leaves nothing behind
   * and is the unusable link's page. Uploaded files pass the virus scanner first, and their bytes
   * go through the document store in the same transaction (`refused` when either says no).
   */
  async receive(token: string, answer: AdviceAnswer, route: string): Promise<ReceiveOutcome> {
    const current = this.outcomeOf(await this.linkRow(this.db.manager, token, false));
    if (current.state !== 'open') return current;
    try {
      // Scanned outside the transaction, so no lock waits on the scanner; copies of earlier advice were scanned when first received.
      if ('documents' in answer) await this.scanner.screen(answer.documents);
      const outcome = await this.store.transaction(this.db, (tx, stage) => this.receiveLocked(tx, stage, token, answer, route));
      this.outbox?.nudge();
      return outcome;
    } catch (error) {
      if (error instanceof FileInfectedError) return { state: 'refused', problem: { message: error.message, status: 422 } };
      if (error instanceof VirusScannerUnavailableError || error instanceof DocumentStoreUnavailableError) return { state: 'refused', problem: { message: error.message, status: 503 } };
      throw error;
    }
  }

  private async receiveLocked(tx: EntityManager, stage: DocumentStage, token: string, answer: AdviceAnswer, route: string): Promise<ReceiveOutcome> {
    const row = await this.linkRow(tx, token, true);
    const outcome = await this.offering(tx, row);
    if (outcome.state !== 'open') return outcome;
    const kept = await keptOf(tx, this.store, answer, outcome.asked.reusable);
    if (!kept) return { state: 'not_offered', asked: outcome.asked };
    try {
      await this.receiveIn(tx, stage, row!, outcome.asked, kept, route);
    } catch (error) {
      if (error instanceof CaseTransitionRefusedError) return { state: 'unusable' as const };
      throw error;
    }
    return outcome;
  }

  /** Everything receiving writes, in the order a refusal of ADVICE_RECEIVED leaves nothing written. */
  private async receiveIn(tx: EntityManager, stage: DocumentStage, row: LinkRow, asked: AdviceAsked, kept: Kept, route: string): Promise<void> {
    const today = this.clock.today();
    const context = await this.contactContext(tx, row);
    const note = kept.reused.length > 0 ? stillStandsNote(kept.reused, today) : undefined;
    const event = { type: 'ADVICE_RECEIVED' as const, occurredOn: today, contributor: asked.request.contributor, request: row.request, ...(note && { note }) };
    const recorded = await this.cases.recordEventIn(tx, context.authority, row.case_id, event, context.actor);
    const received = { authorityId: row.local_authority_id, caseId: row.case_id, linkId: row.id, request: row.request, eventSeq: recorded.version, receivedOn: today, submittedBy: context.actor };
    await keepDocumentsIn(tx, stage, received, kept.documents);
    await tx.query(`UPDATE advice_link SET used_at = now() WHERE id = $1`, [row.id]);
    await tellCaseworkerIn(tx, received, { reference: row.reference, dueOn: row.due_on, at: this.clock.now(), reused: kept.reused.length > 0 }, this.config.queues);
    // The upload's line commits with it: advice kept and not logged cannot happen.
    await this.accessLog.record(context, 'advice_upload', route, [row.case_id], tx);
    // Copying earlier advice reads it from its own case.
    await this.accessLog.record(context, 'advice_document_read', route, [...new Set(kept.reused.map((r) => r.caseId))], tx);
  }

  /** The link's outcome, with the earlier advice it offers when it is open. */
  private async offering(db: EntityManager, row: LinkRow | undefined): Promise<LinkOutcome> {
    const outcome = this.outcomeOf(row);
    if (outcome.state !== 'open') return outcome;
    const asked = { authorityId: row!.local_authority_id, caseId: row!.case_id, childId: row!.child_id, request: outcome.asked.request, contactEmail: row!.contact_email };
    outcome.asked.reusable = await reusableAdvice(db, asked, this.clock.today());
    return outcome;
  }

  private outcomeOf(row: LinkRow | undefined): LinkOutcome {
    if (!row || row.revoked || CLOSED_STATUSES.includes(row.status)) return { state: 'unusable' };
    const request = caseFactsOf(row.snapshot).advice.find((a) => a.name === row.request);
    if (!request) return { state: 'unusable' };
    if (row.used || request.receivedOn) return { state: 'used' };
    if (row.expires_on < this.clock.today()) return { state: 'expired' };
    const child = { givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth };
    return { state: 'open', asked: { authority: row.authority, reference: row.reference, child, request, dueOn: row.due_on, expiresOn: row.expires_on, team: row.team ?? {}, reusable: [] } };
  }

  private async linkRow(db: EntityManager, token: string, lock: boolean): Promise<LinkRow | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const [row] = await db.query(
      `SELECT l.id, l.local_authority_id, l.case_id, l.request, l.contact_email, c.child_id, to_char(l.expires_on, 'YYYY-MM-DD') AS expires_on,
         l.revoked_at IS NOT NULL AS revoked, l.used_at IS NOT NULL AS used, c.reference, c.status, c.snapshot, c.child_given_name AS given_name,
         c.child_family_name AS family_name, to_char(c.child_date_of_birth, 'YYYY-MM-DD') AS date_of_birth, a.name AS authority,
         jsonb_strip_nulls(jsonb_build_object('email', a.notice_details->>'email', 'telephone', a.notice_details->>'phone')) AS team,
         to_char(d.due_on, 'YYYY-MM-DD') AS due_on
       FROM advice_link_token t JOIN advice_link l ON l.id = t.link_id JOIN ehc_case c ON c.id = l.case_id JOIN local_authority a ON a.id = l.local_authority_id
       LEFT JOIN case_deadline d ON d.case_id = l.case_id AND d.name = l.request
       WHERE t.token_sha256 = $1 ${lock ? 'FOR UPDATE OF l' : ''}`,
      [tokenDigest(token)],
    );
    return row;
  }

  /** The contact acts for the link's authority, named by the address the link was sent to. */
  private async contactContext(db: EntityManager, row: LinkRow): Promise<RequestContext> {
    const authority = await db.getRepository(LocalAuthority).findOneByOrFail({ id: row.local_authority_id });
    return { authority, actor: `advice-link:${row.contact_email}` };
  }
}

interface Kept {
  documents: KeptDocument[];
  /** The earlier advice confirmed as still standing, when that is the answer. */
  reused: ReusableAdvice[];
}

/** The documents an answer keeps; undefined when it names earlier advice the link does not offer (or none). */
async function keptOf(tx: EntityManager, store: DocumentStore, answer: AdviceAnswer, offered: ReusableAdvice[]): Promise<Kept | undefined> {
  if ('documents' in answer) return { documents: answer.documents, reused: [] };
  const chosen = offered.filter((advice) => answer.stillStands.includes(advice.id));
  if (chosen.length === 0 || chosen.length !== new Set(answer.stillStands).size) return undefined;
  return { documents: await copiesOf(tx, store, chosen), reused: chosen };
}

/** The link's case, then each other case whose advice is offered. */
function casesOf(row: LinkRow, offered: ReusableAdvice[]): string[] {
  return [...new Set([row.case_id, ...offered.map((advice) => advice.caseId)])];
}
