import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DocumentStore } from './document-store.js';

const TIMEOUT_MS = 2_000;

/** The S3-compatible store answers for its bucket within 2 s: without it no upload can be kept nor any file read. */
@Injectable()
export class DocumentStoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly store: DocumentStore,
  ) {}

  /** Only an S3 store is checked: PostgreSQL's own check covers the default. */
  get applies(): boolean {
    return this.store.kind === 's3';
  }

  async isReachable(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      await Promise.race([this.store.ping(), timeout]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message || (error as Error).name });
    } finally {
      clearTimeout(timer);
    }
  }
}
