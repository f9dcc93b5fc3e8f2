import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator } from 'playwright-core';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A caseworker records a family's disagreement with a refusal to assess from the case page and
 * walks it through the dispute page's forms, the clock moved to each step's day. The dates are
 * those of dispute-time-travel.test.ts, worked by hand: refused Mon 2 Nov 2026, notice Tue 3 Nov,
 * so the family has until Sun 3 Jan 2027 to contact an adviser and Mon 4 Jan to appeal. Mediation
 * declined Mon 23 Nov: the certificate is due 3 working days after, Thu 26 Nov, and is issued Wed
 * 25 Nov; a month after it (Fri 25 Dec, then the bank holidays) is earlier than 4 Jan, which stays
 * the last day to appeal. The Tribunal sends the appeal on Tue 1 Dec: the response is due 30
 * working days after, Fri 15 Jan 2027 (25 and 28 Dec and 1 Jan are bank holidays), and is in on
 * Tue 12 Jan. Ordered to assess on Mon 1 Mar 2027: notice by Mon 15 Mar, a decision not to issue
 * by Mon 10 May, the final plan by Mon 7 Jun. The notice goes on Mon 8 Mar.
 */
describe('Dispute pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let caseId: string;
  let disputeId: string;
  let otherReference: string;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
    browser = await openBrowser(t);
    // A locator that finds nothing fails within the test's time, naming itself.
    browser.page.setDefaultTimeout(10_000);
    caseId = await refusedCase('Amara', 'Okafor');
    otherReference = await otherDispute();
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
  const deadlines = async () => Object.fromEntries((await tableRows('Deadlines')).map(([label, ...cells]) => [label.split(/ (?:SEND Regs|HESC Rules) /)[0], cells]));
  const status = async () => (await page().locator('.govuk-summary-list__row', { hasText: 'Status' }).locator('dd').innerText()).trim();
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
  /** On `day`, opens the dispute page, fills the form titled `title` with `fill`, and records it. */
  async function record(day: string, title: string, fill: (form: Locator) => Promise<void> = async () => {}) {
    t.clock.setToday(day);
    await page().goto(`/dispute/${disputeId}`);
    const form = await openForm(title);
    await fill(form);
    await form.getByRole('button', { name: `Record: ${title}` }).click();
    // A refused form is shown again at the form's address: say why rather than time out.
    await page().waitForURL((url) => url.search.includes('recorded=') || url.pathname.endsWith('/events'));
    if (!page().url().includes('recorded=')) throw new Error(`${title} was refused: ${await page().locator('.govuk-error-summary').textContent()}`);
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`${title}: recorded.`);
  }
  const storedDispute = async () => ({
    dispute: await t.db.query('SELECT * FROM dispute WHERE id = $1', [disputeId]),
    events: await t.db.query('SELECT * FROM dispute_event WHERE dispute_id = $1 ORDER BY seq', [disputeId]),
    deadlines: await t.db.query('SELECT * FROM dispute_deadline WHERE dispute_id = $1 ORDER BY name', [disputeId]),
  });
  const worklist = async () => (await tableRows('Open disputes')).map(([reference, child, decision, state, next]) => ({ reference, child, decision, state, next }));

  it('records a dispute of the refusal from the case page, and shows it on the case page', async () => {
    t.clock.setToday('2026-11-03');
    await page().goto(`/case/${caseId}`);
    expect(await page().locator('#disputes + p').textContent()).toBe('No dispute of this case’s decisions is open.');
    await page().getByRole('link', { name: 'Record a dispute of a decision' }).click();
    await page().waitForURL(/\/disputes\/new\?caseId=/);
    expect(await page().getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as unknown as { value: string }).value))).toEqual(['refusal_to_assess', 'decision_not_to_issue']);
    expect(await seriousViolations(page())).toEqual([]);

    // Nothing chosen: the error summary, and no dispute.
    await page().getByRole('button', { name: 'Record the dispute' }).click();
    await page().waitForLoadState();
    expect(await page().locator('.govuk-error-summary a').allTextContents()).toEqual(['Select the decision the family disagrees with', 'Enter the date the decision notice was sent']);
    expect(await seriousViolations(page())).toEqual([]);

    await page().getByLabel('Refusal to assess').check();
    await fillDate(page().locator('form').last(), 'Date the decision notice was sent', '2026-11-03');
    await page().getByRole('button', { name: 'Record the dispute' }).click();
    await page().waitForURL(/\/dispute\/[0-9a-f-]+\?created=1/);
    disputeId = new URL(page().url()).pathname.split('/')[2];
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain('Dispute recorded.');
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor');
    expect(await page().locator('.govuk-summary-list').innerText()).toMatch(
      /Status\s+Notice sent[\s\S]*Decision disputed\s+Refusal to assess\s+Decided on 2 November 2026[\s\S]*Decision notice sent\s+3 November 2026[\s\S]*Last day to appeal\s+4 January 2027[\s\S]*Disputed on\s+Assessment EHC-2026-\d+[\s\S]*Caseworker\s+Not assigned/,
    );
    const rows = await deadlines();
    // The family's windows: no days left, no tag — they are not the authority's to meet.
    expect(rows['Family contacts a mediation adviser (2 months)']).toEqual(['3 January 2027', '', '', 'Pending']);
    expect(rows['Family’s appeal to the Tribunal']).toEqual(['4 January 2027', '', '', 'Pending']);
    expect(await forms()).toEqual(expect.arrayContaining(['Family contacted the mediation adviser', 'Appeal registered', 'Caseworker assigned']));
    expect(await seriousViolations(page())).toEqual([]);

    await page().getByRole('link', { name: /Assessment EHC-2026-/ }).click();
    await page().waitForURL(`**/case/${caseId}`);
    expect((await tableRows('Open disputes of this case'))[0]).toEqual([expect.stringMatching(/^DISP-2026-\d{6}$/), 'Refusal to assess', 'Notice sent', 'No limit running']);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('lists open disputes on the worklist, soonest next deadline first and those with none last', async () => {
    await page().goto('/disputes/worklist');
    expect(await page().locator('.govuk-service-navigation [aria-current="page"]').innerText()).toContain('Disputes');
    let listed = await worklist();
    expect(listed.map((row) => row.child)).toEqual(['Bilal Hussain', 'Amara Okafor']);
    expect(listed[0]).toMatchObject({ reference: otherReference, decision: 'Refusal to assess', state: 'In mediation', next: 'Mediation held (30 days) 3 December 2026 30 days left On track' });
    expect(listed[1]).toMatchObject({ state: 'Notice sent', next: 'No limit running' });
    expect(await seriousViolations(page())).toEqual([]);

    await page().getByLabel('Status').selectOption('notice_sent');
    await page().getByRole('button', { name: 'Show disputes' }).click();
    await page().waitForURL(/status=notice_sent/);
    expect((await worklist()).map((row) => row.child)).toEqual(['Amara Okafor']);
    await page().getByRole('link', { name: (await worklist())[0].reference }).click();
    await page().waitForURL(`**/dispute/${disputeId}`);

    // The assignment form offers the caseworker's own email: taking the dispute on puts it on "Assigned to me".
    await record('2026-11-03', 'Caseworker assigned');
    expect(await page().locator('.govuk-summary-list').innerText()).toMatch(/Caseworker\s+\S+@pages\.example \(you\)/);
    await page().goto('/disputes/worklist');
    await page().getByRole('link', { name: 'Assigned to me' }).click();
    await page().waitForURL(/scope=mine/);
    expect((await worklist()).map((row) => row.child)).toEqual(['Amara Okafor']);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('walks the dispute from mediation advice to the order’s first step, showing each deadline as a caseworker would', async () => {
    await record('2026-11-20', 'Family contacted the mediation adviser');
    expect(await status()).toBe('Considering mediation');
    expect((await deadlines())['Family contacts a mediation adviser (2 months)']).toEqual(['3 January 2027', '', '20 November 2026', 'Met']);
    expect(await forms()).toEqual(expect.arrayContaining(['Mediation declined', 'Mediation requested', 'Mediation certificate issued', 'Appeal registered']));

    await record('2026-11-23', 'Mediation declined');
    expect(await status()).toBe('Certificate awaited');
    expect((await deadlines())['Mediation certificate (3 working days)']).toEqual(['26 November 2026', '3 days left Urgent', '', 'Pending']);
    expect(await seriousViolations(page())).toEqual([]);
    // Its certificate now falls before the other dispute's mediation meeting.
    await page().goto('/disputes/worklist');
    expect((await worklist()).map((row) => row.child)).toEqual(['Amara Okafor', 'Bilal Hussain']);

    await record('2026-11-25', 'Mediation certificate issued');
    expect(await status()).toBe('Certificate issued');
    expect((await deadlines())['Mediation certificate (3 working days)']).toEqual(['26 November 2026', '', '25 November 2026', 'Met']);
    expect(await page().locator('.govuk-summary-list').innerText()).toMatch(/Last day to appeal\s+4 January 2027/);

    await record('2026-12-01', 'Appeal registered', (form) => form.getByLabel('Tribunal’s reference (optional)').fill('EH123/26/00042'));
    expect(await status()).toBe('Appealed to the Tribunal');
    let rows = await deadlines();
    expect(rows['Family’s appeal to the Tribunal']).toEqual(['4 January 2027', '', '1 December 2026', 'Met']);
    expect(rows['Response to the appeal (30 working days)']).toEqual(['15 January 2027', '45 days left On track', '', 'Pending']);
    expect(await seriousViolations(page())).toEqual([]);

    await record('2027-01-12', 'Response to the appeal submitted');
    expect((await deadlines())['Response to the appeal (30 working days)']).toEqual(['15 January 2027', '', '12 January 2027', 'Met']);
    expect(await status()).toBe('Appealed to the Tribunal');

    await record('2027-03-01', 'Tribunal decided', async (form) => {
      await form.getByLabel('Appeal allowed').check();
      await form.getByLabel('Assess the child’s needs').check();
    });
    expect(await status()).toBe('Carrying out the outcome');
    expect(await page().locator('.govuk-summary-list').innerText()).toMatch(/Outcome\s+Appeal allowed/);
    rows = await deadlines();
    expect(rows['Order: notice of the decision (2 weeks)']).toEqual(['15 March 2027', '14 days left Due soon', '', 'Pending']);
    expect(rows['Order: decision whether to issue a plan (10 weeks)']).toEqual(['10 May 2027', '70 days left On track', '', 'Pending']);
    expect(rows['Order: final plan']).toEqual(['7 June 2027', '98 days left On track', '', 'Pending']);
    expect(await seriousViolations(page())).toEqual([]);

    await record('2027-03-08', 'Order step met', async (form) => {
      await form.getByLabel('Order: notice of the decision (2 weeks)').check();
      await form.getByRole('group', { name: 'How the notice was sent (optional)' }).getByLabel('Email').check();
    });
    rows = await deadlines();
    expect(rows['Order: notice of the decision (2 weeks)']).toEqual(['15 March 2027', '', '8 March 2027', 'Met']);
    expect(rows['Order: decision whether to issue a plan (10 weeks)']).toEqual(['10 May 2027', '63 days left On track', '', 'Pending']);
    expect(await status()).toBe('Carrying out the outcome');
    expect((await tableRows('Everything recorded on this dispute')).map((row) => row[1])).toEqual([
      expect.stringMatching(/^Dispute recorded Decision: Refusal to assess Decided on: 2 November 2026 Notice sent on: 3 November 2026$/),
      expect.stringMatching(/^Caseworker assigned Assigned to: caseworker\.\w+@pages\.example$/),
      'Family contacted the mediation adviser',
      'Mediation declined',
      'Mediation certificate issued',
      'Appeal registered Tribunal reference: EH123/26/00042',
      'Response to the appeal submitted',
      'Tribunal decided Outcome: Appeal allowed The authority must: Assess the child’s needs',
      'Order step met Step: Order: notice of the decision (2 weeks) Sent by: Email',
    ]);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('claims an exception against the order’s final plan, which a manager approves and anyone may end', async () => {
    await record('2027-03-10', 'Exception recorded', async (form) => {
      await form.getByLabel('Exceptional personal circumstances').check();
      await form.getByRole('group', { name: 'Step of the order it is claimed against' }).getByLabel('Order: final plan').check();
      await fillDate(form, 'Started on', '2027-03-09');
    });
    expect(await forms()).toEqual(expect.arrayContaining(['Exception ended']));
    // A caseworker's exception is a proposal: only a manager with delegated authority approves it.
    expect(await forms()).not.toContain('Exception approved');
    await browser.signInAs(['manager']);
    await record('2027-03-10', 'Exception approved', (form) => form.getByLabel(/Exceptional personal circumstances, From 9 March 2027, not ended/).check());
    expect((await deadlines())['Order: final plan']).toEqual(['7 June 2027', '', '', 'Exception Held: exception running']);
    await record('2027-03-22', 'Exception ended', async (form) => {
      await form.getByLabel(/Exceptional personal circumstances/).check();
      await fillDate(form, 'Last day of the exception', '2027-03-19');
    });
    // Ended after 11 days (9 to 19 March): the target moves on by them, and the limit runs again.
    expect((await deadlines())['Order: final plan']).toEqual(['7 June 2027 Revised target 18 June 2027', '88 days left On track', '', 'Exception']);
    expect(await forms()).not.toContain('Exception ended');
    expect(await seriousViolations(page())).toEqual([]);
    await browser.signInAs(['caseworker']);
  });

  it('refuses an order that names nothing for the authority to do: the error summary, the answer kept, nothing saved', async () => {
    const second = await refusedCase('Chloe', 'Martin');
    t.clock.setToday('2026-11-03');
    const opened = await t.http.post('/api/disputes').send({ caseId: second, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
    expect(opened.status).toBe(201);
    disputeId = opened.body.id;
    t.clock.setToday('2026-12-01');
    expect((await t.http.post(`/api/disputes/${disputeId}/events`).send({ type: 'APPEAL_REGISTERED', occurredOn: '2026-12-01' })).status).toBe(200);
    t.clock.setToday('2027-03-01');
    await page().goto(`/dispute/${disputeId}`);
    const before = await storedDispute();
    const form = await openForm('Tribunal decided');
    await form.getByLabel('Appeal allowed').check();
    await form.getByRole('button', { name: 'Record: Tribunal decided' }).click();
    await page().waitForLoadState();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('actions must list what the authority must do');
    expect(await page().locator('details[open] input[value="appeal_allowed"]').isChecked()).toBe(true);
    expect(await status()).toBe('Appealed to the Tribunal');
    expect(await storedDispute()).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows a plan’s open dispute on the plan page, and offers only a plan’s decisions to dispute', async () => {
    t.clock.setToday('2026-11-02');
    const plan = await createPlan(t);
    const ceased = await postPlanEvent(t, plan.id, { type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2026-11-02', method: 'email' } });
    expect(ceased.status).toBe(200);
    const opened = await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-02' });
    expect(opened.status).toBe(201);
    await page().goto(`/plan/${plan.id}`);
    expect((await tableRows('Open disputes of this plan'))[0]).toEqual([opened.body.reference, 'Decision to cease the plan', 'Notice sent', 'No limit running']);
    await page().getByRole('link', { name: opened.body.reference }).click();
    await page().waitForURL(`**/dispute/${opened.body.id}`);
    expect(await page().locator('.govuk-summary-list').innerText()).toMatch(/Disputed on\s+EHC plan /);
    await page().getByRole('link', { name: /^EHC plan / }).click();
    await page().getByRole('link', { name: 'Record a dispute of a decision' }).click();
    await page().waitForURL(/\/disputes\/new\?planId=/);
    expect(await page().getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as unknown as { value: string }).value))).toEqual([
      'plan_contents',
      'refusal_to_reassess',
      'decision_not_to_amend',
      'decision_to_cease',
    ]);
    // A second dispute of the same decision is refused, naming the open one; nothing is recorded.
    await page().getByLabel('Decision to cease the plan').check();
    await fillDate(page().locator('form').last(), 'Date the decision notice was sent', '2026-11-02');
    await page().getByRole('button', { name: 'Record the dispute' }).click();
    await page().waitForLoadState();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain(`A dispute of this decision is already open (${opened.body.reference})`);
    expect(await page().getByLabel('Decision to cease the plan').isChecked()).toBe(true);
    expect((await t.db.query('SELECT count(*)::int AS n FROM dispute WHERE plan_id = $1', [plan.id]))[0].n).toBe(1);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows an auditor the dispute without any form, and no way to record one', async () => {
    await browser.signInAs(['auditor']);
    await page().goto(`/dispute/${disputeId}`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Chloe Martin');
    expect(await forms()).toEqual([]);
    await page().goto(`/case/${caseId}`);
    expect(await page().getByRole('link', { name: 'Record a dispute of a decision' }).count()).toBe(0);
    expect((await page().goto(`/disputes/new?caseId=${caseId}`))?.status()).toBe(403);
    await browser.signInAs(['caseworker']);
  });

  it('answers a dispute of another authority, or no dispute at all, with the GOV.UK 404 page', async () => {
    await browser.signInAs(['caseworker'], 'OTHER');
    for (const path of [`/dispute/${disputeId}`, '/dispute/not-a-dispute', `/disputes/new?caseId=${caseId}`]) {
      expect((await page().goto(path))?.status()).toBe(404);
    }
    await page().goto('/disputes/worklist');
    expect(await page().locator('[role="status"]').textContent()).toBe('0 disputes');
    await browser.signInAs(['caseworker']);
  });

  /** A case refused on Mon 2 Nov 2026, through the API. */
  async function refusedCase(givenName: string, familyName: string): Promise<string> {
    t.clock.setToday('2026-11-02');
    const created = await createCase(t, { requestReceivedOn: '2026-10-05', child: { givenName, familyName, dateOfBirth: '2017-04-12' } });
    const refused = await postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'decline', reasons: 'Needs met at SEN support' });
    if (refused.status !== 200) throw new Error(`refusing: ${JSON.stringify(refused.body)}`);
    return created.id;
  }

  /** Another family's dispute, in mediation from Tue 3 Nov: the meeting is due Thu 3 Dec. */
  async function otherDispute(): Promise<string> {
    const other = await refusedCase('Bilal', 'Hussain');
    t.clock.setToday('2026-11-03');
    const opened = await t.http.post('/api/disputes').send({ caseId: other, decision: 'refusal_to_assess', noticeSentOn: '2026-11-03' });
    for (const type of ['MEDIATION_ADVICE_CONTACTED', 'MEDIATION_REQUESTED']) {
      const response = await t.http.post(`/api/disputes/${opened.body.id}/events`).send({ type, occurredOn: '2026-11-03' });
      if (response.status !== 200) throw new Error(`${type}: ${JSON.stringify(response.body)}`);
    }
    return opened.body.reference;
  }
});
