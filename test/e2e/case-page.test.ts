import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';

const TODAY = '2026-11-23';

describe('Case page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    const created = await createCase(t, { requestReceivedOn: '2026-10-05' });
    caseId = created.id;
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-21', contributor: 'health', contact: { name: 'Dr Rao', organisation: 'Northside NHS Trust' } },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-10-22', contributor: 'education' },
    ]) {
      expect((await postEvent(t, caseId, event)).status).toBe(200);
    }
    // Two reminders the alerts sent about the health advice, due on 2 December (21 October + 6 weeks).
    for (const slot of ['10', '5']) {
      await t.db.query(
        `INSERT INTO notification (local_authority_id, case_id, kind, deadline, due_on, dedupe_key, message)
         SELECT local_authority_id, id, 'advice_reminder', 'advice.health', '2026-12-02', $2, 'Health advice is due soon' FROM ehc_case WHERE id = $1`,
        [caseId, `${caseId}.advice.health.${slot}`],
      );
    }
    await browser.signInAs(['caseworker']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const tableRows = async (caption: string) =>
    browser.page
      .locator('table', { has: browser.page.locator('caption', { hasText: caption }) })
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.innerText as string).replace(/\s+/g, ' ').trim())));
  const forms = async () => browser.page.locator('details:not(#details-family-access) summary').allTextContents().then((texts) => texts.map((text) => text.trim()));
  const fillDate = async (scope: Locator, legend: string, date: string) => {
    const [year, month, day] = date.split('-');
    const group = scope.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };
  const openForm = async (title: string) => {
    await browser.page.locator('summary', { hasText: title }).click();
    return browser.page.locator('details[open] form');
  };

  it('shows the child, the status, every deadline with its due date, days left and status, and the advice tracker', async () => {
    await browser.page.goto(`/case/${caseId}`);
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor');
    expect(await browser.page.locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Assessing[\s\S]*Date of birth\s*12 April 2017[\s\S]*Request received\s*5 October 2026/);
    const deadlines = await tableRows('Deadlines');
    expect(deadlines.map((row) => [row[0].replace(/ SEND.*$/, ''), row[1], row[2], row[3], row[4]])).toEqual(
      expect.arrayContaining([
        ['Decision whether to assess (6 weeks)', '16 November 2026', '', '20 October 2026 Date of the decision: no notice recorded', 'Met'],
        ['Notice of a decision not to issue a plan (16 weeks)', '25 January 2027', '63 days left On track', '', 'Pending'],
        ['Final EHC plan (20 weeks)', '22 February 2027', '91 days left On track', '', 'Pending'],
        ['Advice: Health (6 weeks)', '2 December 2026', '9 days left Due soon', '', 'Pending'],
        ['Advice: Education (6 weeks)', '3 December 2026', '10 days left Due soon', '', 'Pending'],
      ]),
    );
    // One row per request, in the order asked.
    expect(await tableRows('Advice requested')).toEqual([
      ['Health Dr Rao, Northside NHS Trust', '21 October 2026', '2 December 2026', 'Not yet', '2'],
      ['Education', '22 October 2026', '3 December 2026', 'Not yet', '0'],
    ]);
    expect(await browser.page.locator('#exceptions + p').textContent()).toBe('No exception has been recorded.');
    expect(await seriousViolations(browser.page)).toEqual([]);
  });

  it('offers a form for each step the process allows now, and no other', async () => {
    await browser.page.goto(`/case/${caseId}`);
    expect(await forms()).toEqual([
      'Advice requested',
      'Advice received',
      'Decision whether to issue a plan',
      'Exception recorded',
      'Request withdrawn',
      'Caseworker assigned',
      'Notice sent to the family',
    ]);
  });

  it('records advice received with its date through the form, and shows it in the tracker and the trail', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const form = await openForm('Advice received');
    await form.getByLabel('Health').check();
    const date = form.getByRole('group', { name: 'Date it happened' });
    await date.getByLabel('Day').fill('20');
    await form.getByRole('button', { name: 'Record: Advice received' }).click();
    await browser.page.waitForURL(/recorded=ADVICE_RECEIVED/);
    expect(await browser.page.locator('.govuk-notification-banner').textContent()).toContain('Advice received: recorded.');
    expect((await tableRows('Advice requested'))[0]).toEqual(['Health Dr Rao, Northside NHS Trust', '21 October 2026', '2 December 2026', '20 November 2026', '2']);
    const trail = await tableRows('Everything recorded');
    expect(trail.at(-1)?.slice(0, 2)).toEqual(['20 November 2026', 'Advice received From: Health']);
    const [event] = await t.db.query(`SELECT type, occurred_on, payload FROM case_event WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [caseId]);
    expect(event).toEqual({ type: 'ADVICE_RECEIVED', occurred_on: '2026-11-20', payload: { contributor: 'health' } });
  });

  it('refuses a form someone else overtook, keeps what was typed and changes nothing', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const form = await openForm('Request withdrawn');
    await form.getByLabel('Why the request was withdrawn').fill('The family moved to another area.');
    expect((await postEvent(t, caseId, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'someone@test.example' })).status).toBe(200);
    const before = await storedState(t, caseId);
    await form.getByRole('button', { name: 'Record: Request withdrawn' }).click();
    await browser.page.waitForLoadState();
    expect(await browser.page.locator('.govuk-error-summary').textContent()).toContain('Someone else changed this case since you opened this page');
    expect(await browser.page.locator('details[open] textarea[name="reason"]').inputValue()).toBe('The family moved to another area.');
    expect(await storedState(t, caseId)).toEqual(before);
    expect(await seriousViolations(browser.page)).toEqual([]);
  });

  it('shows the process’s refusal in the error summary and changes nothing', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const before = await storedState(t, caseId);
    const form = await openForm('Decision whether to issue a plan');
    await form.getByLabel('Do not issue a plan').check();
    await form.getByRole('button', { name: 'Record: Decision whether to issue a plan' }).click();
    await browser.page.waitForLoadState();
    expect(await browser.page.locator('.govuk-error-summary').textContent()).toMatch(/reasons/i);
    expect(await storedState(t, caseId)).toEqual(before);
  });

  it('shows the form’s own problems beside its fields and changes nothing', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const before = await storedState(t, caseId);
    const form = await openForm('Caseworker assigned');
    await form.getByLabel('Caseworker’s email address').fill('');
    await form.getByRole('group', { name: 'Date it happened' }).getByLabel('Month').fill('13');
    await form.getByRole('button', { name: 'Record: Caseworker assigned' }).click();
    await browser.page.waitForLoadState();
    expect(await browser.page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter the caseworker’s email address',
      'Enter the date it happened as a real date, for example 23 11 2026',
    ]);
    expect(await browser.page.locator('#ASSIGNED-assigneeId-error').textContent()).toContain('Enter the caseworker’s email address');
    expect(await storedState(t, caseId)).toEqual(before);
  });

  it('takes a caseworker’s exception as a proposal, which a manager approves with a revised target through the form', async () => {
    const other = (await createCase(t, { requestReceivedOn: '2026-10-05' })).id;
    expect((await postEvent(t, other, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-20', decision: 'assess' })).status).toBe(200);
    await browser.page.goto(`/case/${other}`);
    const form = await openForm('Exception recorded');
    await form.getByLabel('Exceptional personal circumstances').check();
    await fillDate(form, 'Started on', '2026-11-02');
    await fillDate(form, 'Ended on (optional)', '2026-11-13');
    await form.getByLabel('Evidence (optional)').fill('Letter from the hospital, ref 4471');
    await form.getByLabel('Why it made the time limit impractical (optional)').fill('The child was in hospital');
    await fillDate(form, 'Date the family was told an exception applies (optional)', '2026-11-16');
    expect(await seriousViolations(browser.page)).toEqual([]);
    await form.getByRole('button', { name: 'Record: Exception recorded' }).click();
    await browser.page.waitForURL(/recorded=EXCEPTION_RECORDED/);
    expect((await tableRows('Exceptions to the time limits'))[0].slice(0, 3)).toEqual([
      'Exceptional personal circumstances',
      '2 November 2026 to 13 November 2026',
      'Proposed: relaxes nothing until a manager approves it',
    ]);
    expect(await forms()).not.toContain('Exception approved');

    const manager = await browser.signInAs(['manager']);
    await browser.page.goto(`/case/${other}`);
    const approval = await openForm('Exception approved');
    await approval.getByLabel('Exceptional personal circumstances, 2 November 2026 to 13 November 2026').check();
    await fillDate(approval, 'Revised target (optional)', '2027-03-31');
    expect(await seriousViolations(browser.page)).toEqual([]);
    await approval.getByRole('button', { name: 'Record: Exception approved' }).click();
    await browser.page.waitForURL(/recorded=EXCEPTION_APPROVED/);
    expect((await tableRows('Exceptions to the time limits'))[0][2]).toBe(`Approved by ${manager.email} on 23 November 2026 Ended on 13 November 2026`);
    const finalPlan = (await tableRows('Deadlines')).find((row) => row[0].startsWith('Final EHC plan'));
    expect(finalPlan?.slice(1)).toEqual(['22 February 2027 Revised target 31 March 2027', '128 days left On track', '', 'Exception']);
    await browser.signInAs(['caseworker']);
  });

  it('records the notice of the decision, sent by post, and meets the limit on the day it is served', async () => {
    await browser.page.goto(`/case/${caseId}`);
    const form = await openForm('Notice sent to the family');
    await form.getByLabel('Decision whether to assess').check();
    await fillDate(form, 'Sent on', '2026-10-20');
    await form.getByLabel('Post').check();
    expect(await seriousViolations(browser.page)).toEqual([]);
    await form.getByRole('button', { name: 'Record: Notice sent to the family' }).click();
    await browser.page.waitForURL(/recorded=NOTICE_SENT/);
    const decision = (await tableRows('Deadlines')).find((row) => row[0].startsWith('Decision whether to assess'));
    expect(decision?.slice(1)).toEqual(['16 November 2026', '', '22 October 2026', 'Met']);
  });

  it('previews a notice and sends it from the page, refusing an email without an address, and lists it as sent', async () => {
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await browser.page.goto(`/case/${caseId}`);
    await browser.page.locator(`a[href="/case/${caseId}/notices/decision_to_assess"]`).click();
    expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('We will carry out an EHC needs assessment for Amara Okafor');
    await browser.page.goBack();
    await browser.page.locator('summary', { hasText: 'Send this notice' }).first().click();
    const form = browser.page.locator('#send-decision_to_assess');
    await form.getByLabel('Email it now, with the PDF attached').check();
    await form.getByRole('button', { name: 'Send the notice' }).click();
    expect(await browser.page.locator('.govuk-error-summary').textContent()).toContain('Enter the email address the notice goes to');
    expect(await tableRows('Notices sent')).toEqual([]);

    const refused = browser.page.locator('#send-decision_to_assess');
    await refused.getByLabel('I handed the PDF over').check();
    await fillDate(refused, 'For a letter: posted or handed over on (optional)', '2026-10-21');
    expect(await seriousViolations(browser.page)).toEqual([]);
    await refused.getByRole('button', { name: 'Send the notice' }).click();
    await browser.page.waitForURL(/sent=decision_to_assess/);
    expect(await browser.page.locator('.govuk-notification-banner').textContent()).toContain('Decision whether to assess: notice sent');
    const [sent] = await tableRows('Notices sent');
    expect([sent[0], sent[1].replace(/ \d+ \w+ 2026 at .*$/, ''), sent[2], sent[3], sent[4]]).toEqual(['Decision whether to assess (version 1)', '21 October 2026, By hand', '21 October 2026', 'family', 'Read Decision whether to assess (version 1) or PDF of Decision whether to assess (version 1)']);
    await browser.page.locator(`a[href="/case/${caseId}/notices/decision_to_assess/versions/1"]`).click();
    expect(await browser.page.locator('body').textContent()).toContain('Date of this notice: 21 October 2026');
    expect((await t.http.get(`/api/cases/${caseId}/events`).expect(200)).body.at(-1)).toMatchObject({ type: 'NOTICE_SENT', payload: { method: 'hand', sentOn: '2026-10-21' } });
  });

  it('shows an auditor the case without any form, and a panel member the forbidden page', async () => {
    await browser.signInAs(['auditor']);
    await browser.page.goto(`/case/${caseId}`);
    expect(await forms()).toEqual([]);
    expect(await browser.page.getByRole('heading', { name: 'Deadlines' }).count()).toBe(1);
    await browser.signInAs(['panel_member']);
    const response = await browser.page.goto(`/case/${caseId}`);
    expect(response?.status()).toBe(403);
  });

  it('answers a case of another authority, or no case at all, with the GOV.UK 404 page', async () => {
    await browser.signInAs(['caseworker'], 'OTHER');
    for (const path of [`/case/${caseId}`, '/case/not-a-case']) {
      const response = await browser.page.goto(path);
      expect(response?.status()).toBe(404);
      expect(await browser.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    }
    expect(await seriousViolations(browser.page)).toEqual([]);
  });
});
