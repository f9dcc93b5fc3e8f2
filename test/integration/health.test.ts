import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { onTestServer } from '../support/test-database.js';

describe('GET /api/health', () => {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_health`;
  let t: TestApp;

  beforeAll(async () => {
    await onTestServer(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    t = await createTestApp('2026-11-23', url.toString());
  });
  afterAll(async () => {
    await t.close().catch(() => undefined);
    await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('answers 200 while the database answers, and 503 once it is gone', async () => {
    const up = await t.http.get('/api/health');
    expect(up.status).toBe(200);
    expect(up.body.details.database.status).toBe('up');
    expect(up.body.details.queues.status).toBe('up');

    await onTestServer(`DROP DATABASE ${name} WITH (FORCE)`);
    const down = await t.http.get('/api/health');
    expect(down.status).toBe(503);
    expect(down.body.details.database.status).toBe('down');
  });
});
