import { DomainError } from '../common/domain-error.js';

/** A file the virus scanner recognised: refused, and nothing of it is kept. */
export class FileInfectedError extends DomainError {
  constructor(readonly filename: string, readonly signature: string) {
    super('FILE_INFECTED', `“${filename}” was not sent: the virus check found ${signature} in it. Nothing has been kept. Ask your IT team to check the file, then send a clean copy.`);
  }
}

/** Scanning is configured but did not answer: an unscanned file is never kept, so the upload waits for another try. */
export class VirusScannerUnavailableError extends DomainError {
  constructor() {
    super('VIRUS_SCANNER_UNAVAILABLE', 'Your file could not be checked for viruses just now, so nothing has been sent. Please try again later.');
  }
}

/** A document's bytes cannot be had now: the S3-compatible store did not answer, or what it holds is not the document. */
export class DocumentStoreUnavailableError extends DomainError {
  constructor(reason: string) {
    super('DOCUMENT_STORE_UNAVAILABLE', `${reason} Please try again later; if it persists, tell your system administrator.`);
  }
}
