import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AlertPlanner } from '../../src/alerts/alert-planner.service.js';
import { ALERTS_QUEUE } from '../../src/queues/queue-names.js';
import { createCase } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const SETTINGS = {
  warningWorkingDays: [3],
  alertTime: '09:30',
  managerEmails: ['head.of.send@council.example'],
  escalationEmails: { health: ['dco@icb.example'], social_care: ['dcso@council.example'] },
  // A public address (TEST-NET-3) written as such: the check resolves names, and tests have no DNS.
  webhookUrl: 'https://203.0.113.10/ehc',
  familyAnswerWorkingDays: 15,
};

describe('Alert settings of an authority', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('starts from the defaults and keeps what a manager sets', async () => {
    expect((await t.http.get('/api/alert-settings')).body).toEqual({
      warningWorkingDays: [10, 5],
      alertTime: '08:00',
      managerEmails: [],
      escalationEmails: {},
      webhookUrl: null,
      familyAnswerWorkingDays: 10,
    });
    const saved = await t.http.put('/api/alert-settings').send(SETTINGS);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(SETTINGS);
    expect((await t.http.get('/api/alert-settings')).body).toEqual(SETTINGS);
  });

  it('plans warnings at the authority’s offsets and time of day', async () => {
    await t.http.put('/api/alert-settings').send(SETTINGS);
    const { id } = await createCase(t, { requestReceivedOn: '2026-11-20' });
    await t.app.get(AlertPlanner).planCase(id);
    const queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
    const planned = (await queue.getDelayed()).map((job) => String(job.id)).filter((jobId) => jobId.startsWith(`alert.${id}.decisionToAssess.`));
    // decisionToAssess is due Fri 1 Jan 2027: 3 working days before is Tue 29 Dec (28 Dec is the Boxing Day holiday).
    expect(planned.sort()).toEqual([
      `alert.${id}.decisionToAssess.2027-01-01.breach`,
      `alert.${id}.decisionToAssess.2027-01-01.due`,
      `alert.${id}.decisionToAssess.2027-01-01.w3`,
    ]);
    const warning = (await queue.getJob(`alert.${id}.decisionToAssess.2027-01-01.w3`))!;
    // Scheduled from the test's clock (noon UTC on 23 November) to 09:30 London time on the day.
    expect(warning.delay).toBe(Date.parse('2026-12-29T09:30:00Z') - Date.parse('2026-11-23T12:00:00Z'));
  });

  it.each([
    [{ ...SETTINGS, alertTime: '25:00' }, /alertTime/],
    [{ ...SETTINGS, familyAnswerWorkingDays: 61 }, /familyAnswerWorkingDays/],
    [{ ...SETTINGS, warningWorkingDays: [40] }, /warningWorkingDays/],
    [{ ...SETTINGS, escalationEmails: { dentist: ['a@b.example'] } }, /escalationEmails/],
    [{ ...SETTINGS, managerEmails: ['not an address'] }, /managerEmails/],
    [{ ...SETTINGS, webhookUrl: 'ftp://hooks.example' }, /webhookUrl/],
    [{ ...SETTINGS, webhookUrl: 'http://203.0.113.10/ehc' }, /webhookUrl .* must use https/],
    [{ ...SETTINGS, webhookUrl: 'https://localhost/ehc' }, /webhookUrl .* localhost resolves to (127\.0\.0\.1|::1), a loopback, private or link-local address/],
    [{ ...SETTINGS, webhookUrl: 'https://10.20.30.40/ehc' }, /webhookUrl .* private/],
    [{ ...SETTINGS, webhookUrl: 'https://169.254.169.254/latest/meta-data' }, /webhookUrl .* link-local/],
    [{ ...SETTINGS, webhookUrl: 'https://[::ffff:192.168.1.1]/ehc' }, /webhookUrl .* private/],
    [{ ...SETTINGS, webhookUrl: 'https://no-such-host.invalid/ehc' }, /webhookUrl .* does not resolve/],
  ])('refuses bad settings with 400 naming the field and keeps the old ones', async (body, message) => {
    await t.http.put('/api/alert-settings').send(SETTINGS);
    const refused = await t.http.put('/api/alert-settings').send(body);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(message);
    expect((await t.http.get('/api/alert-settings')).body).toEqual(SETTINGS);
  });

  it('takes an internal host over http when WEBHOOK_ALLOWED_HOSTS names it', async () => {
    const allowing = await createTestApp('2026-11-23', undefined, { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    try {
      const internal = { ...SETTINGS, webhookUrl: 'http://127.0.0.1:8080/ehc' };
      expect((await allowing.http.put('/api/alert-settings').send(internal)).body).toEqual(internal);
      const other = await allowing.http.put('/api/alert-settings').send({ ...SETTINGS, webhookUrl: 'http://10.20.30.40/ehc' });
      expect(other.status).toBe(400);
    } finally {
      await allowing.close();
    }
  });

  it('lets managers change the settings, not caseworkers', async () => {
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.put('/api/alert-settings').send(SETTINGS)).status).toBe(403);
    const manager = await t.signInAs(['manager']);
    expect((await manager.http.put('/api/alert-settings').send(SETTINGS)).status).toBe(200);
  });
});
