import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { defaultDataDir, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { configureHttpApp } from './http-app.js';
import { stopCleanlyOnSignal } from './shutdown.js';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir ?? defaultDataDir(), config.embeddedPostgresPort, log);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const app = await NestFactory.create(AppModule.register(config, databaseUrl), { bufferLogs: true });
  await configureHttpApp(app, config);
  await app.listen(config.port);
  stopCleanlyOnSignal(async () => {
    await app.close();
    await embedded?.stop();
  });
  log.info({ port: config.port, embeddedDatabase: Boolean(embedded) }, 'EHC workflow engine is listening');
}

bootstrap().catch((error: unknown) => {
  // One line naming the problem: a bad setting or a database that will not start.
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Start-up failed: ${message}\n`);
  process.exit(1);
});
