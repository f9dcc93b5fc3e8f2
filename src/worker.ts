import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { stopCleanlyOnSignal } from './shutdown.js';

/**
 * Queue workers without the HTTP API: `npm run start:worker`. Any number may run beside the
 * API processes; they share the database (and Redis, when REDIS_URL is set).
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL must be set for a worker: the embedded database belongs to the API process (npm start), which runs workers itself.');
  }
  const workerConfig = { ...config, queues: { ...config.queues, runWorkers: true } };
  const app = await NestFactory.createApplicationContext(AppModule.register(workerConfig, config.databaseUrl), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  stopCleanlyOnSignal(() => app.close());
  app.get(Logger).log('EHC workflow engine workers are running');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
