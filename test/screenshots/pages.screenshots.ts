import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { addDays } from '../../workflows/ehc-needs-assessment/index.js';
import { createPanel, ok } from '../integration/panels-fixtures.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createPageAccount } from '../support/web.js';

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

/**
 * Closed cases for the dashboard's timeliness figures: request date, days to the decision to
 * assess (6 weeks is 42) and days from it to the final plan; the caseworker who held each.
 */
const PLANS: [string, number, number, string][] = [
  ['2025-11-03', 38, 95, 'priya.shah@council.example'],
  ['2025-12-01', 45, 90, 'sam.jones@council.example'],
  ['2026-01-05', 40, 120, 'priya.shah@council.example'],
  ['2026-02-02', 30, 100, 'sam.jones@council.example'],
  ['2026-03-02', 41, 80, 'priya.shah@council.example'],
  ['2026-04-06', 50, 110, 'sam.jones@council.example'],
  ['2026-05-04', 35, 90, 'priya.shah@council.example'],
  ['2026-06-01', 39, 85, 'sam.jones@council.example'],
];

async function planIssued(t: TestApp, [receivedOn, toDecision, toPlan, caseworker]: (typeof PLANS)[number], n: number) {
  const created = await createCase(t, { requestReceivedOn: receivedOn, child: { givenName: `Child ${n + 1}`, familyName: 'Example', dateOfBirth: '2015-09-01' } });
  const decided = addDays(receivedOn, toDecision);
  for (const event of [
    { type: 'ASSIGNED', occurredOn: receivedOn, assigneeId: caseworker },
    { type: 'DECISION_TO_ASSESS', occurredOn: decided, decision: 'assess' },
    { type: 'ADVICE_REQUESTED', occurredOn: addDays(decided, 1), contributor: 'health' },
    { type: 'ADVICE_RECEIVED', occurredOn: addDays(decided, 30), contributor: 'health' },
    { type: 'DECISION_TO_ISSUE', occurredOn: addDays(decided, 40), decision: 'issue' },
    { type: 'DRAFT_PLAN_ISSUED', occurredOn: addDays(decided, 47) },
    { type: 'FINAL_PLAN_ISSUED', occurredOn: addDays(decided, toPlan) },
  ]) {
    const response = await postEvent(t, created.id, event);
    if (response.status !== 200) throw new Error(`${event.type}: ${JSON.stringify(response.body)}`);
  }
}

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

  it('takes a panel meeting as its chair sees it, and the manager’s dashboard', async () => {
    for (const [n, plan] of PLANS.entries()) await planIssued(t, plan, n);
    // The chair: an SEN manager who sits on the panel, so they both clerk and decide.
    const chair = await createPageAccount(t, ['manager', 'panel_member']);
    const { panel, members } = await createPanel(t, 'decision_to_assess', 'Needs assessment panel', chair.id);
    const trust = await ok(t.http.post(`/api/panels/${panel.id}/members`).send({ name: 'Tara Trust', role: 'trust_leader', organisation: 'Riverside Trust' }), 201);
    const meeting = await ok(t.http.post(`/api/panels/${panel.id}/meetings`).send({ meetingDate: TODAY }), 201);
    await ok(t.http.post(`/api/panel-meetings/${meeting.id}/attendance`).send({ present: [members.chair.id, members.head.id, members.senco.id, trust.id] }), 200);
    const [first, second] = meeting.agenda;
    await ok(t.http.patch(`/api/panel-meetings/${meeting.id}/agenda/${second.caseId}`).send({ childSchool: 'Oak Primary' }), 200);
    await browser.signInWith(chair);
    await browser.page.goto('/dashboard');
    await browser.page.screenshot({ path: `${OUT}/dashboard.png`, fullPage: true });
    await browser.page.goto(`/meetings/${meeting.id}`);
    const item = browser.page.locator(`#item-${first.caseId}`);
    await item.getByLabel('Assess', { exact: true }).check();
    await item.getByRole('button', { name: `Record recommendation on ${first.reference}` }).click();
    await browser.page.screenshot({ path: `${OUT}/panel-meeting.png`, fullPage: true });
  });
});
