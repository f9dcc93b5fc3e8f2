import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Step = Record<string, unknown> & { type: string; occurredOn: string };

/** The reviews worklist and the phase-transfer tracker in Chromium, over plans built through the API. */
describe('Plan worklists', () => {
  let t: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
    browser = await openBrowser(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const tableRows = async (caption: string) =>
    page()
      .locator('table', { has: page().locator('caption', { hasText: caption }) })
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.innerText as string).replace(/\s+/g, ' ').trim())));

  async function plan(givenName: string, dateOfBirth: string, startedOn: string, steps: Step[] = []) {
    const created = await createPlan(t, { child: { givenName, familyName: 'Lowe', dateOfBirth }, startedOn });
    for (const step of steps) {
      const response = await postPlanEvent(t, created.id, step);
      if (response.status !== 200) throw new Error(`${givenName} ${step.type}: ${JSON.stringify(response.body)}`);
    }
    return created.reference as string;
  }

  describe('the reviews worklist', () => {
    const refs: Record<string, string> = {};

    beforeAll(async () => {
      await t.reset();
      t.clock.setToday('2026-11-23');
      const schedule = (on: string, meetingOn: string): Step => ({ type: 'REVIEW_MEETING_SCHEDULED', occurredOn: on, meetingOn });
      const sent = (type: string, on: string): Step => ({ type, occurredOn: on, method: 'email' });
      // Each review due within 12 months of the plan's making; the worklist runs to 23 February 2027.
      refs.Ada = await plan('Ada', '2016-01-10', '2025-12-01'); // due 30 November 2026
      refs.Ben = await plan('Ben', '2016-01-10', '2026-01-20', [schedule('2026-11-02', '2026-12-14')]); // due 19 January 2027
      refs.Cal = await plan('Cal', '2016-01-10', '2025-11-10', [
        schedule('2026-10-01', '2026-11-02'), sent('REVIEW_INVITATIONS_SENT', '2026-10-12'), sent('REVIEW_ADVICE_CIRCULATED', '2026-10-12'),
        { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-02' },
      ]); // due 9 November 2026: overdue
      refs.Dee = await plan('Dee', '2016-01-10', '2026-02-10', [
        schedule('2026-11-16', '2026-12-07'), sent('REVIEW_INVITATIONS_SENT', '2026-11-20'), sent('REVIEW_ADVICE_CIRCULATED', '2026-11-20'),
      ]); // due 9 February 2027
      refs.Eve = await plan('Eve', '2016-01-10', '2026-06-01'); // due 31 May 2027: later than 3 months
      refs.Fin = await plan('Fin', '2016-01-10', '2025-12-15', [
        schedule('2026-10-01', '2026-11-02'), sent('REVIEW_INVITATIONS_SENT', '2026-10-15'), sent('REVIEW_ADVICE_CIRCULATED', '2026-10-15'),
        { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-02' }, { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-11-10' },
      ]); // due 14 December 2026
      refs.Gus = await plan('Gus', '2016-01-10', '2026-01-05', [sent('AMENDMENT_NOTICE_SENT', '2026-11-10')]); // due 4 January 2027
      await browser.signInAs(['caseworker']);
    });

    it('lists the plans due in the next 3 months or overdue, soonest first, each with the step it waits for', async () => {
      await page().goto('/');
      await page().getByRole('link', { name: 'Reviews due' }).click();
      await page().waitForURL('**/plans/reviews');
      expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Annual reviews due');
      const rows = await tableRows('Annual reviews due');
      expect(rows.map(([reference, child, due, days, step]) => [reference, child, due, days, step])).toEqual([
        [refs.Cal, 'Cal Lowe', '9 November 2026', '14 days overdue Overdue', 'Receive the review report Review held'],
        [refs.Ada, 'Ada Lowe', '30 November 2026', '7 days left Urgent', 'Schedule the meeting Maintained'],
        [refs.Fin, 'Fin Lowe', '14 December 2026', '21 days left On track', 'Decide and notify the family Review held'],
        [refs.Gus, 'Gus Lowe', '4 January 2027', '42 days left On track', 'Issue the amended plan Amendment proposed'],
        [refs.Ben, 'Ben Lowe', '19 January 2027', '57 days left On track', 'Send the invitations Review arranged'],
        [refs.Dee, 'Dee Lowe', '9 February 2027', '78 days left On track', 'Hold the meeting Review arranged'],
      ]);
      expect(rows.map((row) => row[0])).not.toContain(refs.Eve);
      expect(await page().getByRole('status').textContent()).toBe('6 plans');
      expect(await seriousViolations(page())).toEqual([]);
      await page().getByRole('link', { name: refs.Ada }).click();
      expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Ada Lowe');
    });

    it('pages a long worklist', async () => {
      for (let n = 0; n < 25; n++) await plan(`Kit${String.fromCharCode(97 + n)}`, '2016-01-10', '2026-01-11');
      await page().goto('/plans/reviews');
      expect(await page().getByRole('status').textContent()).toBe('31 plans');
      expect(await tableRows('Annual reviews due')).toHaveLength(25);
      await page().getByRole('link', { name: 'Next' }).click();
      await page().waitForURL('**/plans/reviews?page=2');
      // Twenty-one of the 25 due on 10 January 2027 fill the first page; the rest come before Ben and Dee.
      const names = (await tableRows('Annual reviews due')).map((row) => row[1]);
      expect(names).toHaveLength(6);
      expect(names.slice(0, 4).every((name) => name.startsWith('Kit'))).toBe(true);
      expect(names.slice(4)).toEqual(['Ben Lowe', 'Dee Lowe']);
      expect(await seriousViolations(page())).toEqual([]);
    });
  });

  describe('the phase-transfer tracker', () => {
    const refs: Record<string, string> = {};

    beforeAll(async () => {
      await t.reset();
      // Spring 2027: the 14 February date for September 2027's moves has passed, the 30 March one for post-16 has not.
      t.clock.setToday('2027-03-10');
      const amend = (noticeOn: string, issuedOn: string): Step[] => [
        { type: 'AMENDMENT_NOTICE_SENT', occurredOn: noticeOn, method: 'email' },
        { type: 'AMENDED_PLAN_ISSUED', occurredOn: issuedOn, nextPhase: 'secondary', namedSetting: 'Northgate Academy' },
      ];
      // Born September 2015 to August 2016: Year 7 in September 2027, named by 14 February 2027.
      refs.Ontime = await plan('Ontime', '2015-10-20', '2025-03-10', amend('2027-01-04', '2027-02-10'));
      refs.Late = await plan('Late', '2016-01-15', '2025-03-10', amend('2027-01-20', '2027-03-01'));
      refs.Overdue = await plan('Overdue', '2016-05-05', '2025-03-10');
      // Born September 2010 to August 2011: post-16 in September 2027, named by 30 March 2027.
      refs.Notyet = await plan('Notyet', '2011-03-01', '2025-03-10');
      // Year 7 in September 2028: another cohort.
      refs.Next = await plan('Next', '2017-02-01', '2025-03-10');
      await browser.signInAs(['caseworker']);
    });

    it('shows the next September’s cohort: each transfer, its statutory date and the amended plan against it', async () => {
      await page().goto('/');
      await page().getByRole('link', { name: 'Phase transfers' }).click();
      await page().waitForURL('**/plans/phase-transfers');
      expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Phase transfers: 2027 cohort');
      expect(await tableRows('Phase transfers of the 2027 cohort')).toEqual([
        [refs.Late, 'Late Lowe', 'Primary school to Secondary school Moves on 1 September 2027', '14 February 2027', '1 March 2027', 'Named late'],
        [refs.Ontime, 'Ontime Lowe', 'Primary school to Secondary school Moves on 1 September 2027', '14 February 2027', '10 February 2027', 'Named on time'],
        [refs.Overdue, 'Overdue Lowe', 'Primary school to Secondary school Moves on 1 September 2027', '14 February 2027', '', 'Overdue 24 days overdue'],
        [refs.Notyet, 'Notyet Lowe', 'Secondary school to Post-16 institution Moves on 1 September 2027', '30 March 2027', '', 'Not yet named 20 days left'],
      ]);
      expect(await tableRows('4 transfers')).toEqual([
        ['Named on time', '1'],
        ['Named late', '1'],
        ['Not yet named', '1'],
        ['Overdue', '1'],
      ]);
      expect(await seriousViolations(page())).toEqual([]);
    });

    it('shows another cohort by its year', async () => {
      await page().goto('/plans/phase-transfers?year=2028');
      expect((await tableRows('Phase transfers of the 2028 cohort')).map((row) => row[1])).toEqual(['Next Lowe']);
      const response = await page().goto('/plans/phase-transfers?year=soon');
      expect(response?.status()).toBe(400);
    });
  });
});
