import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/permissions.js';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { DocumentStoreHealthIndicator, VirusScannerHealthIndicator } from '../documents/document-store.health.js';
import { QueueHealthIndicator } from './queue-health.indicator.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueueHealthIndicator,
    private readonly documents: DocumentStoreHealthIndicator,
    private readonly virusScanner: VirusScannerHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '200 once the database, the queue backend, and where configured the file store (DOCUMENT_STORE=s3) and the virus scanner (CLAMD_URL) are reachable, 503 otherwise.' })
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.database.pingCheck('database', { timeout: 2000 }), () => this.queues.isReachable('queues')];
    if (this.documents.applies) checks.push(() => this.documents.isReachable('documents'));
    if (this.virusScanner.applies) checks.push(() => this.virusScanner.isReachable('virusScanner'));
    return this.health.check(checks);
  }
}
