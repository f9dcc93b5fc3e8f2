import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppModule } from '../../src/app.module.js';
import { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp } from '../../src/http-app.js';
import { FixedClock } from './fixed-clock.js';
import { assertTestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof supertest>;
  clock: FixedClock;
  db: DataSource;
  /** Empties every table between tests except the migrations record and the local authorities. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests through jest (npm test), whose global setup creates the database.');
  assertTestDatabase(url);
  return url;
}

/** The real application on the run's own PostgreSQL database, with a clock the test controls. */
export async function createTestApp(today: string, databaseUrl = testDatabaseUrl()): Promise<TestApp> {
  assertTestDatabase(databaseUrl);
  const config = loadConfig({ LOG_LEVEL: 'silent', LOCAL_AUTHORITY_CODE: 'TEST' });
  const clock = new FixedClock(today);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, databaseUrl)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication();
  await configureHttpApp(app, config);
  await app.init();
  const db = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    http: supertest(app.getHttpServer()),
    clock,
    db,
    reset: async () => {
      const tables: { tablename: string }[] = await db.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'local_authority')`,
      );
      await db.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
    },
    close: () => app.close(),
  };
}
