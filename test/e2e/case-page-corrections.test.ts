import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
// A browser and the application on a two-core machine shared with other suites.
jest.setTimeout(120_000);

describe('Case page: a corrected trail', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    caseId = (await createCase(t, { requestReceivedOn: '2026-10-05' })).id;
    expect((await postEvent(t, caseId, { type: 'WITHDRAWN', occurredOn: '2026-11-20', reason: 'Family moved away' })).status).toBe(200);
    const corrected = await t.http.post(`/api/cases/${caseId}/corrections`).send({ eventSeq: 2, reason: 'Entered on the wrong case' });
    expect(corrected.status).toBe(200);
    await browser.signInAs(['caseworker']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('tags the superseded event with who superseded it and why, and says what the correction superseded', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const rows = await browser.page
      .locator('table', { has: browser.page.locator('caption', { hasText: 'Everything recorded' }) })
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((cell) => (cell.innerText as string).replace(/\s+/g, ' ').trim())));
    expect(rows.map((row) => row[1])).toEqual([
      expect.stringMatching(/^Request received/),
      expect.stringMatching(/^Superseded Request withdrawn Reason: Family moved away Superseded .* by .*: Entered on the wrong case$/),
      'Entry corrected Reason: Entered on the wrong case Supersedes: Request withdrawn of 20 November 2026',
    ]);
    expect(await browser.page.locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Awaiting decision/);
  });
});
