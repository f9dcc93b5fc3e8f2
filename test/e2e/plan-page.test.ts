import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createPlan, postPlanEvent, storedPlanState } from '../support/plan-factory.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A caseworker walks an annual review through the plan page's forms, the clock moved to each
 * step's day. The dates are domain 5.3's worked example: the plan was made Mon 10 Mar 2025, so
 * its review is due Mon 9 Mar 2026. The meeting, arranged on Mon 5 Jan for Mon 2 Feb 2026, needs
 * invitations and advice by Mon 19 Jan; its report is due Mon 16 Feb and the decision Mon 2 Mar.
 * Decided on 2 Mar to amend, notice emailed that day: the family's 15 days run to Mon 16 Mar,
 * the amended plan is due Mon 27 Apr, and the next review Mon 1 Feb 2027.
 */
describe('Plan page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp('2026-01-05');
    await t.reset();
    browser = await openBrowser(t);
    planId = (await createPlan(t, { child: { givenName: 'Maya', familyName: 'Thornton', dateOfBirth: '2017-06-14' }, startedOn: '2025-03-10' })).id;
    await browser.signInAs(['caseworker']);
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
  /** The deadline rows by label (the regulation under it left off): due, days left, met on, status. */
  const deadlines = async () =>
    Object.fromEntries((await tableRows('Deadlines')).map(([label, ...cells]) => [label.replace(/ (SEND Regs|Children and Families).*$/, ''), cells]));
  const forms = async () => page().locator('details summary').allTextContents().then((texts) => texts.map((text) => text.trim()));
  const fillDate = async (scope: Locator, legend: string, date: string) => {
    const [year, month, day] = date.split('-');
    const group = scope.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };
  const openForm = async (title: string) => {
    await page().locator('summary', { hasText: title }).click();
    return page().locator('details[open] form');
  };
  /** On `day`, opens the plan page, fills the form titled `title` with `fill`, and records it. */
  async function record(day: string, title: string, fill: (form: Locator) => Promise<void> = async () => {}) {
    t.clock.setToday(day);
    await page().goto(`/plan/${planId}`);
    const form = await openForm(title);
    await fill(form);
    await form.getByRole('button', { name: `Record: ${title}` }).click();
    await page().waitForURL(/recorded=/);
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`${title}: recorded.`);
  }

  it('shows the child, the plan and its deadlines before the review, with the forms allowed now', async () => {
    await page().goto(`/plan/${planId}`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Maya Thornton');
    expect(await page().locator('.govuk-summary-list').textContent()).toMatch(
      /Status\s*Maintained[\s\S]*Date of birth\s*14 June 2017[\s\S]*Plan made\s*10 March 2025[\s\S]*Named setting\s*Hillside Primary[\s\S]*Phase\s*Primary school[\s\S]*Made before this service recorded it/,
    );
    expect((await deadlines())['Annual review (within 12 months)']).toEqual(['9 March 2026', '63 days left On track', '', 'Pending']);
    expect(await page().locator('#reviews + p').textContent()).toBe('No review has been recorded yet.');
    expect(await forms()).toEqual(expect.arrayContaining(['Review meeting arranged', 'Proposed amendments sent', 'Re-assessment requested', 'Caseworker assigned']));
    expect(await forms()).not.toContain('Review report received');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('walks a review from arranging the meeting to the amended plan, showing each deadline as it is met', async () => {
    await record('2026-01-05', 'Review meeting arranged', (form) => fillDate(form, 'Date of the review meeting', '2026-02-02'));
    expect(await page().locator('.govuk-summary-list').textContent()).toContain('Review arranged');
    let rows = await deadlines();
    // Ten working days away: the first warning's day, so amber.
    expect(rows['Review invitations (2 weeks before the meeting)']).toEqual(['19 January 2026', '14 days left Due soon', '', 'Pending']);
    expect(rows['Advice circulated (2 weeks before the meeting)']).toEqual(['19 January 2026', '14 days left Due soon', '', 'Pending']);
    expect(await forms()).toEqual(expect.arrayContaining(['Review invitations sent', 'Advice circulated for the review', 'Review meeting held']));
    expect(await seriousViolations(page())).toEqual([]);

    await record('2026-01-12', 'Review invitations sent', (form) => form.getByLabel('Email').check());
    expect((await deadlines())['Review invitations (2 weeks before the meeting)']).toEqual(['19 January 2026', '', '12 January 2026', 'Met']);

    await record('2026-01-19', 'Advice circulated for the review');
    expect((await deadlines())['Advice circulated (2 weeks before the meeting)']).toEqual(['19 January 2026', '', '19 January 2026', 'Met']);

    await record('2026-02-02', 'Review meeting held');
    rows = await deadlines();
    expect(rows['Review report (2 weeks after the meeting)']).toEqual(['16 February 2026', '14 days left Due soon', '', 'Pending']);
    expect(rows['Review decision notified (4 weeks after the meeting)']).toEqual(['2 March 2026', '28 days left On track', '', 'Pending']);
    expect((await tableRows('Annual reviews'))[0]).toEqual([
      'Review 1',
      'Held on 2 February 2026 Arranged on 5 January 2026',
      'Sent 12 January 2026 by email to invitees Circulated 19 January 2026 by email to invitees',
      'Not received',
      'Not decided',
    ]);

    await record('2026-02-13', 'Review report received');
    expect((await deadlines())['Review report (2 weeks after the meeting)']).toEqual(['16 February 2026', '', '13 February 2026', 'Met']);
    expect(await seriousViolations(page())).toEqual([]);

    await record('2026-03-02', 'Review decision', async (form) => {
      await form.getByLabel('Amend the plan').check();
      await fillDate(form, 'Notice sent on (optional)', '2026-03-02');
      await form.getByRole('group', { name: 'How the notice was sent (optional)' }).getByLabel('Email').check();
    });
    expect(await page().locator('.govuk-summary-list').textContent()).toContain('Amendment proposed');
    rows = await deadlines();
    expect(rows['Review decision notified (4 weeks after the meeting)']).toEqual(['2 March 2026', '', '2 March 2026', 'Met']);
    expect(rows['Annual review (within 12 months), review 1']).toEqual(['9 March 2026', '', '2 March 2026', 'Met']);
    expect(rows['Annual review (within 12 months)']).toEqual(['1 February 2027', '336 days left On track', '', 'Pending']);
    expect(rows['Family’s comments on the proposed amendments (15 days)']).toEqual(['16 March 2026', '', '', 'Pending']);
    expect(rows['Amended plan or decision not to amend (8 weeks)']).toEqual(['27 April 2026', '56 days left On track', '', 'Pending']);
    expect((await tableRows('Amendments to the plan'))[0]).toEqual(['Amendment 1', 'Review 1', 'Proposed on 2 March 2026 Notice sent 2 March 2026 by email to family', 'Awaited']);

    await record('2026-04-20', 'Amended plan issued', async (form) => {
      await form.getByLabel('School, college or other setting named in the plan (optional)').fill('Hillside Primary with the Ash resource base');
      await fillDate(form, 'Notice sent on (optional)', '2026-04-20');
      await form.getByRole('group', { name: 'How the notice was sent (optional)' }).getByLabel('Post').check();
    });
    expect(await page().locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Maintained[\s\S]*Named setting\s*Hillside Primary with the Ash resource base/);
    // Posted on Monday 20 April, served on the second working day: Wednesday 22 April.
    expect((await deadlines())['Amended plan or decision not to amend (8 weeks)']).toEqual(['27 April 2026', '', '22 April 2026', 'Met']);
    expect((await tableRows('Amendments to the plan'))[0][3]).toBe(
      'Amended plan issued on 20 April 2026 Names Hillside Primary with the Ash resource base Notice sent 20 April 2026 by post to family, served 22 April 2026',
    );
    expect((await tableRows('Everything recorded')).map((row) => row[1].split(' ').slice(0, 3).join(' '))).toEqual([
      'Plan started Made',
      'Review meeting arranged',
      'Review invitations sent',
      'Advice circulated for',
      'Review meeting held',
      'Review report received',
      'Review decision Decision:',
      'Amended plan issued',
    ]);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows a step the meeting was held without as missed', async () => {
    t.clock.setToday('2026-11-23');
    const other = (await createPlan(t, { child: { givenName: 'Omar', familyName: 'Haddad', dateOfBirth: '2016-01-09' }, startedOn: '2025-12-01' })).id;
    for (const event of [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-11-02', meetingOn: '2026-11-16' },
      { type: 'REVIEW_INVITATIONS_SENT', occurredOn: '2026-11-05' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-16' },
    ]) {
      expect((await postPlanEvent(t, other, event)).status).toBe(200);
    }
    await page().goto(`/plan/${other}`);
    const rows = await deadlines();
    expect(rows['Review invitations (2 weeks before the meeting)']).toEqual(['2 November 2026', '', '5 November 2026', 'Met late']);
    expect(rows['Advice circulated (2 weeks before the meeting)']).toEqual(['2 November 2026', '', '', 'Missed Closed off on 16 November 2026']);
  });

  it('refuses a form someone else overtook with a message, keeps what was typed and changes nothing', async () => {
    t.clock.setToday('2026-11-23');
    await page().goto(`/plan/${planId}`);
    const form = await openForm('Caseworker assigned');
    await form.getByLabel('Caseworker’s email address').fill('sam@council.example');
    expect((await postPlanEvent(t, planId, { type: 'ASSIGNED', occurredOn: '2026-11-23', assigneeId: 'someone@council.example' })).status).toBe(200);
    const before = await storedPlanState(t, planId);
    await form.getByRole('button', { name: 'Record: Caseworker assigned' }).click();
    await page().waitForLoadState();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('Someone else changed this plan since you opened this page, so nothing was saved.');
    expect(await page().locator('details[open] input[name="assigneeId"]').inputValue()).toBe('sam@council.example');
    expect(await storedPlanState(t, planId)).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows what is missing from a form in the error summary and changes nothing', async () => {
    await page().goto(`/plan/${planId}`);
    const before = await storedPlanState(t, planId);
    const form = await openForm('Decision to cease the plan');
    await form.getByLabel('8: Deceased').check();
    await form.getByRole('button', { name: 'Record: Decision to cease the plan' }).click();
    await page().waitForLoadState();
    expect(await page().locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the reasons the plan is to cease']);
    expect(await storedPlanState(t, planId)).toEqual(before);
  });

  it('links the assessment case and the plan it led to both ways', async () => {
    const caseId = await issuedCase();
    await page().goto(`/case/${caseId}`);
    await page().getByRole('link', { name: 'The plan this assessment led to' }).click();
    await page().waitForURL(/\/plan\//);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Priya Shah');
    await page().getByRole('link', { name: 'The assessment that led to this plan' }).click();
    await page().waitForURL(`**/case/${caseId}`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Priya Shah');
  });

  it('answers a plan of another authority, or no plan at all, with the GOV.UK 404 page', async () => {
    await browser.signInAs(['caseworker'], 'OTHER');
    for (const path of [`/plan/${planId}`, '/plan/not-a-plan']) {
      const response = await page().goto(path);
      expect(response?.status()).toBe(404);
    }
    await browser.signInAs(['caseworker']);
  });

  it('previews the cease decision’s notice and sends it from the page, listing the letter as sent', async () => {
    t.clock.setToday('2026-12-07');
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    const ceasing = (await createPlan(t, { child: { givenName: 'Noah', familyName: 'Pike', dateOfBirth: '2009-03-03' }, startedOn: '2025-12-08' })).id;
    expect((await postPlanEvent(t, ceasing, { type: 'CEASE_DECISION', occurredOn: '2026-12-01', reasons: 'Noah has left education for work.', ceaseReason: 3 })).status).toBe(200);
    await page().goto(`/plan/${ceasing}`);
    await page().locator(`a[href="/plan/${ceasing}/notices/cease_decision"]`).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('We propose to stop maintaining the EHC plan for Noah Pike');
    await page().goBack();
    await page().locator('summary', { hasText: 'Send this notice' }).first().click();
    const form = page().locator('#send-cease_decision');
    await form.getByLabel('I will post the PDF (served on the second working day after posting)').check();
    await fillDate(form, 'For a letter: posted or handed over on (optional)', '2026-12-04');
    expect(await seriousViolations(page())).toEqual([]);
    await form.getByRole('button', { name: 'Send the notice' }).click();
    await page().waitForURL(/sent=cease_decision/);
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain('notice sent, and kept below as it went out');
    const [sent] = await tableRows('Notices sent');
    // Posted on Friday 4 December, served on Tuesday 8 December.
    expect([sent[1].replace(/ \d+ \w+ 2026 at .*$/, ''), sent[2], sent[3]]).toEqual(['4 December 2026, Post', '8 December 2026', 'family']);
    await page().locator(`a[href="/plan/${ceasing}/notices/cease_decision/versions/1"]`).click();
    expect(await page().locator('body').textContent()).toContain('Last day to appeal to the Tribunal8 February 2027');
  });

  /** A case taken to its final plan through the API, which makes the child's plan. */
  async function issuedCase(): Promise<string> {
    t.clock.setToday('2026-11-23');
    const created = await t.http.post('/api/cases').send({ child: { givenName: 'Priya', familyName: 'Shah', dateOfBirth: '2018-02-02' }, requestReceivedOn: '2026-05-04', requestSource: 'parent' });
    expect(created.status).toBe(201);
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-06-01', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-07-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-07-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-09-14' },
    ]) {
      const response = await t.http.post(`/api/cases/${created.body.id}/events`).send(event);
      if (response.status !== 200) throw new Error(`${event.type}: ${JSON.stringify(response.body)}`);
    }
    return created.body.id;
  }
});
