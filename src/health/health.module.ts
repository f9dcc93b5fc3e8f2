import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DocumentsModule } from '../documents/documents.module.js';
import { HealthController } from './health.controller.js';
import { QueueHealthIndicator } from './queue-health.indicator.js';

@Module({
  imports: [TerminusModule, DocumentsModule],
  controllers: [HealthController],
  providers: [QueueHealthIndicator],
})
export class HealthModule {}
