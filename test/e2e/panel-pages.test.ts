import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createPageAccount } from '../support/web.js';
import { caseReceived, createPanel, everything, ok } from '../integration/panels-fixtures.js';

const TODAY = '2026-11-23';

/** The panel pages in Chromium: a clerk schedules and runs a meeting, a member present records the panel's recommendation, an officer decides. */
describe('Panel meeting pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let panel: Awaited<ReturnType<typeof createPanel>>;
  let meetingPath: string;
  let member: { id: string; email: string };
  let absentee: { id: string; email: string };
  let chair: { id: string; email: string };
  const cases: Record<string, { id: string; reference: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    browser = await openBrowser(t);
    // The chair is an SEN manager with delegated authority: the recommendation and the decision at once.
    chair = await createPageAccount(t, ['manager', 'panel_member']);
    panel = await createPanel(t, 'decision_to_assess', 'Needs assessment panel', chair.id);
    // Two members with accounts: Tara attends and records the panel's recommendation; Abe stays away.
    member = await createPageAccount(t, ['panel_member']);
    await ok(t.http.post(`/api/panels/${panel.panel.id}/members`).send({ name: 'Tara Trust', role: 'trust_leader', userId: member.id }), 201);
    absentee = await createPageAccount(t, ['panel_member']);
    await ok(t.http.post(`/api/panels/${panel.panel.id}/members`).send({ name: 'Abe Absent', role: 'senco', userId: absentee.id }), 201);
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
    for (const name of ['Sam Chair', 'Hana Head', 'Tara Trust']) await page().getByLabel(name).check();
    await page().getByRole('button', { name: 'Record attendance' }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain('Attendance recorded.');
    expect(await page().locator('.govuk-summary-list').first().textContent()).toContain('Quorate');
    const present = await t.db.query(`SELECT member_id FROM attendance ORDER BY member_id`);
    const tara = await t.db.query(`SELECT id FROM panel_member WHERE user_id = $1`, [member.id]);
    expect(present.map((row: { member_id: string }) => row.member_id)).toEqual([panel.members.chair.id, panel.members.head.id, tara[0].id].sort());
  });

  it('records the child’s school, so the member linked to it steps out of the item', async () => {
    await item('soon').getByLabel('Child’s school').fill('Oak Primary');
    await item('soon').getByRole('button', { name: `Save school for ${cases.soon.reference}` }).click();
    expect(await item('soon').textContent()).toContain('Hana Head: linked to the child\'s school (Oak Primary)');
  });

  it('shows a member who did not attend the agenda, but no recommendation form, and says why', async () => {
    await browser.signInWith(absentee);
    await page().goto(meetingPath);
    expect(await page().getByRole('group', { name: /^Panel recommendation on/ }).count()).toBe(0);
    expect(await item('late').textContent()).toContain('Only members of this panel recorded as present at the meeting record its recommendation.');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('shows a panel member present only what the panel API shows them, with a recommendation form per item', async () => {
    await browser.signInWith(member);
    await page().goto('/meetings');
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByRole('link', { name: '23 November 2026' }).click();
    expect(await heading()).toBe('Panel meeting, 23 November 2026');
    const text = await page().locator('main').textContent();
    expect(text).not.toContain('Request received');
    expect(text).not.toContain('Who is present?');
    expect(await page().getByRole('link', { name: cases.late.reference }).getAttribute('href')).toBe(`#item-${cases.late.id}`);
    expect(await item('late').getByRole('group', { name: `Panel recommendation on ${cases.late.reference}` }).count()).toBe(1);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('refuses a decline without reasons: the error summary, the answer kept, nothing saved', async () => {
    const before = await everything(t);
    await item('late').getByLabel('Decline to assess').check();
    await item('late').getByRole('button', { name: `Record recommendation on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('Enter the reasons for declining to assess');
    expect(await page().title()).toMatch(/^Error: /);
    expect(await item('late').getByLabel('Decline to assess').isChecked()).toBe(true);
    expect(await everything(t)).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('says why an item is not quorate once its conflicted member steps out, and saves nothing', async () => {
    const before = await everything(t);
    await item('soon').getByLabel('Assess', { exact: true }).check();
    await item('soon').getByRole('button', { name: `Record recommendation on ${cases.soon.reference}` }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('The meeting is not quorate for this item');
    expect(await everything(t)).toEqual(before);
  });

  it('records the panel’s recommendation to assess, which leaves the case waiting for the officer’s decision', async () => {
    await item('late').getByLabel('Assess', { exact: true }).check();
    await item('late').getByRole('button', { name: `Record recommendation on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`The panel’s recommendation on ${cases.late.reference} is recorded.`);
    expect(await item('late').getByRole('group').count()).toBe(0);
    expect(await item('late').textContent()).toMatch(/Panel recommendation\s+Recorded/);
    expect(await t.db.query(`SELECT type FROM case_event WHERE case_id = $1 AND type = 'DECISION_TO_ASSESS'`, [cases.late.id])).toEqual([]);
    const [row] = await t.db.query(`SELECT status FROM ehc_case WHERE id = $1`, [cases.late.id]);
    expect(row.status).toBe('awaiting_decision');
  });

  it('shows the clerk who recommended, and no decision form to a role without delegated authority', async () => {
    await browser.signInAs(['caseworker']);
    await page().goto(meetingPath);
    expect(await item('late').textContent()).toMatch(/Panel recommendation\s+Assess on 23 November 2026, recorded by Tara Trust \(Trust leader\)/);
    expect(await item('late').textContent()).toMatch(/Decision\s+Awaiting an officer with delegated authority/);
    expect(await page().getByRole('button', { name: /^Record (recommendation|the decision)/ }).count()).toBe(0);
    expect(await page().getByRole('link', { name: cases.late.reference }).last().getAttribute('href')).toBe(`/case/${cases.late.id}`);
  });

  it('an officer departing from the recommendation without reasons is refused, and nothing is saved', async () => {
    const officer = await browser.signInAs(['manager']);
    await page().goto(meetingPath);
    const form = item('late').getByRole('group', { name: `Decision on ${cases.late.reference}` });
    expect(await form.getByLabel('Assess', { exact: true }).isChecked()).toBe(true); // the recommendation, ticked
    const before = await everything(t);
    await form.getByLabel('Decline to assess').check();
    await item('late').getByRole('button', { name: `Record the decision on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-error-summary').textContent()).toContain('departs from it and needs reasons');
    expect(await item('late').getByLabel('Decline to assess').isChecked()).toBe(true);
    expect(await everything(t)).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);

    await item('late').getByLabel('Assess', { exact: true }).check();
    await item('late').getByRole('button', { name: `Record the decision on ${cases.late.reference}` }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`The decision on ${cases.late.reference} is recorded.`);
    expect(await item('late').textContent()).toMatch(new RegExp(`Decision\\s+Assess on 23 November 2026, decided by ${officer.email.replace(/[.]/g, '\\.')}`));
    const [event] = await t.db.query(`SELECT payload, actor FROM case_event WHERE case_id = $1 AND type = 'DECISION_TO_ASSESS'`, [cases.late.id]);
    expect(event).toMatchObject({ actor: officer.email, payload: { decision: 'assess', panelMeetingId: meetingPath.split('/').pop(), panelRecommendation: { decision: 'assess', recordedBy: member.email } } });
    const [row] = await t.db.query(`SELECT status FROM ehc_case WHERE id = $1`, [cases.late.id]);
    expect(row.status).toBe('assessing');
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('a chair with delegated authority records the recommendation and the decision at once', async () => {
    await browser.signInWith(chair);
    await page().goto(meetingPath);
    await item('later').getByLabel('Assess', { exact: true }).check();
    await item('later').getByRole('button', { name: `Record recommendation on ${cases.later.reference}` }).click();
    expect(await page().locator('.govuk-notification-banner').textContent()).toContain(`The panel’s recommendation on ${cases.later.reference} is recorded, and your decision with it.`);
    expect(await item('later').textContent()).toMatch(/Panel recommendation\s+Assess on 23 November 2026, recorded by Sam Chair \(Chair\)/);
    expect(await item('later').textContent()).toContain(`decided by ${chair.email}`);
    const [row] = await t.db.query(`SELECT status FROM ehc_case WHERE id = $1`, [cases.later.id]);
    expect(row.status).toBe('assessing');
    expect(await seriousViolations(page())).toEqual([]);
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
