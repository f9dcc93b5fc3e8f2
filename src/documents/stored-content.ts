import { createHash } from 'node:crypto';
import { DocumentStoreUnavailableError } from './documents.errors.js';
import type { StoredDocument } from './document-store.js';

/** The bytes, once they match the SHA-256 recorded at upload: a truncated or swapped object is never handed out as the document. */
export function checkedContent(document: StoredDocument, content: Buffer): Buffer {
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== document.sha256) throw new DocumentStoreUnavailableError('The stored file does not match the SHA-256 recorded when it was received.');
  return content;
}
