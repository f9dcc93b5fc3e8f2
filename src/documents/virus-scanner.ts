import { Logger } from '@nestjs/common';
import { FileInfectedError, VirusScannerUnavailableError } from './documents.errors.js';

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/** One file about to be kept, by the name it will be kept under. */
export interface FileToScan {
  filename: string;
  content: Buffer;
}

/** What a scanner's failure to answer looks like, so the upload path can fail closed. */
export class ScannerFailure extends Error {}

/**
 * The virus-scanning hook every upload passes before anything of it is kept (issue 16 item 2):
 * none by default, clamd where CLAMD_URL is set.
 */
export abstract class VirusScanner {
  abstract readonly kind: 'none' | 'clamd';
  protected readonly logger = new Logger(VirusScanner.name);

  /** The scanner's verdict on one file; throws ScannerFailure when it gives none. */
  protected abstract scan(content: Buffer): Promise<ScanVerdict>;

  /** Throws when the scanner cannot take a file now; for the health check. */
  abstract ping(timeoutMs: number): Promise<void>;

  /**
   * Refuses the whole upload if any file is infected (FileInfectedError) or the configured
   * scanner gives no verdict (VirusScannerUnavailableError): an unscanned file is never kept.
   */
  async screen(files: FileToScan[]): Promise<void> {
    for (const file of files) {
      let verdict: ScanVerdict;
      try {
        verdict = await this.scan(file.content);
      } catch (error) {
        this.logger.error(`The virus scanner gave no verdict, so an upload was refused: ${(error as Error).message}`);
        throw new VirusScannerUnavailableError();
      }
      if (verdict.infected) {
        this.logger.warn(`Refused an upload of ${file.content.length} bytes: the virus scanner found ${verdict.signature}`);
        throw new FileInfectedError(file.filename, verdict.signature);
      }
    }
  }
}

/** No scanner configured: every file passes, as before scanning existed. */
export class NoVirusScanner extends VirusScanner {
  readonly kind = 'none';

  protected async scan(): Promise<ScanVerdict> {
    return { infected: false };
  }

  async ping(): Promise<void> {}
}
