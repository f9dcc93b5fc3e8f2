import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { ALERTS_QUEUE, DIGEST_JOB, PLAN_PLAN_JOB } from '../../src/queues/queue-names.js';
import { mailText, startSmtpServer, startWebhookServer } from '../support/alert-receivers.js';
import { TEST_USER } from '../support/auth.js';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { emptyQueues as emptyAppQueues, QUEUE_BACKENDS } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { signInToPages } from '../support/web.js';

// A Monday; the annual review below falls due 10 working days later, so its first warning is today.
const TODAY = '2026-11-23';
const REVIEW_DUE = '2026-12-07';
jest.setTimeout(120_000);

interface PlanLimit {
  name: string;
  targetOn: string;
  role?: 'limit' | 'latest_date' | 'window';
  metOn?: string;
}

interface ListedAlert {
  kind: string;
  deadline: string;
  dueOn: string;
  message: string;
  caseId: string | null;
  planId: string | null;
  reference: string;
}

/**
 * Plan alerts on both queue backends. The plan machine and its store are not here yet, so each
 * test writes an ehc_plan row and its plan_deadline rows with SQL, and the outbox row the plans
 * store writes when they change.
 */
describe.each(QUEUE_BACKENDS)('Plan alerts on BullMQ with the %s backend', (_, backendEnv) => {
  let t: TestApp;
  let authorityId: string;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  const prefix = `ehctest${randomBytes(4).toString('hex')}`;
  const alertsQueue = () => t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    webhook = await startWebhookServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), {
      ...backendEnv,
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: prefix,
      SMTP_URL: smtp.url,
      WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
  }, 60_000);
  afterAll(async () => {
    await emptyQueues();
    await t.close();
    await smtp.close();
    await webhook.close();
  }, 60_000);
  const emptyQueues = () => emptyAppQueues(t.app);

  beforeEach(async () => {
    await emptyQueues();
    await t.reset();
    t.clock.setToday(TODAY);
    smtp.received.length = 0;
    webhook.received.length = 0;
    [{ id: authorityId }] = await t.db.query(`SELECT id FROM local_authority WHERE code = 'TEST'`);
    await t.db.query(`INSERT INTO alert_settings (local_authority_id, manager_emails, webhook_url) VALUES ($1, $2, $3)`, [authorityId, ['sen.manager@council.example'], webhook.url]);
  });

  let plans = 0;
  /** A maintained plan with the given limit rows (open unless met). */
  async function insertPlan(limits: PlanLimit[], assigneeId: string | null = null): Promise<{ id: string; reference: string }> {
    const reference = `PLAN-2026-${String(++plans).padStart(6, '0')}`;
    const [{ id }] = await t.db.query(
      `WITH child AS (INSERT INTO child (local_authority_id) VALUES ($1) RETURNING id)
       INSERT INTO ehc_plan (local_authority_id, reference, machine_id, machine_version, snapshot, status, version,
                             child_given_name, child_family_name, child_date_of_birth, started_on, assignee_id, child_id)
       SELECT $1, $2, 'ehc-plan', 1, '{}', 'maintained', 1, 'Amara', $3, '2015-03-02', '2025-12-08', $4, child.id FROM child RETURNING id`,
      [authorityId, reference, `Okafor${plans}`, assigneeId],
    );
    for (const limit of limits) {
      await t.db.query(
        `INSERT INTO plan_deadline (plan_id, name, local_authority_id, role, due_on, met_on, open, excepted, held, target_on, statutory, regulation, notice_assumed)
         VALUES ($1, $2, $3, $4, $5, $6, $6::date IS NULL, false, false, $5, true, 'test', false)`,
        [id, limit.name, authorityId, limit.role ?? 'limit', limit.targetOn, limit.metOn ?? null],
      );
    }
    return { id, reference };
  }

  /** What the plans store writes with a change to a plan's limit rows; the relay hands it to the alerts queue. */
  async function outboxPlanJob(planId: string, version = 1): Promise<string> {
    const jobId = `plan-plan.${planId}.${version}`;
    await t.db.query(`INSERT INTO outbox (queue, job_name, job_id, data) VALUES ($1, $2, $3, $4)`, [ALERTS_QUEUE, PLAN_PLAN_JOB, jobId, { planId, previous: [] }]);
    return jobId;
  }

  const alertsOfPlan = async (planId: string, kind?: string): Promise<ListedAlert[]> =>
    (await t.http.get(`/api/alerts?planId=${planId}${kind ? `&kind=${kind}` : ''}`)).body.items;
  const slotsRaised = async (planId: string) =>
    (await t.db.query(`SELECT dedupe_key FROM notification WHERE plan_id = $1 ORDER BY created_at`, [planId])).map((row: { dedupe_key: string }) => row.dedupe_key.split('.').pop());
  /** Lets the delayed alert job of `slot` fire now, as it would on its day at the alert time. */
  async function fireScheduled(planId: string, deadline: string, dueOn: string, slot: string): Promise<void> {
    const job = await eventually(async () => (await alertsQueue().getJob(`alert.${planId}.${deadline}.${dueOn}.${slot}`)) ?? undefined, `the ${slot} job to be scheduled`);
    expect(job.name).toBe(PLAN_PLAN_JOB);
    await job.promote();
  }

  it('warns managers before an annual review is due, reminds them on the day and alerts the breach the day after, each once', async () => {
    const { id, reference } = await insertPlan([{ name: 'annualReview', targetOn: REVIEW_DUE }]);
    await outboxPlanJob(id);
    const [first] = await eventually(async () => ((await alertsOfPlan(id)).length > 0 ? alertsOfPlan(id) : undefined), 'the first warning');
    expect(first).toMatchObject({ kind: 'deadline_warning', deadline: 'annualReview', dueOn: REVIEW_DUE, caseId: null, planId: id, reference });
    expect(first.message).toBe(`${reference}: The annual review of the EHC plan (CFA 2014 s.44(1)) is due on ${REVIEW_DUE}.`);
    expect(await slotsRaised(id)).toEqual(['w10']);

    t.clock.setToday('2026-11-30');
    await fireScheduled(id, 'annualReview', REVIEW_DUE, 'w5');
    await eventually(async () => ((await slotsRaised(id)).length === 2 ? true : undefined), 'the 5-day warning');
    t.clock.setToday(REVIEW_DUE);
    await fireScheduled(id, 'annualReview', REVIEW_DUE, 'due');
    await eventually(async () => ((await slotsRaised(id)).length === 3 ? true : undefined), 'the due-day reminder');
    t.clock.setToday('2026-12-08');
    await fireScheduled(id, 'annualReview', REVIEW_DUE, 'breach');
    const [breach] = await eventually(async () => {
      const found = await alertsOfPlan(id, 'deadline_breach');
      return found.length > 0 ? found : undefined;
    }, 'the breach alert');
    expect(breach.message).toBe(`${reference}: The annual review of the EHC plan (CFA 2014 s.44(1)) was due on ${REVIEW_DUE} and has not been recorded: the statutory limit is breached.`);

    // A repeated job (a retry, a second relay) and the sweep find every alert already raised.
    await outboxPlanJob(id, 2);
    await t.app.get(AlertSweep).sweep();
    await eventually(async () => ((await alertsQueue().getJobState(`plan-plan.${id}.2`)) === 'completed' ? true : undefined), 'the repeated job');
    expect(await slotsRaised(id)).toEqual(['w10', 'w5', 'due', 'breach']);
    const due = (await alertsOfPlan(id)).find((alert) => alert.message.includes('is due today'));
    expect(due?.message).toBe(`${reference}: The annual review of the EHC plan (CFA 2014 s.44(1)) is due today (${REVIEW_DUE}).`);
  });

  it('emails the managers and posts the webhook with the plan id', async () => {
    const { id, reference } = await insertPlan([{ name: 'reviewDecision', targetOn: '2026-11-20' }]);
    await outboxPlanJob(id);
    const hook = await eventually(async () => webhook.received.find((w) => JSON.parse(w.body).planId === id), 'the webhook');
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({ kind: 'deadline_breach', planId: id, deadline: 'reviewDecision', dueOn: '2026-11-20' });
    expect(body).not.toHaveProperty('caseId');
    const mail = await eventually(async () => smtp.received.find((m) => mailText(m).includes(reference)), 'the email');
    expect(mail.to).toEqual(['sen.manager@council.example']);
    expect(mailText(mail)).toContain(`${reference}: The review decision (within 4 weeks of the meeting, R (L, M and P) v Devon CC [2022]) was due on 2026-11-20`);
  });

  it('raises nothing for a met limit or a family\'s window, and schedules nothing for them', async () => {
    const { id } = await insertPlan([
      { name: 'reviewReport', targetOn: '2026-11-02', metOn: '2026-10-30' },
      { name: 'annualReview', targetOn: REVIEW_DUE, metOn: '2026-11-20' },
      { name: 'amendmentRepresentations', targetOn: '2026-11-16', role: 'window' },
    ]);
    const jobId = await outboxPlanJob(id);
    await eventually(async () => ((await alertsQueue().getJobState(jobId)) === 'completed' ? true : undefined), 'the plan job');
    t.clock.setToday('2026-12-30');
    await t.app.get(AlertSweep).sweep();
    expect(await alertsOfPlan(id)).toEqual([]);
    expect((await alertsQueue().getDelayed()).filter((job) => String(job.id).startsWith(`alert.${id}.`))).toEqual([]);
  });

  it('fails a plan job that names no plan at once, without holding up the queue', async () => {
    await alertsQueue().add(PLAN_PLAN_JOB, { planId: 42 }, { jobId: 'poison-plan' });
    const failed = await eventually(async () => (await alertsQueue().getFailed()).find((job) => job.id === 'poison-plan'), 'the poison job to fail');
    expect(failed.failedReason).toMatch(/no planId/);
    expect(failed.attemptsMade).toBe(1);
  });

  it('has the sweep raise a missed limit whose job was lost, once however often it runs', async () => {
    const { id, reference } = await insertPlan([{ name: 'amendedPlan.1', targetOn: '2026-11-16' }]);
    const sweep = t.app.get(AlertSweep);
    for (let i = 0; i < 3; i++) await sweep.sweep();
    const alerts = await alertsOfPlan(id);
    expect(alerts.map((a) => [a.kind, a.deadline])).toEqual([['deadline_breach', 'amendedPlan.1']]);
    expect(alerts[0].message).toBe(
      `${reference}: The amended plan or a notice not to amend (cycle 1; SEND Regs 2014 reg 22(3)) was due on 2026-11-16 and has not been recorded: the statutory limit is breached.`,
    );
  });

  it('lists plan alerts beside case alerts on the alerts page, linking to the plan', async () => {
    const { id, reference } = await insertPlan([{ name: 'phaseTransfer', targetOn: '2026-11-20' }]);
    const assessment = await createCase(t, { requestReceivedOn: '2026-10-11' });
    await t.app.get(AlertSweep).sweep();
    const listed: ListedAlert[] = (await t.http.get('/api/alerts?kind=deadline_breach')).body.items;
    expect(listed.map((a) => [a.reference, a.caseId, a.planId, a.deadline]).sort()).toEqual([
      [assessment.reference, assessment.id, null, 'decisionToAssess'],
      [reference, null, id, 'phaseTransfer'],
    ]);
    expect((await t.http.get(`/api/alerts?caseId=${id}`)).body.items).toEqual([]);
    const pages = await signInToPages(t, ['manager']);
    const html = (await pages.agent.get('/notifications')).text;
    expect(html).toContain(`<a class="govuk-link" href="/plan/${id}">${reference}</a>`);
    expect(html).toContain(`<a class="govuk-link" href="/case/${assessment.id}">${assessment.reference}</a>`);
    expect(html).toContain('The amended plan naming the next school or college for the phase transfer (SEND Regs 2014 reg 18)');
  });

  it('adds to the managers\' digest the annual reviews overdue and due within 14 days, and the phase transfers at risk', async () => {
    const overdue = await insertPlan([{ name: 'annualReview', targetOn: '2026-11-13' }], TEST_USER.id);
    const dueSoon = await insertPlan([{ name: 'annualReview', targetOn: '2026-11-30' }]);
    const atRisk = await insertPlan([{ name: 'phaseTransfer', targetOn: '2026-12-03' }, { name: 'annualReview', targetOn: '2027-06-30' }]);
    const late = await insertPlan([{ name: 'phaseTransfer', targetOn: '2026-11-20' }], TEST_USER.id);
    await insertPlan([{ name: 'phaseTransfer', targetOn: '2027-02-14' }, { name: 'annualReview', targetOn: '2026-11-10', metOn: '2026-11-09' }]);

    await alertsQueue().add(DIGEST_JOB, {});
    const digest = await eventually(async () => (await t.http.get('/api/digests')).body.items[0], 'the digest');
    // The assessments' sections are as they were: there are no cases.
    expect(digest.content.totals).toEqual({ overdue: 0, dueSoon: 0, adviceOverdue: 0 });
    expect(digest.content.teams).toEqual([]);
    expect(digest.content.plans.totals).toEqual({ reviewsOverdue: 1, reviewsDueSoon: 1, phaseTransfersAtRisk: 2 });
    const [mine, unassigned] = digest.content.plans.teams;
    expect(mine).toEqual({
      assignee: TEST_USER.email,
      reviewsOverdue: [{ planId: overdue.id, reference: overdue.reference, deadline: 'annualReview', dueOn: '2026-11-13', days: 10 }],
      reviewsDueSoon: [],
      phaseTransfersAtRisk: [{ planId: late.id, reference: late.reference, deadline: 'phaseTransfer', dueOn: '2026-11-20', days: -3 }],
    });
    expect(unassigned.assignee).toBeNull();
    expect(unassigned.reviewsDueSoon.map((item: { reference: string; days: number }) => [item.reference, item.days])).toEqual([[dueSoon.reference, 7]]);
    expect(unassigned.phaseTransfersAtRisk.map((item: { reference: string; days: number }) => [item.reference, item.days])).toEqual([[atRisk.reference, 10]]);

    const mail = await eventually(async () => smtp.received.find((m) => mailText(m).includes('EHC daily digest')), 'the digest email');
    const text = mailText(mail);
    expect(text).toContain('1 annual review overdue, 2 phase transfers at risk');
    expect(text).toContain(`${overdue.reference}  the annual review of the EHC plan (CFA 2014 s.44(1)): due 13 November 2026, 10 days overdue`);
    expect(text).toContain(`${late.reference}  the amended plan naming the next school or college for the phase transfer (SEND Regs 2014 reg 18): due 20 November 2026, 3 days overdue`);
    expect(text).toContain(`${atRisk.reference}  the amended plan naming the next school or college for the phase transfer (SEND Regs 2014 reg 18): due 3 December 2026, 10 days left`);
    expect(text).not.toContain('Okafor');
  });
});
