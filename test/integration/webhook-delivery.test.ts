import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCase } from '../support/case-factory.js';
import { startWebhookServer } from '../support/alert-receivers.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/** A receiver that answers every request with a redirect to `location`, counting them. */
async function startRedirector(location: string) {
  const state = { requests: 0 };
  const server: Server = createServer((_req, res) => {
    state.requests++;
    res.writeHead(307, { location }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}/hook`, port, state, close };
}

describe('Webhook deliveries', () => {
  let t: TestApp;
  let target: Awaited<ReturnType<typeof startWebhookServer>>;
  let redirector: Awaited<ReturnType<typeof startRedirector>>;

  beforeAll(async () => {
    target = await startWebhookServer();
    redirector = await startRedirector(target.url);
    t = await createTestApp('2026-11-23', testDatabaseUrl(), {
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: `hooks${randomBytes(4).toString('hex')}`,
      WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([target.close(), redirector.close()]);
  }, 60_000);
  beforeEach(() => t.reset());

  /** Saved directly, as a URL that passed the check when saved and whose name resolves elsewhere since. */
  async function deliverBreachTo(webhookUrl: string) {
    const [authority] = await t.db.query(`SELECT id FROM local_authority WHERE code = 'TEST'`);
    await t.db.query(`INSERT INTO alert_settings (local_authority_id, webhook_url) VALUES ($1, $2)`, [authority.id, webhookUrl]);
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    return eventually(async () => {
      const [alert] = (await t.http.get(`/api/alerts?caseId=${id}&kind=deadline_breach`)).body.items ?? [];
      return alert?.deliveries.find((d: { channel: string; lastError: string | null }) => d.channel === 'webhook' && d.lastError);
    }, 'a failed webhook attempt', 60_000);
  }

  it('refuses at delivery a host that now resolves to a loopback address, and sends it nothing', async () => {
    const failed = await deliverBreachTo(`https://localhost:${redirector.port}/hook`);
    expect(failed.lastError).toMatch(/localhost resolves to .*loopback, private or link-local/);
    expect(redirector.state.requests).toBe(0);
  }, 90_000);

  it('follows no redirect: the attempt fails with the answer, and the redirect target receives nothing', async () => {
    const failed = await deliverBreachTo(redirector.url);
    expect(failed.lastError).toBe('webhook answered 307');
    expect(redirector.state.requests).toBeGreaterThan(0);
    expect(target.received).toEqual([]);
    expect(target.state.attempts).toBe(0);
  }, 90_000);
});
