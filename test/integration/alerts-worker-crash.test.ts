import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from '../../src/queues/queue-names.js';
import { addDays, londonToday } from '../../workflows/ehc-needs-assessment/index.js';
import { startWebhookServer } from '../support/alert-receivers.js';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { QUEUE_BACKENDS } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { buildApplication, WorkerProcess } from '../support/worker-process.js';

// The worker processes run on the real clock, so the case is dated from the real today.
const TODAY = londonToday(new Date());
const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
// The test's receiver listens on 127.0.0.1 over http: allowed explicitly, as a council would its own.
const WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
// A killed worker's job is taken over once its lock (30 s) has lapsed and the stalled-job check has run.
const TAKEOVER_MS = 150_000;

beforeAll(() => buildApplication(), 120_000);

describe.each(QUEUE_BACKENDS)('A worker killed in the middle of a job, on the %s backend', (_, backendEnv) => {
  const prefix = `ehccrash${randomBytes(4).toString('hex')}`;
  let api: TestApp;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = await WorkerProcess.start({ ...backendEnv, DATABASE_URL: testDatabaseUrl(), QUEUE_PREFIX: prefix, WEBHOOK_SECRET, WEBHOOK_ALLOWED_HOSTS, LOCAL_AUTHORITY_CODE: 'TEST' });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    webhook = await startWebhookServer();
    // The API alone: only the worker processes consume the queues and relay the outbox.
    api = await createTestApp(TODAY, testDatabaseUrl(), { ...backendEnv, QUEUE_PREFIX: prefix, WEBHOOK_SECRET, WEBHOOK_ALLOWED_HOSTS });
    await api.reset();
    const [authority] = await api.db.query(`SELECT id FROM local_authority WHERE code = 'TEST'`);
    await api.db.query(`INSERT INTO alert_settings (local_authority_id, webhook_url) VALUES ($1, $2)`, [authority.id, webhook.url]);
  }, 60_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    for (const name of [ALERTS_QUEUE, DELIVERIES_QUEUE]) await api.app.get<Queue>(getQueueToken(name)).obliterate({ force: true });
    await api.close();
    await webhook.close();
  }, 60_000);

  it('retries the job in another worker, and the notification exists exactly once', async () => {
    webhook.state.holding = true;
    const first = await startWorker();
    // The 6-week limit fell two days ago, so its breach alert (the day after, at 08:00) is due whatever the time of day.
    const { id } = await createCase(api, { requestReceivedOn: addDays(TODAY, -44) });
    const caught = await eventually(async () => webhook.held.find((w) => JSON.parse(w.body).caseId === id), 'the first worker to be mid-delivery', 60_000);
    await first.kill();

    webhook.state.holding = false;
    await startWorker();
    const sent = await eventually(async () => {
      const [delivery] = await api.db.query(
        `SELECT d.status, d.notification_id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
         WHERE n.case_id = $1 AND d.channel = 'webhook'`,
        [id],
      );
      return delivery?.status === 'sent' ? delivery : undefined;
    }, 'the delivery to be taken over and sent', TAKEOVER_MS);

    const notifications = await api.db.query(`SELECT id, kind, deadline FROM notification WHERE case_id = $1`, [id]);
    expect(notifications).toEqual([{ id: sent.notification_id, kind: 'deadline_breach', deadline: 'decisionToAssess' }]);
    // The receiver saw the same delivery twice (the first never answered), and can tell it is one.
    // (The workers' start-up sweep also sends the day's managers' digest to the same webhook.)
    const forTheCase = webhook.received.filter((w) => JSON.parse(w.body).caseId === id);
    expect(forTheCase.map((w) => w.delivery)).toEqual([caught.delivery]);
    expect(caught.delivery).toBe(sent.notification_id);
  }, TAKEOVER_MS + 90_000);
});
