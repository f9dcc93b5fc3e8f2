import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { signInToPages } from '../support/web.js';

/**
 * A caseworker fills in a child's details for the SEN2 return from the case page: each value is
 * checked as the return will carry it, a refused value keeps what was typed and stores nothing,
 * and a stale form changes nothing. P207000016049 is sen2.md's worked UPN: its characters 2–13
 * weighted 2..13 sum to 266, and 266 mod 23 = 13 gives the 14th letter of ABCDEFGHJKLMNPQRTUVWXYZ,
 * P, its first character; Q207000016049 has the wrong check letter.
 */
describe('Child record page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let caseId: string;
  let childId: string;

  beforeAll(async () => {
    t = await createTestApp('2026-12-07');
    await t.reset();
    browser = await openBrowser(t);
    const created = await createCase(t, { child: { givenName: 'Ivy', familyName: 'Marsh', dateOfBirth: '2016-02-02' } });
    caseId = created.id;
    childId = created.childId;
    await browser.signInAs(['caseworker']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const stored = async () => (await t.db.query('SELECT upn, uln, upn_unknown, sex, ethnicity, postcode, version FROM child WHERE id = $1', [childId]))[0];
  const summary = async () =>
    Object.fromEntries(
      await page().locator('dl.govuk-summary-list .govuk-summary-list__row').evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('dt')!.textContent!.trim(), (row.querySelector('dd') as unknown as { innerText: string }).innerText.trim()]),
      ),
    );

  it('is reached from the case page and shows what is not yet known, with no serious accessibility problem', async () => {
    await page().goto(`/case/${caseId}`);
    await page().getByRole('link', { name: 'UPN, sex, ethnicity and postcode' }).click();
    expect(new URL(page().url()).pathname).toBe(`/child/${childId}`);
    expect(await page().getByRole('heading', { level: 1 }).textContent()).toBe('Ivy Marsh');
    expect(await summary()).toMatchObject({ 'Unique pupil number (UPN)': 'Not yet known', Sex: 'Not yet known', Ethnicity: 'Not yet known', Postcode: 'Not yet known' });
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('refuses a UPN with the wrong check letter, keeping what was typed and storing nothing', async () => {
    const before = await stored();
    await page().goto(`/child/${childId}`);
    await page().getByLabel('Unique pupil number (UPN)').fill('Q207000016049');
    await page().getByLabel('Female (F)').check();
    await page().getByRole('button', { name: 'Save the details' }).click();
    const problem = page().locator('.govuk-error-summary');
    expect(await problem.innerText()).toMatch(/check letter/i);
    expect(await page().getByLabel('Unique pupil number (UPN)').inputValue()).toBe('Q207000016049');
    expect(await page().getByLabel('Female (F)').isChecked()).toBe(true);
    expect(await stored()).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('saves valid details in the form the return writes, and lists them', async () => {
    await page().goto(`/child/${childId}`);
    await page().getByLabel('Unique pupil number (UPN)').fill('p207 0000 16049');
    await page().getByLabel('Male (M)').check();
    await page().getByLabel('Ethnicity').selectOption('WBRI');
    await page().getByLabel('Home postcode').fill('sw1a1aa');
    await page().getByRole('button', { name: 'Save the details' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('The child’s details have been saved.');
    expect(await summary()).toMatchObject({ 'Unique pupil number (UPN)': 'P207000016049', Sex: 'Male (M)', Postcode: 'SW1A 1AA' });
    expect(await stored()).toMatchObject({ upn: 'P207000016049', sex: 'M', ethnicity: 'WBRI', postcode: 'SW1A 1AA', uln: null, upn_unknown: null, version: 2 });
  });

  it('changes nothing from a form shown before someone else’s change, and says so', async () => {
    await page().goto(`/child/${childId}`);
    const other = await signInToPages(t, ['caseworker']);
    const html = (await other.agent.get(`/child/${childId}`)).text;
    const version = /name="version" value="(\d+)"/.exec(html)![1];
    const changed = await other.submit(`/child/${childId}/identity`, { version, upn: 'P207000016049', sex: 'M', ethnicity: 'WBRI', postcode: 'SW1A 2AA' });
    expect([changed.status, /govuk-error-summary__list[\s\S]*?<\/ul>/.exec(changed.text)?.[0]]).toEqual([303, undefined]);
    const before = await stored();
    await page().getByLabel('Home postcode').fill('SW1A 1AA');
    await page().getByRole('button', { name: 'Save the details' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('Someone else changed this child’s details');
    expect(await stored()).toEqual(before);
  });

  it('shows no form to a role that cannot change cases', async () => {
    const auditor = await signInToPages(t, ['auditor']);
    const shown = await auditor.agent.get(`/child/${childId}`);
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain('Save the details');
    expect((await auditor.submit(`/child/${childId}/identity`, { version: '3', postcode: '' })).status).toBe(403);
  });
});
