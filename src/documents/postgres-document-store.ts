import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DocumentStoreUnavailableError } from './documents.errors.js';
import { DocumentStore, type DocumentStage, type StoredDocument } from './document-store.js';
import { checkedContent } from './stored-content.js';

/** The default: bytes in the document's own row, so they commit and roll back with it. */
export class PostgresDocumentStore extends DocumentStore {
  readonly kind = 'postgres';
  private readonly logger = new Logger(PostgresDocumentStore.name);

  transaction<T>(db: DataSource, work: (tx: EntityManager, stage: DocumentStage) => Promise<T>): Promise<T> {
    const stage: DocumentStage = { put: async (content) => ({ content, storageKey: null }) };
    return db.transaction((tx) => work(tx, stage));
  }

  async read(document: StoredDocument): Promise<Buffer> {
    // A row written while DOCUMENT_STORE was s3 keeps only its key: reaching it needs that store again.
    if (document.content === null) throw new DocumentStoreUnavailableError('This file is kept in the S3-compatible store, and DOCUMENT_STORE is not s3.');
    return checkedContent(document, document.content);
  }

  /** Nothing of this store is ever released; objects listed from a time with S3 wait for it to be configured again. */
  async deleteReleased(db: DataSource): Promise<{ deleted: number; failed: number }> {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM stored_object WHERE released_at IS NOT NULL`);
    if (n > 0) this.logger.warn(`${n} objects in the S3-compatible store are due for deletion, but DOCUMENT_STORE is not s3: they stay until it is configured again`);
    return { deleted: 0, failed: n };
  }

  async ping(): Promise<void> {}
}
