import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlertPlanner } from '../../src/alerts/alert-planner.service.js';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
type Step = Record<string, unknown> & { type: string; occurredOn: string };

/** The manager's dashboard and the alerts inbox in Chromium, over cases built through the API. */
describe('Dashboard and alerts pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let caseworker: { id: string; email: string };
  const cases: Record<string, { id: string; reference: string }> = {};

  async function build(name: string, requestReceivedOn: string, steps: Step[]) {
    const created = await createCase(t, { requestReceivedOn, child: { givenName: name, familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
    for (const step of steps) {
      const response = await postEvent(t, created.id, step);
      if (response.status !== 200) throw new Error(`${name} ${step.type}: ${JSON.stringify(response.body)}`);
    }
    cases[name] = created;
  }

  const assess = (on: string): Step => ({ type: 'DECISION_TO_ASSESS', occurredOn: on, decision: 'assess' });
  const toPlan = (asked: string, got: string, issue: string, draft: string, final: string): Step[] => [
    { type: 'ADVICE_REQUESTED', occurredOn: asked, contributor: 'health' },
    { type: 'ADVICE_RECEIVED', occurredOn: got, contributor: 'health' },
    { type: 'DECISION_TO_ISSUE', occurredOn: issue, decision: 'issue' },
    { type: 'DRAFT_PLAN_ISSUED', occurredOn: draft },
    { type: 'FINAL_PLAN_ISSUED', occurredOn: final },
  ];

  beforeAll(async () => {
    t = await createTestApp(TODAY, undefined, { SMTP_URL: 'smtp://127.0.0.1:2525' });
    await t.reset();
    browser = await openBrowser(t);
    caseworker = await browser.signInAs(['caseworker']);
    const settings = { warningWorkingDays: [10, 5], alertTime: '08:00', managerEmails: ['head.of.send@council.example'], escalationEmails: {}, webhookUrl: null };
    expect((await t.http.put('/api/alert-settings').send(settings)).status).toBe(200);
    // 20 weeks from 2 March is 20 July: on time. From 5 January, 25 May: late, and its decision (due 16 February) too.
    await build('Ontime', '2026-03-02', [assess('2026-04-06'), ...toPlan('2026-04-07', '2026-05-12', '2026-06-01', '2026-06-15', '2026-07-06')]);
    await build('Late', '2026-01-05', [assess('2026-03-02'), ...toPlan('2026-03-03', '2026-04-10', '2026-05-04', '2026-05-18', '2026-07-13')]);
    // Decision to assess due 16 November: overdue.
    await build('Ada', '2026-10-05', [{ type: 'ASSIGNED', occurredOn: '2026-10-05', assigneeId: caseworker.id }]);
    // Final plan due today with no draft yet: the draft's latest date (24 October) has passed, and
    // the 16-week latest date for a notice of no plan (26 October) with it — not a breach (reg 10(1)
    // times only a notice not to issue), so Bea is at risk but not overdue.
    await build('Bea', '2026-07-06', [{ type: 'ASSIGNED', occurredOn: '2026-07-06', assigneeId: 'priya@council.example' }, assess('2026-08-10')]);
    await build('Cleo', '2026-11-20', []);
    for (const name of ['Ada', 'Bea']) await t.app.get(AlertPlanner).planCase(cases[name].id);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const rowsOf = (selector: string) =>
    page().locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));

  it('is not offered to a caseworker, whose roles may not read reports', async () => {
    expect(await page().getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    expect((await page().goto('/dashboard'))?.status()).toBe(403);
  });

  it('lists the overdue cases, with the limit overdue and their caseworker, linking to each case, and logs the children it names', async () => {
    const manager = await browser.signInAs(['manager']);
    await page().getByRole('link', { name: 'Dashboard' }).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    expect(await rowsOf('#overdue + p + table')).toEqual([
      [cases.Ada.reference, 'Ada Okafor', 'Awaiting decision', 'Decision whether to assess (6 weeks)', '16 November 2026 7 days overdue', caseworker.email],
    ]);
    expect(await page().getByRole('link', { name: cases.Ada.reference }).getAttribute('href')).toBe(`/case/${cases.Ada.id}`);
    const logged = await t.db.query(`SELECT case_id FROM access_log WHERE user_id = $1 AND route = 'GET /dashboard'`, [manager.id]);
    expect(logged.map((row: { case_id: string }) => row.case_id)).toEqual([cases.Ada.id]);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('lists the cases at risk of a late plan with the steps whose latest date is near or past', async () => {
    const [bea] = await rowsOf('#early-warning + p + table');
    expect(bea.slice(0, 4)).toEqual([cases.Bea.reference, 'Assessing', 'priya@council.example', '23 November 2026']);
    expect(bea[4]).toBe(
      'Decision whether to issue a plan: 10 October 2026 44 days overdue Draft plan: 24 October 2026 30 days overdue Final plan: 23 November 2026 Due today',
    );
  });

  it('shows the timeliness of the last 12 months as a chart and as a table of the same figures', async () => {
    const chart = page().getByRole('img', { name: 'Timeliness by month, 1 December 2025 to 23 November 2026' });
    expect(await chart.count()).toBe(1);
    // Two legend keys, then a bar per measured month and limit: plans in July, decisions in March, April and August.
    expect(await chart.locator('rect').count()).toBe(2 + 4);
    const rows = await rowsOf('#timeliness + p + figure + table');
    expect(rows.map((row) => row[0])).toEqual([
      'December 2025', 'January 2026', 'February 2026', 'March 2026', 'April 2026', 'May 2026', 'June 2026',
      'July 2026', 'August 2026', 'September 2026', 'October 2026', 'November 2026', 'Last 12 months',
    ]);
    expect(rows[3]).toEqual(['March 2026', '0', '0', '0', '–', '1', '0', '0%']);
    expect(rows[7]).toEqual(['July 2026', '2', '1', '0', '50%', '0', '0', '–']);
    expect(rows[12]).toEqual(['Last 12 months', '2', '1', '0', '50%', '3', '2', '66.7%']);
  });

  it('shows the caseload per caseworker, by status, with the authority’s total', async () => {
    const rows = await rowsOf('#caseload + p + table');
    expect(rows).toEqual([
      [caseworker.email, '1', '1', '0', '0', '0', '0', '1', `${cases.Ada.reference} 7 weeks`],
      // Bea's passed 16-week date is a latest date, not a breach.
      ['priya@council.example', '1', '0', '1', '0', '0', '1', '0', `${cases.Bea.reference} 20 weeks`],
      ['Unassigned', '1', '1', '0', '0', '0', '0', '0', `${cases.Cleo.reference} 0 weeks`],
      ['All caseworkers', '3', '2', '1', '0', '0', '1', '1', `${cases.Bea.reference} 20 weeks`],
    ]);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('lists the alerts newest first with their delivery, filtered by kind, linking to the case', async () => {
    await page().getByRole('link', { name: 'Alerts' }).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Alerts');
    await page().getByLabel('Kind of alert').selectOption({ label: 'Deadline missed' });
    await page().getByRole('button', { name: 'Apply filter' }).click();
    const rows = await rowsOf('main');
    // Bea's passed 16-week date is a latest date: warned about, never a breach alert.
    expect(rows.map((row) => row[1])).toEqual([cases.Ada.reference]);
    expect(rows.find((row) => row[1] === cases.Ada.reference)!.slice(2)).toEqual([
      `Deadline missed ${cases.Ada.reference}: The decision whether to assess (SEND Regs 2014 reg 5(1)) was due on 2026-11-16 and has not been recorded: the statutory limit is breached.`,
      'Decision whether to assess (6 weeks) due 16 November 2026',
      'Email to head.of.send@council.example: Sending',
    ]);
    expect(await page().getByLabel('Kind of alert').inputValue()).toBe('deadline_breach');
    expect(await page().getByRole('link', { name: cases.Ada.reference }).getAttribute('href')).toBe(`/case/${cases.Ada.id}`);
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByLabel('Kind of alert').selectOption({ label: 'Advice reminder' });
    await page().getByRole('button', { name: 'Apply filter' }).click();
    expect(await page().getByRole('status').textContent()).toBe('0 alerts, newest first');
  });

  it('is open to every role that may read alerts, and to no other', async () => {
    await browser.signInAs(['caseworker']);
    expect((await page().goto('/notifications'))?.status()).toBe(200);
    expect((await page().goto('/notifications?page=0'))?.status()).toBe(400);
    await browser.signInAs(['panel_member']);
    expect((await page().goto('/notifications'))?.status()).toBe(403);
  });
});
