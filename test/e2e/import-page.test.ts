import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The SEN team's data officer imports the caseload from the previous system on 1 December 2026:
 * first a file with a mistake in it, then the README's example file, checked and then imported.
 */
const EXAMPLE = fileURLToPath(new URL('../../docs/imports/caseload-example.csv', import.meta.url));
const MISTAKEN = Buffer.from(
  'record,legacy_reference,given_name,family_name,date_of_birth,request_received_on,request_source,decision_to_assess,decision_to_assess_on\r\n' +
    'assessment,OLD-1,Amara,Okafor,2017-04-12,2026-06-01,parent,assess,2026-07-06\r\n' +
    'assessment,OLD-2,Cara,Clark,2019-01-15,2026-06-01,granny,,\r\n',
);

/** The app on 1 December 2026 with a manager signed in to the browser, closed after the suite. */
function managerSession(env: Record<string, string> = {}): { t: () => TestApp; browser: () => BrowserSession } {
  let t: TestApp;
  let browser: BrowserSession;
  beforeAll(async () => {
    t = await createTestApp('2026-12-01', undefined, env);
    await t.reset();
    browser = await openBrowser(t);
    await browser.signInAs(['manager']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  return { t: () => t, browser: () => browser };
}

describe('The caseload import page', () => {
  const session = managerSession();

  const page = () => session.browser().page;
  const cases = async () => (await session.t().db.query(`SELECT count(*)::int AS n FROM ehc_case`))[0].n;

  it('is reached from the navigation, and asks for a file before anything else', async () => {
    await page().goto('/');
    await page().getByRole('link', { name: 'Import' }).click();
    expect(new URL(page().url()).pathname).toBe('/import/caseload');
    expect(await page().getByRole('heading', { level: 1 }).innerText()).toBe('Import a caseload');
    await page().getByRole('button', { name: 'Upload' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('Select the caseload CSV file');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows each problem with its line and column, and imports nothing', async () => {
    await page().goto('/import/caseload');
    await page().getByLabel('Caseload file (CSV, or an SEN2 return in XML)').setInputFiles({ name: 'caseload.csv', mimeType: 'text/csv', buffer: MISTAKEN });
    await page().getByLabel('Import the file').check();
    await page().getByRole('button', { name: 'Upload' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('The file has 1 problem. Nothing was imported.');
    const problem = await page().locator('#problems tbody tr').innerText();
    expect(problem).toMatch(/^3\s+request_source \(column 7\)\s+request_source must be one of parent/);
    expect(await cases()).toBe(0);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('checks the example file, then imports it, row by row', async () => {
    await page().goto('/import/caseload');
    await page().getByLabel('Caseload file (CSV, or an SEN2 return in XML)').setInputFiles(EXAMPLE);
    await page().getByRole('button', { name: 'Upload' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('caseload-example.csv can be imported: 6 rows would be imported. Nothing has been imported yet.');
    expect(await cases()).toBe(0);
    await page().getByLabel('Caseload file (CSV, or an SEN2 return in XML)').setInputFiles(EXAMPLE);
    await page().getByLabel('Import the file').check();
    await page().getByRole('button', { name: 'Upload' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('6 rows were imported from caseload-example.csv.');
    const first = await page().locator('tbody tr').first().innerText();
    expect(first).toMatch(/^2\s+CAP-10231\s+assessment\s+Imported\s+assessing\s+EHC-2026-000001$/);
    expect(await cases()).toBe(4);
    expect(await seriousViolations(page())).toEqual([]);
  });
});

describe('The caseload import page: a file over the limit', () => {
  const session = managerSession({ IMPORT_MAX_BYTES: '1024' });

  it('says how large a file may be, and reads none of it', async () => {
    const page = session.browser().page;
    await page.goto('/import/caseload');
    await page.getByLabel('Caseload file (CSV, or an SEN2 return in XML)').setInputFiles(EXAMPLE);
    await page.getByLabel('Import the file').check();
    await page.getByRole('button', { name: 'Upload' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The file must be smaller than 1 KB');
    expect((await session.t().db.query(`SELECT count(*)::int AS n FROM ehc_case`))[0].n).toBe(0);
  });
});
