import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { caseReceived, createPanel, everything, ok } from '../integration/panels-fixtures.js';

const TODAY = '2026-11-23';

/** The panel pages in Chromium: a clerk schedules and runs a meeting, a member records decisions. */
describe('Panel meeting pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let panel: Awaited<ReturnType<typeof createPanel>>;
  let meetingPath: string;
  const cases: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    panel = await createPanel(t);
    // Decision to assess due at request + 6 weeks: 16 November (passed), 1 December (before the next meeting), 1 January.
    cases.late = await caseReceived(t, '2026-10-05', 'Ada');
    cases.soon = await caseReceived(t, '2026-10-20', 'Bea');
    cases.later = await caseReceived(t, '2026-11-20', 'Cleo');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const heading = () => page().getByRole('heading', { level: 1 }).textContent();
  const agendaRows = () =>
    page().locator('#agenda + table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())));
  const item = (name: keyof typeof cases) => page().locator(`#item-${cases[name].id}`);

  it('schedules a meeting from the panels page, refusing a date that is not real without saving anything', async () => {
    await browser.signInAs(['caseworker']);
    await page().getByRole('link', { name: 'Panel meetings' }).click();
    expect(await heading()).toBe('Panel meetings');
    await page().getByLabel('Panel', { exact: true }).selectOption({ label: 'Needs assessment panel (Decision whether to assess)' });
    await page().getByLabel('Day').fill('31');
    await page().getByLabel('Month').fill('11');
    await page().getByLabel('Year').fill('2026');
    const before = await everything(t);
    await page().getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('Date of the meeting must be a real date');
    expect(await page().getByLabel('Day').inputValue()).toBe('31');
    expect(await page().getByLabel('Panel', { exact: true }).inputValue()).toBe(panel.panel.id);
    expect(await seriousViolations(page())).toEqual([]);
    expect(await everything(t)).toEqual(before);

    await page().getByLabel('Day').fill('23');
    await page().getByRole('button', { name: 'Schedule meeting' }).click();
    expect(await heading()).toBe('Panel meeting, 23 November 2026');
    meetingPath = new URL(page().url()).pathname;
  });

  it('shows the agenda soonest due first, flagging the cases that cannot wait for the next meeting', async () => {
    expect(await agendaRows()).toEqual([
      [cases.late.reference, 'Ada Okafor', '16 November 2026 7 days overdue', 'Awaiting decision', 'Limit already passed Decide at this meeting'],
      [cases.soon.reference, 'Bea Okafor', '1 December 2026 8 days left', 'Awaiting decision', 'Decide at this meeting'],
      [cases.later.reference, 'Cleo Okafor', '1 January 2027 39 days left', 'Awaiting decision', ''],
    ]);
    expect(await item('soon').textContent()).toContain('The statutory limit (1 December 2026) falls before the next meeting on 7 December 2026.');
    expect(await page().locator('.govuk-summary-list').first().textContent()).toContain('Not quorate');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('records who is present, and the meeting becomes quorate', async () => {
    for (const name of ['Sam Chair', 'Hana Head', 'Sid Senco']) await page().getByLabel(name).check();
    await page().getByRole('button', { name: 'Record attendance' }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain('Attendance recorded.');
    expect(await page().locator('.govuk-summary-list').first().textContent()).toContain('Quorate');
    const present = await t.db.query(`SELECT member_id FROM attendance ORDER BY member_id`);
    expect(present.map((row: { member_id: string }) => row.member_id)).toEqual([panel.members.chair.id, panel.members.head.id, panel.members.senco.id].sort());
  });

  it('records the child’s school, so the member linked to it steps out of the item', async () => {
    await item('soon').getByLabel('Child’s school').fill('Oak Primary');
    await item('soon').getByRole('button', { name: `Save school for ${cases.soon.reference}` }).click();
    expect(await item('soon').textContent()).toContain('Hana Head: linked to the child\'s school (Oak Primary)');
  });

  it('shows a panel member only what the panel API shows them, with a decision form per item', async () => {
    const member = await browser.signInAs(['panel_member']);
    await ok(t.http.post(`/api/panels/${panel.panel.id}/members`).send({ name: 'Tara Trust', role: 'trust_leader', userId: member.id }), 201);
    await page().goto('/meetings');
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByRole('link', { name: '23 November 2026' }).click();
    expect(await heading()).toBe('Panel meeting, 23 November 2026');
    const text = await page().locator('main').textContent();
    expect(text).not.toContain('Request received');
    expect(text).not.toContain('Who is present?');
    expect(await page().getByRole('link', { name: cases.late.reference }).getAttribute('href')).toBe(`#item-${cases.late.id}`);
    expect(await item('late').getByRole('group', { name: `Panel decision on ${cases.late.reference}` }).count()).toBe(1);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('refuses a decline without reasons: the error summary, the answer kept, nothing saved', async () => {
    const before = await everything(t);
    await item('late').getByLabel('Decline to assess').check();
    await item('late').getByRole('button', { name: `Record decision on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('Enter the reasons for declining to assess');
    expect(await page().title()).toMatch(/^Error: /);
    expect(await item('late').getByLabel('Decline to assess').isChecked()).toBe(true);
    expect(await everything(t)).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('says why an item is not quorate once its conflicted member steps out, and saves nothing', async () => {
    const before = await everything(t);
    await item('soon').getByLabel('Assess', { exact: true }).check();
    await item('soon').getByRole('button', { name: `Record decision on ${cases.soon.reference}` }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('The meeting is not quorate for this item');
    expect(await everything(t)).toEqual(before);
  });

  it('records a decision to assess, which moves the case on in the same transaction', async () => {
    await item('late').getByLabel('Assess', { exact: true }).check();
    await item('late').getByRole('button', { name: `Record decision on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`The panel’s decision on ${cases.late.reference} is recorded.`);
    expect(await item('late').getByRole('group').count()).toBe(0);
    const [event] = await t.db.query(`SELECT type, payload FROM case_event WHERE case_id = $1 AND type = 'DECISION_TO_ASSESS'`, [cases.late.id]);
    expect(event.payload).toMatchObject({ decision: 'assess', panelMeetingId: meetingPath.split('/').pop() });
    const [row] = await t.db.query(`SELECT status FROM ehc_case WHERE id = $1`, [cases.late.id]);
    expect(row.status).toBe('assessing');
  });

  it('shows the clerk the decision on the record, and no decision form to a role that may not decide', async () => {
    await browser.signInAs(['manager']);
    await page().goto(meetingPath);
    expect(await item('late').textContent()).toMatch(/Panel decision\s+Assess on 23 November 2026, recorded by panel_member/);
    expect(await page().getByRole('button', { name: /^Record decision/ }).count()).toBe(0);
    expect(await page().getByRole('link', { name: cases.late.reference }).last().getAttribute('href')).toBe(`/case/${cases.late.id}`);
  });

  it('hides the meetings of other panels from a panel member, and refuses a role without panels:read', async () => {
    await browser.signInAs(['panel_member']);
    await page().goto('/meetings');
    expect(await page().getByRole('link', { name: '23 November 2026' }).count()).toBe(0);
    expect((await page().goto(meetingPath))?.status()).toBe(404);
    await browser.signInAs(['auditor']);
    expect(await page().getByRole('link', { name: 'Panel meetings' }).count()).toBe(0);
    expect((await page().goto('/meetings'))?.status()).toBe(403);
  });
});
