import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/permissions.js';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { DocumentStoreHealthIndicator } from '../documents/document-store.health.js';
import { QueueHealthIndicator } from './queue-health.indicator.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queues: QueueHealthIndicator,
    private readonly documents: DocumentStoreHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: '200 once the database, the queue backend and (when DOCUMENT_STORE is s3) the file store are reachable, 503 otherwise.' })
  check(): Promise<HealthCheckResult> {
    const checks = [() => this.database.pingCheck('database', { timeout: 2000 }), () => this.queues.isReachable('queues')];
    if (this.documents.applies) checks.push(() => this.documents.isReachable('documents'));
    return this.health.check(checks);
  }
}
