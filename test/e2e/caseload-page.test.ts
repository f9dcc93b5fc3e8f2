import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The little of the browser's window these tests ask about (the project compiles without the DOM library). */
interface Window {
  getComputedStyle(element: unknown): { fontFamily: string };
}

const TODAY = '2026-11-23';

describe('My caseload page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let me: { id: string; email: string };
  const refs: Record<string, string> = {};

  async function assigned(name: string, requestReceivedOn: string, assigneeId: string, familyName = 'Okafor') {
    const created = await createCase(t, { requestReceivedOn, child: { givenName: name, familyName, dateOfBirth: '2017-04-12' } });
    const response = await postEvent(t, created.id, { type: 'ASSIGNED', occurredOn: requestReceivedOn, assigneeId });
    expect(response.status).toBe(200);
    refs[name] = created.reference;
    return created;
  }

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    me = await browser.signInAs(['caseworker']);
    // Decision to assess due at request + 6 weeks: 16 November (overdue), 1 December (within 10 working days), 1 January.
    await assigned('Cleo', '2026-11-20', me.id);
    await assigned('Ada', '2026-10-05', me.id);
    await assigned('Bea', '2026-10-20', me.email, 'Mensah');
    await assigned('Dan', '2026-10-01', 'someone-else');
    const closed = await assigned('Eve', '2026-10-02', me.id);
    await postEvent(t, closed.id, { type: 'WITHDRAWN', occurredOn: '2026-10-03', reason: 'The family moved away.' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const rowsOf = async () =>
    browser.page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));

  it('lists my open cases, soonest deadline first, with days left and a red, amber or green tag', async () => {
    await browser.page.goto('/caseload');
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('My caseload');
    expect(await rowsOf()).toEqual([
      [refs.Ada, 'Ada Okafor', 'Awaiting decision', 'Decision whether to assess (6 weeks)', '16 November 2026', '7 days overdue Overdue'],
      [refs.Bea, 'Bea Mensah', 'Awaiting decision', 'Decision whether to assess (6 weeks)', '1 December 2026', '8 days left Due soon'],
      [refs.Cleo, 'Cleo Okafor', 'Awaiting decision', 'Decision whether to assess (6 weeks)', '1 January 2027', '39 days left On track'],
    ]);
    const tagClasses = await browser.page.locator('tbody tr td:last-child .govuk-tag').evaluateAll((tags) => tags.map((tag) => tag.className));
    expect(tagClasses).toEqual(['govuk-tag govuk-tag--red', 'govuk-tag govuk-tag--yellow', 'govuk-tag govuk-tag--green']);
    expect(await seriousViolations(browser.page)).toEqual([]);
  });

  it('filters to the cases with an overdue deadline', async () => {
    await browser.page.goto('/caseload');
    await browser.page.getByLabel('Only cases with an overdue deadline').check();
    await browser.page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await rowsOf()).map((row) => row[0])).toEqual([refs.Ada]);
    expect(await browser.page.getByLabel('Only cases with an overdue deadline').isChecked()).toBe(true);
  });

  it('finds a case by the child’s name or its reference', async () => {
    await browser.page.goto('/caseload');
    await browser.page.getByLabel('Reference or child’s name').fill('mensah');
    await browser.page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await rowsOf()).map((row) => row[0])).toEqual([refs.Bea]);
    await browser.page.getByLabel('Reference or child’s name').fill(refs.Cleo);
    await browser.page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await rowsOf()).map((row) => row[0])).toEqual([refs.Cleo]);
  });

  it('filters by status, and shows all open cases of the authority on request', async () => {
    await browser.page.goto('/caseload');
    await browser.page.getByLabel('Status').selectOption('withdrawn');
    await browser.page.getByRole('button', { name: 'Apply filters' }).click();
    expect((await rowsOf()).map((row) => row[0])).toEqual([refs.Eve]);
    await browser.page.goto('/caseload');
    await browser.page.getByRole('link', { name: 'All open cases' }).click();
    expect((await rowsOf()).map((row) => row[0])).toEqual([refs.Dan, refs.Ada, refs.Bea, refs.Cleo]);
    expect(await seriousViolations(browser.page)).toEqual([]);
  });

  it('answers an address it cannot read with a GOV.UK page, not an error in JSON', async () => {
    const response = await browser.page.goto('/caseload?status=lost&page=0');
    expect(response?.status()).toBe(400);
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('There is a problem with the address');
    expect(await browser.page.locator('main').textContent()).toContain('page must be 1 or more');
  });

  it('records every case shown in the access log', async () => {
    const logged = await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE user_id = $1 AND action = 'case_list_read' AND route = 'GET /caseload'`, [me.id]);
    expect(logged[0].n).toBeGreaterThan(0);
  });

  it('shows a panel member no caseload link, and the forbidden page at its address', async () => {
    await browser.signInAs(['panel_member']);
    expect(await browser.page.getByRole('link', { name: 'My caseload' }).count()).toBe(0);
    const response = await browser.page.goto('/caseload');
    expect(response?.status()).toBe(403);
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('You cannot use this page');
    expect(await seriousViolations(browser.page)).toEqual([]);
  });

  it('loads the GOV.UK styles and scripts under the content security policy', async () => {
    browser.consoleErrors.splice(0);
    await browser.page.goto('/sign-in');
    expect(await browser.page.locator('body').getAttribute('class')).toContain('govuk-frontend-supported');
    const font = await browser.page.locator('h1').evaluate((h1) => (globalThis as unknown as Window).getComputedStyle(h1).fontFamily);
    expect(font).toMatch(/GDS Transport|arial/i);
    expect(browser.consoleErrors).toEqual([]);
  });
});
