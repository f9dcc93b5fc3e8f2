import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { ClamdScanner } from './clamd-scanner.js';
import { DocumentStoreHealthIndicator, VirusScannerHealthIndicator } from './document-store.health.js';
import { DocumentStore } from './document-store.js';
import { PostgresDocumentStore } from './postgres-document-store.js';
import { S3DocumentStore } from './s3-document-store.js';
import { NoVirusScanner, VirusScanner } from './virus-scanner.js';

/** Uploaded files: where their bytes are kept, and the virus scanner they pass first (issue 16 item 2). */
@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: DocumentStore,
      inject: [AppConfigToken],
      useFactory: ({ documents }: AppConfig): DocumentStore => (documents.s3 ? new S3DocumentStore(documents.s3) : new PostgresDocumentStore()),
    },
    {
      provide: VirusScanner,
      inject: [AppConfigToken],
      useFactory: ({ documents }: AppConfig): VirusScanner => (documents.clamd ? new ClamdScanner(documents.clamd) : new NoVirusScanner()),
    },
    DocumentStoreHealthIndicator,
    VirusScannerHealthIndicator,
  ],
  exports: [DocumentStore, VirusScanner, DocumentStoreHealthIndicator, VirusScannerHealthIndicator],
})
export class DocumentsModule {}
