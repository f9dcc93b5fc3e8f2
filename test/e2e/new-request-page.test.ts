import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';

describe('New request page', () => {
  let t: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    await browser.signInAs(['caseworker']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const counts = async () => {
    const [row] = await t.db.query(`SELECT (SELECT count(*) FROM ehc_case)::int AS cases, (SELECT count(*) FROM case_event)::int AS events, (SELECT count(*) FROM case_deadline)::int AS deadlines`);
    return row;
  };

  async function fillDate(legend: string, day: string, month: string, year: string) {
    const group = browser.page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  it('shows every problem in the error summary, keeps what was typed and saves nothing', async () => {
    const before = await counts();
    await browser.page.goto('/requests/new');
    expect(await seriousViolations(browser.page)).toEqual([]);
    await browser.page.getByLabel('First name').fill('Amara');
    await fillDate('Date of birth', '31', '2', '2017');
    await fillDate('Date the request was received', '', '', '');
    await browser.page.getByRole('button', { name: 'Record the request' }).click();

    const summary = browser.page.locator('.govuk-error-summary');
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Enter the child’s last name',
      'Date of birth must be a real date',
      'Enter the date the request was received',
      'Select who made the request',
    ]);
    expect(await browser.page.title()).toMatch(/^Error: Record a request/);
    expect(await browser.page.getByLabel('First name').inputValue()).toBe('Amara');
    expect(await browser.page.getByRole('group', { name: 'Date of birth' }).getByLabel('Day').inputValue()).toBe('31');
    expect(await browser.page.locator('#familyName-error').textContent()).toContain('Enter the child’s last name');
    expect(await seriousViolations(browser.page)).toEqual([]);
    expect(await counts()).toEqual(before);

    await summary.getByRole('link', { name: 'Date of birth must be a real date' }).click();
    expect(await browser.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('dateOfBirth-day');
  });

  it('refuses a request received in the future, in the words of the form, and saves nothing', async () => {
    const before = await counts();
    await browser.page.goto('/requests/new');
    await browser.page.getByLabel('First name').fill('Amara');
    await browser.page.getByLabel('Last name').fill('Okafor');
    await fillDate('Date of birth', '12', '4', '2017');
    await fillDate('Date the request was received', '1', '12', '2026');
    await browser.page.getByLabel('Parent', { exact: true }).check();
    await browser.page.getByRole('button', { name: 'Record the request' }).click();
    expect(await browser.page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Date the request was received must be today or in the past']);
    expect(await browser.page.getByLabel('Parent', { exact: true }).isChecked()).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('records a valid request and shows its case page with the statutory clock started', async () => {
    await browser.page.goto('/requests/new');
    await browser.page.getByLabel('First name').fill('Amara');
    await browser.page.getByLabel('Last name').fill('Okafor');
    await fillDate('Date of birth', '12', '4', '2017');
    await fillDate('Date the request was received', '5', '10', '2026');
    await browser.page.getByLabel('School or college').check();
    await browser.page.getByRole('button', { name: 'Record the request' }).click();

    expect(browser.page.url()).toMatch(/\/case\/[0-9a-f-]{36}\?created=1$/);
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor');
    expect(await browser.page.locator('.govuk-notification-banner').textContent()).toContain('Request recorded');
    const [stored] = await t.db.query(`SELECT child_given_name, child_family_name, child_date_of_birth, request_received_on, request_source, status FROM ehc_case`);
    expect(stored).toEqual({
      child_given_name: 'Amara',
      child_family_name: 'Okafor',
      child_date_of_birth: '2017-04-12',
      request_received_on: '2026-10-05',
      request_source: 'school',
      status: 'awaiting_decision',
    });
  });
});
