import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { S3StoreConfig } from '../config/documents-config.js';
import { DocumentStoreUnavailableError } from './documents.errors.js';
import { DocumentStore, type DocumentStage, type StoredContent, type StoredDocument } from './document-store.js';
import { checkedContent } from './stored-content.js';

/** Objects deleted per run of deleteReleased: the rest wait for the next. */
const RELEASE_BATCH = 1_000;
const UNREACHABLE = 'The file store could not be reached.';

/**
 * Bytes in an S3-compatible bucket, each under a random 256-bit key (never the file's name, which
 * describes the child). Every key is listed in `stored_object` in the transaction of its document,
 * so the database knows every object the bucket should hold, and which are due for deletion.
 */
export class S3DocumentStore extends DocumentStore implements OnApplicationShutdown {
  readonly kind = 's3';
  private readonly logger = new Logger(S3DocumentStore.name);
  private readonly client: S3Client;

  constructor(private readonly config: S3StoreConfig) {
    super();
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      credentials: config.credentials,
      forcePathStyle: config.forcePathStyle,
      // Many S3-compatible servers do not know the newer CRC checksums the SDK sends by default.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  async transaction<T>(db: DataSource, work: (tx: EntityManager, stage: DocumentStage) => Promise<T>): Promise<T> {
    const written: string[] = [];
    try {
      return await db.transaction((tx) => work(tx, { put: (content) => this.put(tx, content, written) }));
    } catch (error) {
      await this.discard(db, written);
      throw error;
    }
  }

  async read(document: StoredDocument): Promise<Buffer> {
    if (document.content !== null) return checkedContent(document, document.content);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: document.storageKey! }));
      return checkedContent(document, Buffer.from(await object.Body!.transformToByteArray()));
    } catch (error) {
      if (error instanceof DocumentStoreUnavailableError) throw error;
      this.logger.error(`Reading object ${document.storageKey} failed: ${(error as Error).message}`);
      throw new DocumentStoreUnavailableError(error instanceof NoSuchKey ? 'The file store holds no copy of this file.' : UNREACHABLE);
    }
  }

  async deleteReleased(db: DataSource): Promise<{ deleted: number; failed: number }> {
    const rows: { storage_key: string }[] = await db.query(
      `SELECT storage_key FROM stored_object WHERE released_at IS NOT NULL ORDER BY released_at LIMIT ${RELEASE_BATCH}`,
    );
    let deleted = 0;
    for (const { storage_key: key } of rows) {
      if (await this.deleteReleasedObject(db, key)) deleted++;
    }
    return { deleted, failed: rows.length - deleted };
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  /** The key is listed before the bytes go, so a failed put is cleaned up like any other. */
  private async put(tx: EntityManager, content: Buffer, written: string[]): Promise<StoredContent> {
    const key = randomBytes(32).toString('base64url');
    await tx.query(`INSERT INTO stored_object (storage_key) VALUES ($1)`, [key]);
    written.push(key);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: content, ContentType: 'application/octet-stream' }));
    } catch (error) {
      this.logger.error(`Writing object ${key} failed: ${(error as Error).message}`);
      throw new DocumentStoreUnavailableError(UNREACHABLE);
    }
    return { content: null, storageKey: key };
  }

  /**
   * The objects of a transaction that did not commit. One whose key is listed after all committed
   * (its acknowledgement was lost) is kept; one that cannot be deleted now is listed as released,
   * for the nightly prune; when even that fails, the log names it.
   */
  private async discard(db: DataSource, written: string[]): Promise<void> {
    if (written.length === 0) return;
    let committed: string[];
    try {
      committed = (await db.query(`SELECT storage_key FROM stored_object WHERE storage_key = ANY($1)`, [written])).map((row: { storage_key: string }) => row.storage_key);
    } catch (error) {
      this.logger.error(`An upload's transaction failed and the database cannot say whether it committed; objects left in the store: ${written.join(', ')} (${(error as Error).message})`);
      return;
    }
    for (const key of written.filter((k) => !committed.includes(k))) await this.discardObject(db, key);
  }

  private async discardObject(db: DataSource, key: string): Promise<void> {
    try {
      await this.deleteObject(key);
      this.logger.warn(`Deleted object ${key}: the transaction it was written for did not commit`);
    } catch (error) {
      try {
        await db.query(`INSERT INTO stored_object (storage_key, released_at, last_error) VALUES ($1, now(), $2) ON CONFLICT (storage_key) DO NOTHING`, [key, (error as Error).message]);
        this.logger.error(`Object ${key} of a transaction that did not commit could not be deleted (${(error as Error).message}): listed for the nightly prune`);
      } catch (listing) {
        this.logger.error(`Object ${key} of a transaction that did not commit could not be deleted nor listed for deletion: ${(listing as Error).message}`);
      }
    }
  }

  /** The listing goes only with the object: if the delete fails, the transaction rolls back and the key stays listed. */
  private async deleteReleasedObject(db: DataSource, key: string): Promise<boolean> {
    try {
      await db.transaction(async (tx) => {
        const [, count]: [unknown, number] = await tx.query(`DELETE FROM stored_object WHERE storage_key = $1 AND released_at IS NOT NULL`, [key]);
        if (count === 1) await this.deleteObject(key);
      });
      return true;
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(`Deleting released object ${key} failed, kept for the next prune: ${message}`);
      await db.query(`UPDATE stored_object SET delete_attempts = delete_attempts + 1, last_error = $2 WHERE storage_key = $1`, [key, message]).catch(() => undefined);
      return false;
    }
  }

  private async deleteObject(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }
}
