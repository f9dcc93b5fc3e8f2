import type { MigrationInterface, QueryRunner } from 'typeorm';

const DOCUMENT_TABLES = ['advice_document', 'family_document'];

/**
 * Uploaded files in an S3-compatible store when configured (issue 16 item 2): the advice portal's
 * and the documents families send with their messages. A document row keeps its name, type, size
 * and SHA-256 always, and its bytes either in `content` or, under
 * `storage_key`, in the store: exactly one. `stored_object` lists every key the bucket should
 * hold, written in the document's transaction; a key whose document is gone (erased, or never
 * committed) is `released` until the object is deleted, so no object is forgotten.
 */
export class DocumentStorage1795433000000 implements MigrationInterface {
  name = 'DocumentStorage1795433000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE stored_object (
        storage_key text PRIMARY KEY CHECK (storage_key ~ '^[A-Za-z0-9_-]{43}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        delete_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await db.query(`CREATE INDEX stored_object_released_idx ON stored_object (released_at) WHERE released_at IS NOT NULL`);
    // The advice portal's documents, and those a family sends with a message, are kept the same way.
    for (const table of DOCUMENT_TABLES) {
      await db.query(`
        ALTER TABLE ${table}
          ALTER COLUMN content DROP NOT NULL,
          ADD COLUMN storage_key text UNIQUE REFERENCES stored_object(storage_key),
          DROP CONSTRAINT ${table}_size,
          ADD CONSTRAINT ${table}_size CHECK (content IS NULL OR length(content) = size_bytes),
          ADD CONSTRAINT ${table}_content_in_one_place CHECK (num_nonnulls(content, storage_key) = 1)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    // The bytes of a document kept in the store are not in the database: going back would lose them.
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM advice_document WHERE storage_key IS NOT NULL) OR EXISTS (SELECT 1 FROM family_document WHERE storage_key IS NOT NULL) THEN
          RAISE EXCEPTION 'advice or family documents are kept in the S3-compatible store: copy their content into the content column first';
        END IF;
      END $$`);
    for (const table of DOCUMENT_TABLES) {
      await db.query(`
        ALTER TABLE ${table}
          DROP CONSTRAINT ${table}_content_in_one_place,
          DROP CONSTRAINT ${table}_size,
          ADD CONSTRAINT ${table}_size CHECK (length(content) = size_bytes),
          DROP COLUMN storage_key,
          ALTER COLUMN content SET NOT NULL`);
    }
    await db.query(`DROP TABLE stored_object`);
  }
}
