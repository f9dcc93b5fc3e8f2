import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DocumentStore } from './document-store.js';
import { VirusScanner } from './virus-scanner.js';

const TIMEOUT_MS = 2_000;

/** `probe` answering within 2 s is `up`; anything else is `down` with its reason. */
async function reachable(indicators: HealthIndicatorService, key: string, probe: () => Promise<void>): Promise<HealthIndicatorResult> {
  const indicator = indicators.check(key);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return indicator.up();
  } catch (error) {
    return indicator.down({ message: (error as Error).message || (error as Error).name });
  } finally {
    clearTimeout(timer);
  }
}

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

  isReachable(key: string): Promise<HealthIndicatorResult> {
    return reachable(this.indicators, key, () => this.store.ping());
  }
}

/** clamd answers PING within 2 s: while it does not, every upload is refused (scanning fails closed). */
@Injectable()
export class VirusScannerHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly scanner: VirusScanner,
  ) {}

  /** Only a configured scanner is checked. */
  get applies(): boolean {
    return this.scanner.kind === 'clamd';
  }

  isReachable(key: string): Promise<HealthIndicatorResult> {
    return reachable(this.indicators, key, () => this.scanner.ping(TIMEOUT_MS));
  }
}
