import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createPageAccount } from '../support/web.js';
import { createPanel, ok } from '../integration/panels-fixtures.js';

/** Monday 23 November 2026: the panel meets; the request came 45 days ago, so its 6 weeks have passed. */
const MEETING_DAY = '2026-11-23';

/**
 * A request from its arrival to its final plan, through the pages alone, in Chromium: the
 * caseworker records it, the manager sees it overdue, the clerk schedules and runs the panel
 * meeting, a panel member present recommends assessing, the manager (the officer with delegated
 * authority) decides to assess, the caseworker requests and logs advice, decides to
 * issue, issues the draft and the final plan, and the case is gone from the overdue list. The
 * clock moves forward between steps, as the weeks of an assessment pass. Only the panel and its
 * members are set up through the API: no page manages them.
 */
describe('The whole journey through the pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let panel: Awaited<ReturnType<typeof createPanel>>;
  let caseworker: { id: string; email: string };
  let manager: { id: string; email: string };
  let member: { id: string; email: string };
  let casePath: string;
  let reference: string;

  beforeAll(async () => {
    t = await createTestApp(MEETING_DAY);
    await t.reset();
    browser = await openBrowser(t);
    panel = await createPanel(t);
    // The member who records the panel's recommendation: a trust leader whose seat names their account.
    member = await createPageAccount(t, ['panel_member']);
    await ok(t.http.post(`/api/panels/${panel.panel.id}/members`).send({ name: 'Tara Trust', role: 'trust_leader', organisation: 'Riverside Trust', userId: member.id }), 201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const accessible = async () => expect(await seriousViolations(page())).toEqual([]);
  const banner = () => page().locator('.govuk-notification-banner').textContent();
  const overdueReferences = () => page().locator('#overdue + p + table tbody th').allTextContents().catch(() => []);

  async function fillDate(scope: Locator, legend: string, date: string) {
    const [year, month, day] = date.split('-');
    const group = scope.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  /** Opens one event form of the case page, lets `fill` answer it, records it dated today, and checks the page says so. */
  async function recordOnCasePage(title: string, fill: (form: Locator) => Promise<void> = async () => undefined) {
    await page().goto(casePath);
    await page().locator('summary', { hasText: title }).click();
    const form = page().locator('details[open] form');
    await fill(form);
    await form.getByRole('button', { name: `Record: ${title}` }).click();
    expect(await banner()).toContain(`${title}: recorded.`);
  }

  it('a caseworker records a request received 45 days ago', async () => {
    caseworker = await browser.signInAs(['caseworker']);
    await page().getByRole('link', { name: 'New request' }).click();
    await page().getByLabel('First name').fill('Amara');
    await page().getByLabel('Last name').fill('Okafor');
    await fillDate(page().locator('main'), 'Date of birth', '2017-04-12');
    await fillDate(page().locator('main'), 'Date the request was received', '2026-10-09');
    await page().getByLabel('Parent', { exact: true }).check();
    await accessible();
    await page().getByRole('button', { name: 'Record the request' }).click();
    expect(await banner()).toContain('Request recorded.');
    casePath = new URL(page().url()).pathname;
    reference = (await t.db.query(`SELECT reference FROM ehc_case WHERE id = $1`, [casePath.split('/').pop()]))[0].reference;
  });

  it('the manager sees it on the dashboard’s overdue list: the decision was due on 20 November', async () => {
    manager = await browser.signInAs(['manager']);
    await page().getByRole('link', { name: 'Dashboard' }).click();
    expect(await overdueReferences()).toEqual([reference]);
    expect(await page().locator('#overdue + p + table tbody tr').textContent()).toContain('3 days overdue');
    await accessible();
  });

  it('the clerk schedules today’s panel meeting, whose agenda flags the case, and records who is present', async () => {
    await browser.signInWith(caseworker);
    await page().getByRole('link', { name: 'Panel meetings' }).click();
    await page().getByLabel('Panel', { exact: true }).selectOption(panel.panel.id);
    await fillDate(page().locator('main'), 'Date of the meeting', MEETING_DAY);
    await page().getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Panel meeting, 23 November 2026');
    expect(await page().locator('#agenda + table tbody tr').textContent()).toMatch(new RegExp(`${reference}[\\s\\S]*Limit already passed`));
    for (const name of ['Sam Chair', 'Hana Head', 'Tara Trust']) await page().getByLabel(name).check();
    await page().getByRole('button', { name: 'Record attendance' }).click();
    expect(await banner()).toContain('Attendance recorded.');
    await accessible();
  });

  it('a panel member present records the panel’s recommendation to assess on the meeting page', async () => {
    await browser.signInWith(member);
    await page().getByRole('link', { name: '23 November 2026' }).click();
    await accessible();
    await page().getByLabel('Assess', { exact: true }).check();
    await page().getByRole('button', { name: `Record recommendation on ${reference}` }).click();
    expect(await banner()).toContain(`The panel’s recommendation on ${reference} is recorded.`);
  });

  it('the manager, with delegated authority, decides to assess on the meeting page, named as the decision-maker', async () => {
    await browser.signInWith(manager);
    await page().getByRole('link', { name: 'Panel meetings' }).click();
    await page().getByRole('link', { name: '23 November 2026' }).click();
    expect(await page().locator('main').textContent()).toMatch(/Panel recommendation\s+Assess on 23 November 2026, recorded by Tara Trust/);
    await page().getByRole('button', { name: `Record the decision on ${reference}` }).click();
    expect(await banner()).toContain(`The decision on ${reference} is recorded.`);
    expect(await page().locator('main').textContent()).toContain(`decided by ${manager.email}`);
    await accessible();
  });

  it('the caseworker requests advice on the case page, and records it received three weeks later', async () => {
    await browser.signInWith(caseworker);
    await page().goto(casePath);
    expect(await page().locator('.govuk-summary-list').first().textContent()).toContain('Assessing');
    await recordOnCasePage('Advice requested', async (form) => {
      await form.getByLabel('Health').check();
      await form.getByLabel('Organisation (optional)').fill('Northside NHS Trust');
    });
    t.clock.setToday('2026-12-14');
    await recordOnCasePage('Advice received', (form) => form.getByLabel('Health').check());
    await accessible();
  });

  it('records the decision to issue, the draft plan, and the final plan once the family’s 15 days on the draft are over', async () => {
    t.clock.setToday('2027-01-04');
    await recordOnCasePage('Decision whether to issue a plan', async (form) => {
      await form.getByLabel('Issue an EHC plan').check();
      await fillDate(form, 'Notice sent on (optional)', '2027-01-04');
      await form.getByLabel('Email', { exact: true }).check();
    });
    t.clock.setToday('2027-01-11');
    await recordOnCasePage('Draft plan issued');
    // Served on 11 January, the draft's 15 days end on the 25th: the plan is final on the 26th, a month inside the 20 weeks.
    t.clock.setToday('2027-01-26');
    await recordOnCasePage('Final plan issued', (form) => form.getByLabel('School or other institution named in the plan (optional)').fill('Oak Primary School'));
    expect(await page().locator('.govuk-summary-list').first().textContent()).toContain('Plan issued');
    const finalPlanRow = () => page().locator('table', { hasText: 'Final EHC plan' }).locator('tbody tr', { hasText: 'Final EHC plan' }).innerText();
    expect(await finalPlanRow()).toContain('Date of the plan: no notice recorded');
    // Handed to the family the same day: the plan is met on the day they have it, and the guess is gone.
    await recordOnCasePage('Notice sent to the family', async (form) => {
      await form.getByLabel('Final plan').check();
      await fillDate(form, 'Sent on', '2027-01-26');
      await form.getByLabel('By hand').check();
    });
    expect(await finalPlanRow()).not.toContain('no notice recorded');
    await accessible();
  });

  it('the case has left the overdue list, and its plan counts as on time in January’s figures', async () => {
    await browser.signInWith(manager);
    await page().getByRole('link', { name: 'Dashboard' }).click();
    expect(await overdueReferences()).toEqual([]);
    expect(await page().locator('#overdue + p + p').textContent()).toBe('No case is overdue.');
    const january = page().locator('#timeliness + p + figure + table tbody tr', { hasText: 'January 2027' });
    expect((await january.locator('td').allTextContents()).slice(0, 4)).toEqual(['1', '1', '0', '100%']);
    await accessible();
    const trail = await t.db.query(`SELECT type, occurred_on, actor FROM case_event WHERE case_id = $1 ORDER BY seq`, [casePath.split('/').pop()]);
    expect(trail.map((event: { type: string; occurred_on: string; actor: string }) => [event.type, event.occurred_on, event.actor])).toEqual([
      ['REQUEST_RECEIVED', '2026-10-09', caseworker.email],
      ['DECISION_TO_ASSESS', MEETING_DAY, manager.email],
      ['ADVICE_REQUESTED', MEETING_DAY, caseworker.email],
      ['ADVICE_RECEIVED', '2026-12-14', caseworker.email],
      ['DECISION_TO_ISSUE', '2027-01-04', caseworker.email],
      ['DRAFT_PLAN_ISSUED', '2027-01-11', caseworker.email],
      ['FINAL_PLAN_ISSUED', '2027-01-26', caseworker.email],
      ['NOTICE_SENT', '2027-01-26', caseworker.email],
    ]);
  });
});
