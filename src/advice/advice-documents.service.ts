import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessLogService } from '../access-log/access-log.service.js';
import { NotFoundError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { DocumentStore } from '../documents/document-store.js';
import { documentFile, documentsOf, type AdviceDocumentFile, type AdviceDocumentView } from './advice-documents.js';

/** The advice a case received through the portal, for its caseworker: each read in the access log, since advice describes the child. */
@Injectable()
export class AdviceDocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
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
}

/**
 * `attachment`, so a browser never renders an upload in this site's origin; the name as kept, with
 * an ASCII fallback and the UTF-8 name (RFC 6266).
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
