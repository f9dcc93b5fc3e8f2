import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createPlan } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The SEN team checks the 2027 SEN2 return (census 21 January 2027) on 1 February 2027 before
 * submitting it. Noor Ahmed's plan (made 10 March 2025) is active on the census date; her sex is
 * not recorded and her plan names no primary need, and the authority has not set its LA number.
 */
describe('The SEN2 return page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let plan: { id: string; reference: string; childId: string };

  beforeAll(async () => {
    t = await createTestApp('2027-02-01');
    await t.reset();
    browser = await openBrowser(t);
    plan = await createPlan(t, { child: { givenName: 'Noor', familyName: 'Ahmed', dateOfBirth: '2015-05-10' }, startedOn: '2025-03-10' });
    await t.http.put(`/api/children/${plan.childId}/identity`).send({ upnUnknown: 'UN3', ethnicity: 'WBRI', postcode: 'AB1 2BD' }).expect(200);
    await t.http.post(`/api/plans/${plan.id}/placements`).send({ urn: '123456', placementRank: 1, entryDate: '2025-03-10' }).expect(201);
    await browser.signInAs(['manager']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const row = (item: string) => page().locator('tbody tr', { hasText: item });
  const laNumberStored = async () => (await t.db.query(`SELECT la_number FROM local_authority WHERE code = 'TEST'`))[0].la_number;

  it('is reached from the navigation, and sums up the year', async () => {
    await page().goto('/');
    await page().getByRole('link', { name: 'SEN2 return' }).click();
    expect(new URL(page().url()).pathname).toBe('/return/sen2');
    await page().goto('/return/sen2?year=2027');
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('SEN2 return 2027');
    const summary = await page().locator('.govuk-summary-list').innerText();
    expect(summary).toContain('21 January 2027');
    expect(summary).toMatch(/Children in the return\s+1/);
    expect(await page().locator('.govuk-warning-text').innerText()).toMatch(/The return has \d+ errors\. You can still download it, but it is flagged as not ready to submit\./);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('lists the missing sex with a link to the child’s page', async () => {
    await page().goto('/return/sen2?year=2027');
    const sex = row('Person/Sex');
    expect(await sex.innerText()).toContain('Born 10 May 2015');
    await sex.getByRole('link', { name: 'Noor Ahmed' }).click();
    expect(new URL(page().url()).pathname).toBe(`/child/${plan.childId}`);
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('Noor Ahmed');
  });

  it('lists the missing primary need with a link to the plan’s SEN2 page', async () => {
    await page().goto('/return/sen2?year=2027');
    await row('Requests/ActivePlans/SENneed').getByRole('link', { name: `${plan.reference} SEN2 items` }).click();
    expect(new URL(page().url()).pathname).toBe(`/plan/${plan.id}/sen2`);
    expect(await page().getByLabel('Primary need').count()).toBe(1);
  });

  it('refuses an LA number that is not 3 digits, keeping it and storing nothing', async () => {
    await page().goto('/return/sen2?year=2027');
    expect(await row('Header/Source/LEA').getByRole('link', { name: 'The return settings' }).getAttribute('href')).toBe('#settings');
    await page().getByLabel('LA number').fill('20A');
    await page().getByRole('button', { name: 'Save the settings' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('Enter the LA number as 3 digits, such as 201');
    expect(await page().locator('#laNumber-error').innerText()).toContain('Enter the LA number as 3 digits');
    expect(await page().getByLabel('LA number').inputValue()).toBe('20A');
    expect(await laNumberStored()).toBeNull();
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('saves the LA number, and the header problem goes', async () => {
    await page().goto('/return/sen2?year=2027');
    await page().getByLabel('LA number').fill('201');
    await page().getByRole('group', { name: 'Does the area have a Designated Medical Officer?' }).getByLabel('Yes').check();
    await page().getByRole('button', { name: 'Save the settings' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('The return settings have been saved.');
    expect(new URL(page().url()).searchParams.get('year')).toBe('2027');
    expect(await row('Header/Source/LEA').count()).toBe(0);
    expect(await row('Header/Source/DMO').count()).toBe(0);
    expect(await row('Header/Source/DCO').count()).toBe(1);
    expect(await page().getByLabel('LA number').inputValue()).toBe('201');
    expect(await laNumberStored()).toBe('201');
  });

  it('downloads the return, flagged as not ready to submit', async () => {
    await page().goto('/return/sen2?year=2027');
    const href = await page().getByRole('link', { name: 'Download the return (XML)' }).getAttribute('href');
    expect(href).toBe('/return/sen2/download?year=2027');
    const response = await page().request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/xml; charset=utf-8');
    expect(Number(response.headers()['x-sen2-errors'])).toBeGreaterThan(0);
    expect(response.headers()['x-sen2-persons']).toBe('1');
    expect(response.headers()['content-disposition']).toBe('attachment; filename="SEN2-2027-201-001-with-errors.xml"');
    const xml = await response.text();
    expect(xml).toContain('<Surname>Ahmed</Surname>');
    expect(xml).toContain('<!-- Not ready to submit:');
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByRole('link', { name: 'Download the return (XML)' }).click()]);
    expect(download.suggestedFilename()).toBe('SEN2-2027-201-002-with-errors.xml');
    const logged = await t.db.query(`SELECT DISTINCT route FROM access_log WHERE action = 'sen2_return'`);
    expect(logged).toEqual([{ route: 'GET /return/sen2/download' }]);
  });

  it('names the years that can be returned when asked for one that cannot', async () => {
    const response = await page().goto('/return/sen2?year=2028');
    expect(response?.status()).toBe(400);
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('There is no SEN2 return for 2028 yet: the years that can be returned are 2027, 2026, 2025');
    expect(await row('Person/Sex').count()).toBe(0);
    expect(await seriousViolations(page())).toEqual([]);
    const download = await page().request.get('/return/sen2/download?year=2028');
    expect(download.status()).toBe(400);
    expect(await download.text()).toContain('the years that can be returned are 2027, 2026, 2025');
  });

  it('is for managers only', async () => {
    await browser.signInAs(['caseworker']);
    expect(await page().getByRole('link', { name: 'SEN2 return' }).count()).toBe(0);
    const response = await page().goto('/return/sen2?year=2027');
    expect(response?.status()).toBe(403);
    expect(await page().locator('h1').innerText()).toContain('You cannot use this page');
    expect((await page().request.get('/return/sen2/download?year=2027')).status()).toBe(403);
  });
});
