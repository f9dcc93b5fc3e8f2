import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * A caseworker gives Amara's mother access on the case page; she signs in on her phone with the
 * code emailed to her and sees where the assessment is and its next date (Monday 7 December
 * 2026: health advice asked for on 9 November is due on 21 December). A second family sees
 * nothing of hers. She writes to the SEN team from her phone; the caseworker replies on the case page.
 */
jest.setTimeout(120_000);

/** What a phone's camera gives: a PNG, known by its signature. */
const PHOTO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('The family’s pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let amara: string;
  let ben: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp('2026-12-07', testDatabaseUrl(), { SMTP_URL: smtp.url });
    await t.reset();
    browser = await openBrowser(t);
    amara = (await createCase(t, { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' }, requestReceivedOn: '2026-10-26' })).id;
    expect((await postEvent(t, amara, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' })).status).toBe(200);
    expect((await postEvent(t, amara, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health' })).status).toBe(200);
    ben = (await createCase(t, { child: { givenName: 'Ben', familyName: 'Brown', dateOfBirth: '2016-01-20' }, requestReceivedOn: '2026-11-16' })).id;
    await t.http.post(`/api/cases/${ben}/family-contacts`).send({ email: 'dan@example.org', name: 'Dan Brown', relationship: 'parent' }).expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  const page = () => browser.page;

  async function familySignsIn(email: string): Promise<void> {
    await browser.context.clearCookies();
    const before = smtp.received.length;
    await page().goto('/family/sign-in');
    await page().getByLabel('Email address').fill(email);
    await page().getByRole('button', { name: 'Send me a code' }).click();
    await page().waitForURL('**/family/sign-in/code');
    const mail = await eventually(async () => smtp.received[before], 'the code’s email');
    await page().getByLabel('Code').fill(/Your code is (\d{6})/.exec(mailText(mail))![1]);
    await page().getByRole('button', { name: 'Sign in' }).click();
    await page().waitForURL('**/family');
  }

  it('lets a caseworker give a parent access from the case page, refusing a form with what is missing', async () => {
    await browser.signInAs(['caseworker']);
    await page().goto(`/case/${amara}`);
    await page().locator('summary', { hasText: 'Give someone in the family access' }).click();
    await page().getByRole('button', { name: 'Give access' }).click();
    expect(await page().locator('.govuk-error-summary a').allTextContents()).toEqual(expect.arrayContaining(['Enter their name', 'Select who they are']));
    await page().getByLabel('Their name').fill('Grace Okafor');
    await page().getByLabel('The email address they will sign in with').fill('grace@example.org');
    await page().getByLabel('Parent', { exact: true }).check();
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByRole('button', { name: 'Give access' }).click();
    await page().waitForURL(`**/case/${amara}#family-access`);
    const row = await page().locator('table', { has: page().locator('caption', { hasText: 'Who can see this case' }) }).locator('tbody tr').first().innerText();
    expect(row).toContain('Grace Okafor');
    expect(row).toContain('grace@example.org');
  });

  it('signs the parent in on a phone with the emailed code, and shows the stage and the next date', async () => {
    await page().setViewportSize({ width: 375, height: 740 });
    await familySignsIn('grace@example.org');
    await page().getByRole('link', { name: 'Amara Okafor' }).click();
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Amara Okafor');
    const text = await page().locator('main').innerText();
    expect(text).toContain('Assessing');
    expect(text).toContain('Next date: 21 December 2026');
    expect(text).toContain('Health advice: requested 9 November 2026, due 21 December 2026');
    // Readable on a phone: nothing wider than the screen.
    expect(await page().evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('takes a message with a photo of a letter from the phone; the caseworker sees it on the case page and replies; the parent reads the reply', async () => {
    await page().setViewportSize({ width: 375, height: 740 });
    await familySignsIn('grace@example.org');
    await page().goto(`/family/case/${amara}`);
    await page().getByRole('button', { name: 'Send message' }).click();
    expect(await page().locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter your message']);
    await page().getByLabel('Your message').fill('The school has sent a new report about Amara’s reading. A photo of it is attached.');
    await page().getByLabel('Add a document (optional)').setInputFiles({ name: 'school report.png', mimeType: 'image/png', buffer: PHOTO });
    await page().getByRole('button', { name: 'Send message' }).click();
    await page().waitForURL(`**/family/case/${amara}?sent=*`);
    const sent = await page().locator('main').innerText();
    expect(sent).toContain('Your message has been sent');
    expect(sent).toContain('We aim to answer it by 21 December 2026');
    expect(sent).toContain('Waiting for an answer');
    expect(await page().evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousViolations(page())).toEqual([]);

    await page().setViewportSize({ width: 1280, height: 900 });
    await browser.signInAs(['caseworker']);
    await page().goto(`/case/${amara}`);
    const card = page().locator('.govuk-summary-card', { hasText: 'A photo of it is attached' });
    expect(await card.innerText()).toContain('Grace Okafor (Parent)');
    expect(await card.innerText()).toContain('Answer by 21 December 2026');
    expect(await card.getByRole('link', { name: 'school report.png' }).getAttribute('href')).toMatch(new RegExp(`^/case/${amara}/family-documents/`));
    await card.locator('summary', { hasText: 'Record the answer' }).click();
    await card.getByLabel('Reply on the family pages').check();
    await card.getByLabel('What you told them').fill('Thank you: we have added the report to Amara’s assessment.');
    expect(await seriousViolations(page())).toEqual([]);
    await card.getByRole('button', { name: 'Record the answer' }).click();
    await page().waitForURL(`**/case/${amara}#message-*`);
    expect(await page().locator('.govuk-summary-card', { hasText: 'A photo of it is attached' }).innerText()).toContain('Answered in 0 working days');

    await familySignsIn('grace@example.org');
    await page().goto(`/family/case/${amara}`);
    const answered = await page().locator('main').innerText();
    expect(answered).toContain('We replied on 7 December 2026');
    expect(answered).toContain('we have added the report to Amara’s assessment');
  });

  it('shows a second family nothing of the first', async () => {
    await familySignsIn('dan@example.org');
    expect(await page().locator('main').innerText()).not.toContain('Amara');
    await page().goto(`/family/case/${ben}`);
    expect(await page().locator('main').innerText()).not.toContain('school has sent a new report');
    const response = await page().goto(`/family/case/${amara}`);
    expect(response?.status()).toBe(404);
    await page().goto('/family');
    await page().getByRole('button', { name: 'Sign out' }).click();
    await page().waitForURL('**/family/sign-in?signedOut=1');
    expect((await page().goto(`/family/case/${ben}`))?.url()).toContain('/family/sign-in');
  });
});
