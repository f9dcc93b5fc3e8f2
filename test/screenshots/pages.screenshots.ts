import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * `npm run screenshots`: the README's pictures of the pages (docs/screenshots), taken from the
 * real application on a test database with a handful of cases. Not part of `npm test`.
 */
const OUT = resolve(process.cwd(), 'docs', 'screenshots');
const TODAY = '2026-11-23';

const CASES = [
  { givenName: 'Amara', familyName: 'Okafor', requestReceivedOn: '2026-10-05', steps: [] },
  { givenName: 'Leo', familyName: 'Mensah', requestReceivedOn: '2026-10-19', steps: [] },
  { givenName: 'Isla', familyName: 'Hughes', requestReceivedOn: '2026-08-03', steps: ['assess', 'advice'] },
  { givenName: 'Noah', familyName: 'Begum', requestReceivedOn: '2026-11-16', steps: [] },
];

describe('Screenshots of the pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let detailed: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    const me = await browser.signInAs(['caseworker']);
    for (const child of CASES) {
      const created = await createCase(t, { requestReceivedOn: child.requestReceivedOn, child: { givenName: child.givenName, familyName: child.familyName, dateOfBirth: '2016-05-14' } });
      await postEvent(t, created.id, { type: 'ASSIGNED', occurredOn: child.requestReceivedOn, assigneeId: me.email });
      if (child.steps.includes('assess')) {
        detailed = created.id;
        await postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-10', decision: 'assess' });
        await postEvent(t, created.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-09-11', contributor: 'health', contact: { name: 'Dr Rao', organisation: 'Northside NHS Trust' } });
        await postEvent(t, created.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-09-11', contributor: 'educational_psychology' });
        await postEvent(t, created.id, { type: 'ADVICE_RECEIVED', occurredOn: '2026-10-15', contributor: 'educational_psychology' });
      }
    }
    await browser.page.setViewportSize({ width: 1200, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('takes the caseload and the case page', async () => {
    await browser.page.goto('/caseload');
    await browser.page.screenshot({ path: `${OUT}/caseload.png`, fullPage: true });
    await browser.page.goto(`/case/${detailed}`);
    await browser.page.locator('summary', { hasText: 'Advice received' }).click();
    await browser.page.screenshot({ path: `${OUT}/case-page.png`, fullPage: true });
  });
});
