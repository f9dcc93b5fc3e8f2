import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import supertest from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppModule } from '../../src/app.module.js';
import { AccessTokensService } from '../../src/auth/access-tokens.service.js';
import type { Role } from '../../src/auth/permissions.js';
import { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/app-config.js';
import { configureHttpApp } from '../../src/http-app.js';
import { LocalAuthoritiesService } from '../../src/local-authorities/local-authorities.service.js';
import { type Http, httpWithToken, insertTestUser, type SignedIn, signInAs, TEST_USER } from './auth.js';
import { FixedClock } from './fixed-clock.js';
import { assertTestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  /** supertest, signed in as the test user (every role, authority TEST). */
  http: Http;
  /** supertest with no credentials. */
  anonymous: Http;
  clock: FixedClock;
  db: DataSource;
  /** A new account with exactly these roles, in authority `authorityCode` (default TEST), and a client signed in as it. */
  signInAs(roles: Role[], authorityCode?: string): Promise<SignedIn>;
  /** Empties every table between tests except the migrations record, the local authorities (their SEN2 settings cleared) and the signing key; restores the test user. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is unset: run the tests through jest (npm test), whose global setup creates the database.');
  assertTestDatabase(url);
  return url;
}

/**
 * Rate limits high enough for test suites; auth tests lower them through `env`. Queue workers
 * (and the outbox relay with them) are off unless a test turns them on with RUN_WORKERS=true,
 * so background jobs never race a test's own reads or its reset.
 */
export const TEST_ENV = { LOG_LEVEL: 'silent', LOCAL_AUTHORITY_CODE: 'TEST', RUN_WORKERS: 'false', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', API_RATE_LIMIT_PER_MINUTE: '1000000', AUTH_ACCESS_TOKEN_TTL_SECONDS: '3600' };

/** The real application on the run's own PostgreSQL database, with a clock the test controls. */
export async function createTestApp(today: string, databaseUrl = testDatabaseUrl(), env: Record<string, string> = {}): Promise<TestApp> {
  assertTestDatabase(databaseUrl);
  const config = loadConfig({ ...TEST_ENV, ...env });
  const clock = new FixedClock(today);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, databaseUrl)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication();
  await configureHttpApp(app, config);
  await app.init();
  const db = app.get<DataSource>(getDataSourceToken());
  const authorityId = app.get(LocalAuthoritiesService).acting().id;
  await insertTestUser(db, authorityId);
  const token = await app.get(AccessTokensService).issue(TEST_USER.id);
  return {
    app,
    http: httpWithToken(app, token),
    anonymous: supertest(app.getHttpServer()),
    clock,
    db,
    signInAs: (roles, authorityCode) => signInAs(app, db, roles, authorityCode),
    reset: async () => {
      const tables: { tablename: string }[] = await db.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'local_authority', 'auth_signing_key')`,
      );
      await truncateRetryingDeadlocks(db, tables.map((t) => `"${t.tablename}"`));
      // The authorities stay, so what a suite set on them goes: the SEN2 return's header settings and the notices' details.
      await db.query(
        `UPDATE local_authority SET la_number = NULL, sen2_dmo = NULL, sen2_dco = NULL, sen2_dsco = NULL, notice_details = NULL
         WHERE num_nonnulls(la_number, sen2_dmo, sen2_dco, sen2_dsco, notice_details) > 0`,
      );
      await insertTestUser(db, authorityId);
    },
    close: () => app.close(),
  };
}

/**
 * TRUNCATE takes every table's lock one after another, so with the app's own workers running
 * (the relay claiming outbox rows, the boot sweep planning an earlier suite's cases) a cycle
 * can form. The truncating session waits far longer than the workers' 1 s before it looks for
 * one, so a worker's short statement is the one PostgreSQL cancels (its job is retried and finds
 * nothing left). Should this session be chosen all the same, or give up waiting under a test's
 * short lock_timeout, it tries again after a pause long enough for the workers to move on.
 */
async function truncateRetryingDeadlocks(db: DataSource, tables: string[], attempts = 8): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        // Only a superuser may change it (the tests' usual `postgres`); anyone else keeps the retries.
        await tx.query(`SELECT set_config('deadlock_timeout', '20s', true) WHERE current_setting('is_superuser') = 'on'`);
        await tx.query(`TRUNCATE ${tables.join(', ')} CASCADE`);
      });
      return;
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if ((code !== '40P01' && code !== '55P03') || attempt === attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}
