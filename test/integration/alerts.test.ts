import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { sign } from '../../src/alerts/delivery-channels.js';
import { DIGEST_SCHEDULER } from '../../src/alerts/alert-workers.js';
import { ALERTS_QUEUE, DIGEST_JOB } from '../../src/queues/queue-names.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { mailText, startSmtpServer, startWebhookServer } from '../support/alert-receivers.js';
import { eventually } from '../support/eventually.js';
import { emptyQueues as emptyAppQueues, QUEUE_BACKENDS } from '../support/queue-backends.js';
import { TEST_USER } from '../support/auth.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
// Queue round trips on a loaded two-core machine: polls wait up to a minute, never sleep.
jest.setTimeout(120_000);
const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
// The test's receiver listens on 127.0.0.1 over http: allowed explicitly, as a council would its own.
const WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';

describe.each(QUEUE_BACKENDS)('Alerts on BullMQ with the %s backend', (_, backendEnv) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  const prefix = `ehctest${randomBytes(4).toString('hex')}`;
  /** Another process of the same deployment: same database, same queues. */
  const startApp = () =>
    createTestApp(TODAY, testDatabaseUrl(), { ...backendEnv, RUN_WORKERS: 'true', QUEUE_PREFIX: prefix, SMTP_URL: smtp.url, WEBHOOK_SECRET, WEBHOOK_ALLOWED_HOSTS });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    webhook = await startWebhookServer();
    t = await startApp();
  }, 60_000);
  afterAll(async () => {
    if (process.env.DEBUG_CLOSE) console.log('emptying');
    await emptyQueues();
    if (process.env.DEBUG_CLOSE) console.log('emptied');
    const started = Date.now();
    await t.close();
    if (process.env.DEBUG_CLOSE) console.log('closed in', Date.now() - started);
    await smtp.close();
    await webhook.close();
  }, 60_000);
  const emptyQueues = () => emptyAppQueues(t.app);

  beforeEach(async () => {
    await emptyQueues();
    await t.reset();
    webhook.received.length = 0;
    smtp.received.length = 0;
    webhook.state.failing = false;
    smtp.state.failing = false;
    const [authority] = await t.db.query(`SELECT id FROM local_authority WHERE code = 'TEST'`);
    await t.db.query(
      `INSERT INTO alert_settings (local_authority_id, manager_emails, escalation_emails, webhook_url) VALUES ($1, $2, $3, $4)`,
      [authority.id, ['sen.manager@council.example'], { health: ['dco@icb.example'] }, webhook.url],
    );
  });

  const alertsOf = async (caseId: string, kind?: string) =>
    (await t.http.get(`/api/alerts?caseId=${caseId}${kind ? `&kind=${kind}` : ''}`)).body.items as {
      kind: string;
      deadline: string;
      message: string;
      deliveries: { channel: string; status: string; attempts: number; lastError: string | null }[];
    }[];
  const waitForAlert = (caseId: string, kind: string, deadline: string) =>
    eventually(async () => (await alertsOf(caseId, kind)).find((a) => a.deadline === deadline), `${kind} for ${deadline}`, 60_000);

  it('reminds a contributor before the advice deadline and escalates after it', async () => {
    t.clock.setToday(TODAY);
    const { id: soon } = await createCase(t, { requestReceivedOn: '2026-10-12' });
    await postEvent(t, soon, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-16', decision: 'assess' });
    await postEvent(t, soon, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-19', contributor: 'health', contact: { email: 'paediatrics@trust.example' } });
    const { id: late } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, late, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-09', decision: 'assess' });
    await postEvent(t, late, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-11', contributor: 'health' });

    await waitForAlert(soon, 'advice_reminder', 'advice.health');
    await waitForAlert(late, 'advice_escalation', 'advice.health');
    // Both cases were back-dated, so their decision deadlines may alert too: look at the advice mails.
    const adviceMails = () => smtp.received.filter((mail) => mailText(mail).includes('Health advice'));
    const mails = await eventually(async () => (adviceMails().length >= 3 ? adviceMails() : undefined), 'reminder and escalation emails');
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['dco@icb.example', 'paediatrics@trust.example', 'sen.manager@council.example']);
  }, 120_000);

  it('raises one breach alert for a decision 43 days overdue, however often the sweep runs', async () => {
    const { id, reference } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    const alert = await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
    expect(alert.message).toBe(`${reference}: The decision whether to assess (SEND Regs 2014 reg 5(1)) was due on 2026-11-22 and has not been recorded: the statutory limit is breached.`);
    for (let i = 0; i < 3; i++) await t.app.get(AlertSweep).sweep();
    expect(await alertsOf(id, 'deadline_breach')).toHaveLength(1);
    // A second process starting up sweeps at start, and still raises nothing new.
    const restarted = await startApp();
    try {
      await restarted.app.get(AlertSweep).sweep();
      expect(await alertsOf(id, 'deadline_breach')).toHaveLength(1);
    } finally {
      await restarted.close();
    }
  });

  it('delivers every alert exactly once with two workers on the queues', async () => {
    const second = await startApp();
    try {
      const cases = await Promise.all(Array.from({ length: 8 }, () => createCase(t, { requestReceivedOn: '2026-10-11' })));
      await Promise.all([t.app.get(AlertSweep).sweep(), second.app.get(AlertSweep).sweep()]);
      for (const { id } of cases) await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
      await eventually(async () => (smtp.received.length >= cases.length ? true : undefined), 'one email per case');
      await second.app.get(AlertSweep).sweep();
      const raised: { id: string }[] = await t.db.query(
        `SELECT id FROM notification WHERE kind = 'deadline_breach' AND case_id = ANY($1::uuid[])`,
        [cases.map((c) => c.id)],
      );
      expect(raised).toHaveLength(cases.length);
      // Each notification's email carries its id in the Message-ID: exactly one mail each.
      const mailsFor = (id: string) => smtp.received.filter((mail) => mailText(mail).includes(`<${id}.`)).length;
      expect(raised.map(({ id }) => mailsFor(id))).toEqual(cases.map(() => 1));
    } finally {
      await second.close();
    }
  }, 60_000);

  it('puts a job that can never succeed in the failed set without holding up the queue', async () => {
    const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
    await queue.add('plan-case', { caseId: 42 }, { jobId: 'poison' });
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
    const failed = await eventually(async () => (await queue.getFailed()).find((job) => job.id === 'poison'), 'the poison job to fail');
    expect(failed.failedReason).toMatch(/no caseId/);
    expect(failed.attemptsMade).toBe(1);
  });

  it('emails the manager and posts a signed webhook for the alert', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
    const mail = await eventually(async () => smtp.received[0], 'the email');
    expect(mail.to).toEqual(['sen.manager@council.example']);
    expect(mailText(mail)).toContain('the statutory limit is breached');
    const hook = await eventually(async () => webhook.received[0], 'the webhook');
    expect(hook.signature).toBe(`sha256=${sign(WEBHOOK_SECRET, hook.body)}`);
    expect(JSON.parse(hook.body)).toMatchObject({ kind: 'deadline_breach', caseId: id, deadline: 'decisionToAssess' });
    const delivered = await eventually(async () => {
      const [alert] = await alertsOf(id, 'deadline_breach');
      return alert.deliveries.every((d) => d.status === 'sent') ? alert : undefined;
    }, 'both deliveries marked sent');
    expect(delivered.deliveries.map((d) => d.channel).sort()).toEqual(['email', 'webhook']);
  });

  it('keeps the in-app alert and the email when the webhook is down, and records the failure', async () => {
    webhook.state.failing = true;
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
    await eventually(async () => smtp.received[0], 'the email');
    const failing = await eventually(async () => {
      const [alert] = await alertsOf(id, 'deadline_breach');
      return alert.deliveries.find((d) => d.channel === 'webhook' && d.lastError);
    }, 'the webhook failure recorded');
    expect(failing.lastError).toMatch(/503/);
    webhook.state.failing = false;
    await eventually(async () => webhook.received[0], 'the webhook after it recovers', 30_000);
  }, 60_000);

  it('keeps the in-app alert and the webhook when the mail server refuses mail, records it, and sends the email once it recovers', async () => {
    smtp.state.failing = true;
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-11' });
    await waitForAlert(id, 'deadline_breach', 'decisionToAssess');
    await eventually(async () => webhook.received.find((w) => JSON.parse(w.body).caseId === id), 'the webhook');
    const failing = await eventually(async () => {
      const [alert] = await alertsOf(id, 'deadline_breach');
      return alert.deliveries.find((d) => d.channel === 'email' && d.lastError);
    }, 'the email failure recorded');
    expect(failing).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/451/) });
    smtp.state.failing = false;
    const mail = await eventually(async () => smtp.received[0], 'the email after the mail server recovers', 30_000);
    expect(mailText(mail)).toContain('the statutory limit is breached');
  }, 60_000);

  it('drops the pending warnings of a deadline once it is met, and raises nothing for it afterwards', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-11-09' });
    const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
    const pendingFor = async (deadline: string) => (await queue.getDelayed()).filter((job) => String(job.id).startsWith(`alert.${id}.${deadline}.`));
    await eventually(async () => ((await pendingFor('decisionToAssess')).length > 0 ? true : undefined), 'warnings scheduled');
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-20', decision: 'assess' });
    await eventually(async () => ((await pendingFor('decisionToAssess')).length === 0 ? true : undefined), 'warnings removed');
    t.clock.setToday('2026-12-30');
    await t.app.get(AlertSweep).sweep();
    expect((await alertsOf(id)).filter((a) => a.deadline === 'decisionToAssess')).toEqual([]);
    t.clock.setToday(TODAY);
  });

  it('holds the breach alerts of the limits a running exception relaxes', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-19' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-20', decision: 'assess' });
    // Recorded by the test user, a manager: approved at once; it relaxes issueDecision and finalPlan (due 2027-03-08).
    await postEvent(t, id, { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-20', exception: 'personal_circumstances', from: '2026-11-02', note: 'Family bereavement' });
    try {
      t.clock.setToday('2027-03-10');
      await t.app.get(AlertSweep).sweep();
      expect((await alertsOf(id)).filter((a) => a.kind === 'deadline_breach')).toEqual([]);
    } finally {
      t.clock.setToday(TODAY);
    }
  });

  it('keeps an undecided request alerting on its 6-week date whatever exception is recorded (reg 4(1))', async () => {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-19' });
    await postEvent(t, id, { type: 'EXCEPTION_RECORDED', occurredOn: '2026-11-20', exception: 'personal_circumstances', from: '2026-11-02', note: 'Family bereavement' });
    try {
      t.clock.setToday('2026-12-10');
      await t.app.get(AlertSweep).sweep();
      expect((await alertsOf(id)).filter((a) => a.kind === 'deadline_breach').map((a) => a.deadline)).toEqual(['decisionToAssess']);
    } finally {
      t.clock.setToday(TODAY);
    }
  });

  describe('the managers\' daily digest', () => {
    const digestMails = () => smtp.received.filter((mail) => mailText(mail).includes('EHC daily digest'));
    const digestOf = async (on: string) => (await t.http.get(`/api/digests/${on}`)).body;

    it('lists missed limits, limits due within 14 days and overdue advice per caseworker, and sends it once', async () => {
      const missed = await createCase(t, { requestReceivedOn: '2026-10-11' });
      await postEvent(t, missed.id, { type: 'ASSIGNED', occurredOn: '2026-10-12', assigneeId: TEST_USER.id });
      const dueSoon = await createCase(t, { requestReceivedOn: '2026-10-19' });
      const advice = await createCase(t, { requestReceivedOn: '2026-10-05' });
      await postEvent(t, advice.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-09', decision: 'assess' });
      await postEvent(t, advice.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-11', contributor: 'health' });

      // What the 07:00 scheduler adds; then a sweep and a second run find nothing more to raise.
      await t.app.get<Queue>(getQueueToken(ALERTS_QUEUE)).add(DIGEST_JOB, {});
      const digest = await eventually(async () => (await t.http.get('/api/digests')).body.items[0], 'the digest');
      await t.app.get(AlertSweep).sweep();
      await t.app.get<Queue>(getQueueToken(ALERTS_QUEUE)).add(DIGEST_JOB, {});
      expect(digest.digestOn).toBe(TODAY);
      expect(digest.content.totals).toEqual({ overdue: 1, dueSoon: 1, adviceOverdue: 1 });
      expect(digest.content.teams.map((team: { assignee: string | null }) => team.assignee)).toEqual([TEST_USER.email, null]);
      const [mine, unassigned] = digest.content.teams;
      expect(mine.overdue).toEqual([{ caseId: missed.id, reference: missed.reference, deadline: 'decisionToAssess', dueOn: '2026-11-22', days: 1 }]);
      expect(unassigned.dueSoon.map((item: { reference: string; days: number }) => [item.reference, item.days])).toEqual([[dueSoon.reference, 7]]);
      expect(unassigned.adviceOverdue.map((item: { reference: string; deadline: string }) => [item.reference, item.deadline])).toEqual([[advice.reference, 'advice.health']]);

      const [mail] = await eventually(async () => (digestMails().length > 0 ? digestMails() : undefined), 'the digest email');
      expect(mail.to).toEqual(['sen.manager@council.example']);
      expect(mailText(mail)).toContain(`${missed.reference}  the decision whether to assess (SEND Regs 2014 reg 5(1)): due 22 November 2026, 1 day overdue`);
      expect(mailText(mail)).not.toContain('Okafor');
      const hook = await eventually(async () => webhook.received.find((w) => JSON.parse(w.body).kind === 'daily_digest'), 'the digest webhook');
      expect(hook.signature).toBe(`sha256=${sign(WEBHOOK_SECRET, hook.body)}`);
      await eventually(async () => ((await digestOf(TODAY)).deliveries.every((d: { status: string }) => d.status === 'sent') ? true : undefined), 'both deliveries sent');
      expect((await t.http.get('/api/digests')).body.total).toBe(1);
      expect(digestMails()).toHaveLength(1);
    });

    it('waits for 07:00 London time, and a sweep after it raises a digest the scheduler missed', async () => {
      const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
      const scheduler = await queue.getJobScheduler(DIGEST_SCHEDULER);
      const next = new Date(Number(scheduler!.next));
      expect(next.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' })).toBe('07:00');

      t.clock.setNow(new Date(`${TODAY}T06:59:00Z`)); // GMT in November: 06:59 in London
      await t.app.get(AlertSweep).sweep();
      expect((await t.http.get(`/api/digests/${TODAY}`)).status).toBe(404);
      t.clock.setNow(new Date(`${TODAY}T07:00:00Z`));
      await t.app.get(AlertSweep).sweep();
      expect((await digestOf(TODAY)).content.totals).toEqual({ overdue: 0, dueSoon: 0, adviceOverdue: 0 });
      t.clock.setToday(TODAY);
    });
  });
});

