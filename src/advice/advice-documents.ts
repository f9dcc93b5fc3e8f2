import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
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

/** With each document's content, as the subject-access export carries it. */
export async function documentContentsOf(db: EntityManager, authorityId: string, caseId: string): Promise<(AdviceDocumentView & { contentBase64: string })[]> {
  const rows: (AdviceDocumentView & { content: Buffer })[] = await db.query(
    `SELECT ${COLUMNS}, d.content FROM advice_document d WHERE d.local_authority_id = $1 AND d.case_id = $2 ORDER BY d.created_at, d.filename`,
    [authorityId, caseId],
  );
  return rows.map(({ content, ...row }) => ({ ...row, contentBase64: content.toString('base64') }));
}

/** One document of the case, or undefined (another case's or authority's is not found either). */
export async function documentFile(db: EntityManager, authorityId: string, caseId: string, id: string): Promise<AdviceDocumentFile | undefined> {
  const [row] = await db.query(
    `SELECT filename, content_type AS "contentType", content FROM advice_document WHERE local_authority_id = $1 AND case_id = $2 AND id = $3`,
    [authorityId, caseId, id],
  );
  return row;
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

export async function keepDocumentsIn(tx: EntityManager, received: ReceivedAdvice, documents: KeptDocument[]): Promise<void> {
  for (const document of documents) {
    await tx.query(
      `INSERT INTO advice_document (local_authority_id, case_id, link_id, request, event_seq, filename, content_type, size_bytes, sha256, content, received_on, submitted_by,
         reused_from, reused_received_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [received.authorityId, received.caseId, received.linkId, received.request, received.eventSeq, document.filename, document.contentType,
        document.content.length, document.sha256, document.content, received.receivedOn, received.submittedBy,
        document.reusedFrom?.id ?? null, document.reusedFrom?.receivedOn ?? null],
    );
  }
}
