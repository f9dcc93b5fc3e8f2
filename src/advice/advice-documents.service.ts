import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { caseFactsOf, CLOSED_STATUSES } from '../../workflows/ehc-needs-assessment/index.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { DocumentStore } from '../documents/document-store.js';
import { documentFile, documentsOf, type AdviceDocumentFile, type AdviceDocumentView } from './advice-documents.js';
import { reusableAdvice, type ReusableAdvice } from './advice-reuse.js';

/** The advice a case received through the portal, for its caseworker: each read in the access log, since advice describes the child. */
@Injectable()
export class AdviceDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly store: DocumentStore,
  ) {}

  async list(context: RequestContext, route: string, caseId: string): Promise<AdviceDocumentView[]> {
    const [found] = await this.db.query(`SELECT 1 FROM ehc_case WHERE id = $1 AND local_authority_id = $2`, [caseId, context.authority.id]);
    if (!found) throw new NotFoundError('case', caseId);
    const documents = await documentsOf(this.db.manager, context.authority.id, caseId);
    await this.accessLog.record(context, 'advice_document_read', route, [caseId]);
    return documents;
  }

  async file(context: RequestContext, route: string, caseId: string, documentId: string): Promise<AdviceDocumentFile> {
    const file = await documentFile(this.db.manager, this.store, context.authority.id, caseId, documentId);
    if (!file) throw new NotFoundError(`advice document of case ${caseId}`, documentId);
    await this.accessLog.record(context, 'advice_document_read', route, [caseId]);
    return file;
  }

  /**
   * What the link's page offers for reuse today (reg 6(4)), as its contributor sees it: nothing
   * once the link is used, revoked or expired, its advice received, or the case closed. The
   * earlier cases it names are in the access log with this one.
   */
  async reusable(context: RequestContext, route: string, caseId: string, linkId: string): Promise<ReusableAdvice[]> {
    const today = this.clock.today();
    const [link] = await this.db.query(
      `SELECT l.request, l.contact_email, c.child_id, c.snapshot, c.status, l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_on >= $4::date AS live
       FROM advice_link l JOIN ehc_case c ON c.id = l.case_id AND c.local_authority_id = l.local_authority_id
       WHERE l.id = $1 AND l.case_id = $2 AND l.local_authority_id = $3`,
      [linkId, caseId, context.authority.id, today],
    );
    if (!link) throw new NotFoundError(`advice link of case ${caseId}`, linkId);
    const request = caseFactsOf(link.snapshot).advice.find((a) => a.name === link.request);
    const open = link.live && request && !request.receivedOn && !CLOSED_STATUSES.includes(link.status);
    const offered = open ? await reusableAdvice(this.db.manager, { authorityId: context.authority.id, caseId, childId: link.child_id, request: request!, contactEmail: link.contact_email }, today) : [];
    await this.accessLog.record(context, 'advice_document_read', route, [...new Set([caseId, ...offered.map((advice) => advice.caseId)])]);
    return offered;
  }
}

/**
 * `attachment`, so a browser never renders an upload in this site's origin; the name as kept, with
 * an ASCII fallback and the UTF-8 name (RFC 6266).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
