import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { importUploadLimits } from './import-template.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

/** Caseload imports: a file held in memory (no storage given) up to IMPORT_MAX_BYTES (multer refuses a larger one with 413 as it streams in). */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [AppConfigToken],
      useFactory: (config: AppConfig) => ({ limits: importUploadLimits(config.importMaxBytes) }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
