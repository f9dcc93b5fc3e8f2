import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { ADVICE_PDF, tokenIn } from '../support/advice-portal.js';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, newCaseBody, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { emptyQueues } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * A paediatrician follows the emailed link on Monday 7 December 2026, reads what is asked about
 * Amara, sends a PDF, and the caseworker's case page shows the advice received that day; the link
 * then no longer works. The request went out on 9 November, so it was due on 21 December. Amara's
 * next assessment asks the same paediatrician again, who confirms that advice still stands (reg 6(4)).
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

describe('The advice portal page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let caseId: string;
  let token: string;
  const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };
  const contact = { name: 'Dr Priya Shah', organisation: 'Exampleshire NHS Trust', email: 'paediatrics@trust.example' };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), { RUN_WORKERS: 'true', QUEUE_PREFIX: `ehctest${randomBytes(4).toString('hex')}`, SMTP_URL: smtp.url, ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000' });
    await t.reset();
    browser = await openBrowser(t);
    caseId = (await createCase(t, { child: AMARA, requestReceivedOn: '2026-10-26' })).id;
    await postEvent(t, caseId, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    await postEvent(t, caseId, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', body: 'Community paediatrics', contact });
    await postEvent(t, caseId, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'education', contact: { email: 'head@oak.example' } });
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(contact.email) && mailText(m).includes('a request for advice')), 'the advice link’s email');
    token = tokenIn(mail)!;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await emptyQueues(t.app);
    await t?.close();
    await smtp?.close();
  }, 60_000);

  const page = () => browser.page;

  it('shows what is asked, and asks for a file or typed advice before anything is sent', async () => {
    await page().goto(`/advice/${token}`);
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('Send your advice for an EHC needs assessment');
    const summary = await page().locator('.govuk-summary-list').innerText();
    for (const shown of ['Amara Okafor', '12 April 2017', 'Health – Community paediatrics', 'Dr Priya Shah, Exampleshire NHS Trust', '21 December 2026']) expect(summary).toContain(shown);
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByRole('button', { name: 'Send advice' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('Choose a file with your advice, or type your advice in the box');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('takes a PDF, and the link then no longer works', async () => {
    await page().goto(`/advice/${token}`);
    await page().getByLabel('Upload your advice').setInputFiles({ name: 'health-advice.pdf', mimeType: 'application/pdf', buffer: ADVICE_PDF });
    await page().getByRole('button', { name: 'Send advice' }).click();
    expect(await page().locator('.govuk-panel').innerText()).toContain('Advice sent');
    expect(await page().locator('main').innerText()).toContain('health-advice.pdf');
    expect(await seriousViolations(page())).toEqual([]);
    const again = await page().goto(`/advice/${token}`);
    expect(again?.status()).toBe(410);
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('This link has already been used');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows the caseworker the advice received that day, its document, and the links, one of which they revoke', async () => {
    await browser.signInAs(['caseworker']);
    await page().goto(`/case/${caseId}`);
    const advice = await page().locator('#advice + table').innerText();
    expect(advice).toMatch(/Community paediatrics \(Health\)[^\n]*\n?[^\n]*\s+9 November 2026\s+21 December 2026\s+7 December 2026/);
    const links = page().locator('#advice-links + table');
    expect(await links.locator('tr', { hasText: 'Community paediatrics' }).innerText()).toMatch(/Used[^]*health-advice\.pdf/);
    expect(await links.getByRole('link', { name: 'health-advice.pdf' }).getAttribute('href')).toMatch(new RegExp(`^/case/${caseId}/advice-documents/[0-9a-f-]{36}$`));
    expect(await seriousViolations(page())).toEqual([]);
    await links.getByRole('button', { name: 'Revoke link of Education' }).click();
    expect(new URL(page().url()).pathname).toBe(`/case/${caseId}`);
    expect(await page().locator('#advice-links + table tr', { hasText: 'head@oak.example' }).innerText()).toContain('Revoked');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('offers that advice to the same paediatrician for another assessment of Amara, and takes their confirmation that it still stands', async () => {
    const { childId } = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    const next = (await t.http.post('/api/cases').send({ ...newCaseBody({ child: AMARA, requestReceivedOn: '2026-11-02' }), childId }).expect(201)).body;
    await postEvent(t, next.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-16', decision: 'assess' });
    await postEvent(t, next.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-23', contributor: 'health', body: 'Community paediatrics', contact });
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(contact.email) && mailText(m).includes(`our reference ${next.reference}`)), 'the second link’s email');
    await page().goto(`/advice/${tokenIn(mail)}`);
    expect(await page().locator('#earlier-advice ~ table').innerText()).toMatch(/Read health-advice\.pdf[^]*\t7 December 2026\s+Dr Priya Shah, Exampleshire NHS Trust, paediatrics@trust\.example/);
    expect(await seriousViolations(page())).toEqual([]);
    const confirm = page().getByRole('button', { name: 'Confirm this advice still stands' });
    await confirm.click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('Select the advice that still stands');
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByLabel('health-advice.pdf, received 7 December 2026').check();
    await confirm.click();
    expect(await page().locator('.govuk-panel').innerText()).toContain('Advice sent');
    expect(await page().locator('main').innerText()).toContain('You confirmed that this earlier advice still stands');
    expect(await seriousViolations(page())).toEqual([]);

    await page().goto(`/case/${next.id}`);
    const row = page().locator('#advice-links + table tr', { hasText: 'Community paediatrics' });
    expect(await row.innerText()).toMatch(/Used[^]*health-advice\.pdf[^]*Reused: confirmed as still standing, first received 7 December 2026/);
    expect(await page().locator('main').textContent()).toContain('as still standing (SEND Regs 2014 reg 6(4))');
    expect(await seriousViolations(page())).toEqual([]);
  });
});
