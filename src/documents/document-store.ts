import type { DataSource, EntityManager } from 'typeorm';

/** Where one document's bytes are: in its own row (`content`) or in the object store (`storageKey`), never both. */
export interface StoredContent {
  content: Buffer | null;
  storageKey: string | null;
}

/** A document row's content columns, with the digest its bytes must have. */
export interface StoredDocument extends StoredContent {
  sha256: string;
}

/** Puts one document's bytes where the store keeps them, inside the transaction that inserts its row. */
export interface DocumentStage {
  /** Call it just before the row's INSERT, and put the answer in the row's `content` and `storage_key`. */
  put(content: Buffer): Promise<StoredContent>;
}

/**
 * Where uploaded files live (issue 16 item 2): PostgreSQL by default, an S3-compatible store when
 * configured. A document row always keeps its name, type, size and SHA-256; only the bytes move.
 */
export abstract class DocumentStore {
  abstract readonly kind: 'postgres' | 's3';

  /**
   * `work` in one database transaction, with a stage to put bytes through. An object written for
   * a transaction that then does not commit is deleted again, so a failed upload leaves nothing.
   */
  abstract transaction<T>(db: DataSource, work: (tx: EntityManager, stage: DocumentStage) => Promise<T>): Promise<T>;

  /** The bytes of one document, checked against its SHA-256. */
  abstract read(document: StoredDocument): Promise<Buffer>;

  /**
   * Deletes the objects whose documents are gone (erased, or written by a transaction that did
   * not commit and could not be cleaned up at once); what cannot be deleted now stays listed.
   */
  abstract deleteReleased(db: DataSource): Promise<{ deleted: number; failed: number }>;

  /** Throws when the store cannot be reached; for the health check. */
  abstract ping(): Promise<void>;
}
