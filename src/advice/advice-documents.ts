import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { DocumentStage, DocumentStore, StoredContent } from '../documents/document-store.js';
import type { AdviceDocumentInput } from './advice-submission.js';

/** Advice received through the portal, as listed: never its content. */
export interface AdviceDocumentView {
  id: string;
  request: string;
  /** The ADVICE_RECEIVED line of the trail the upload recorded. */
  eventSeq: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  receivedOn: IsoDate;
  submittedBy: string;
  createdAt: string;
  /** A copy of earlier advice its contributor confirmed still stands (reg 6(4)): the original, until it is erased. */
  reusedFrom: string | null;
  /** The day the reused advice was first received; kept when the original is erased. */
  reusedReceivedOn: IsoDate | null;
}

export interface AdviceDocumentFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

const COLUMNS = `d.id, d.request, d.event_seq AS "eventSeq", d.filename, d.content_type AS "contentType", d.size_bytes AS "sizeBytes", d.sha256,
  to_char(d.received_on, 'YYYY-MM-DD') AS "receivedOn", d.submitted_by AS "submittedBy", to_json(d.created_at)#>>'{}' AS "createdAt",
  d.reused_from AS "reusedFrom", to_char(d.reused_received_on, 'YYYY-MM-DD') AS "reusedReceivedOn"`;

export function documentsOf(db: EntityManager, authorityId: string, caseId: string): Promise<AdviceDocumentView[]> {
  return db.query(`SELECT ${COLUMNS} FROM advice_document d WHERE d.local_authority_id = $1 AND d.case_id = $2 ORDER BY d.created_at, d.filename`, [authorityId, caseId]);
}

const CONTENT_COLUMNS = `d.content, d.storage_key AS "storageKey"`;

/** With each document's content, read through the store, as the subject-access export carries it. */
export async function documentContentsOf(db: EntityManager, store: DocumentStore, authorityId: string, caseId: string): Promise<(AdviceDocumentView & { contentBase64: string })[]> {
  const rows: (AdviceDocumentView & StoredContent)[] = await db.query(
    `SELECT ${COLUMNS}, ${CONTENT_COLUMNS} FROM advice_document d WHERE d.local_authority_id = $1 AND d.case_id = $2 ORDER BY d.created_at, d.filename`,
    [authorityId, caseId],
  );
  const documents = [];
  for (const { content, storageKey, ...row } of rows) {
    documents.push({ ...row, contentBase64: (await store.read({ content, storageKey, sha256: row.sha256 })).toString('base64') });
  }
  return documents;
}

/** One document of the case, or undefined (another case's or authority's is not found either). */
export async function documentFile(db: EntityManager, store: DocumentStore, authorityId: string, caseId: string, id: string): Promise<AdviceDocumentFile | undefined> {
  const [row]: ({ filename: string; contentType: string; sha256: string } & StoredContent)[] = await db.query(
    `SELECT d.filename, d.content_type AS "contentType", d.sha256, ${CONTENT_COLUMNS} FROM advice_document d WHERE d.local_authority_id = $1 AND d.case_id = $2 AND d.id = $3`,
    [authorityId, caseId, id],
  );
  return row && { filename: row.filename, contentType: row.contentType, content: await store.read(row) };
}

export interface ReceivedAdvice {
  authorityId: string;
  caseId: string;
  linkId: string;
  request: string;
  eventSeq: number;
  receivedOn: IsoDate;
  submittedBy: string;
}

/** A document as kept: `reusedFrom` when it is a copy of earlier advice confirmed as still standing. */
export type KeptDocument = AdviceDocumentInput & { reusedFrom?: { id: string; receivedOn: IsoDate } };

/** Each document's bytes go through the store's stage just before its row, which says where they are. */
export async function keepDocumentsIn(tx: EntityManager, stage: DocumentStage, received: ReceivedAdvice, documents: KeptDocument[]): Promise<void> {
  for (const document of documents) {
    const stored = await stage.put(document.content);
    await tx.query(
      `INSERT INTO advice_document (local_authority_id, case_id, link_id, request, event_seq, filename, content_type, size_bytes, sha256, content, storage_key, received_on, submitted_by,
         reused_from, reused_received_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [received.authorityId, received.caseId, received.linkId, received.request, received.eventSeq, document.filename, document.contentType,
        document.content.length, document.sha256, stored.content, stored.storageKey, received.receivedOn, received.submittedBy,
        document.reusedFrom?.id ?? null, document.reusedFrom?.receivedOn ?? null],
    );
  }
}
