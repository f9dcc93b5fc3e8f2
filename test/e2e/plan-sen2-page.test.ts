import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seriousViolations } from '../support/axe.js';
import { type BrowserSession, openBrowser } from '../support/browser.js';
import { createPlan } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A caseworker records a plan's SEN2 items from the plan page: the needs and provision, then the
 * settings the child attends. Each value is checked as the return will carry it; a refused one is
 * shown again with its reason and nothing is stored. The plan was made Mon 10 Mar 2025; today is
 * Mon 7 Dec 2026.
 */
describe('The plan’s SEN2 items page', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp('2026-12-07');
    await t.reset();
    browser = await openBrowser(t);
    planId = (await createPlan(t, { child: { givenName: 'Noor', familyName: 'Ahmed', dateOfBirth: '2015-05-10' }, startedOn: '2025-03-10' })).id;
    await browser.signInAs(['caseworker']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const page = () => browser.page;
  const stored = async () => ({
    detail: (await t.db.query('SELECT primary_need, secondary_need, personal_budget, direct_payments, version FROM plan_sen2_detail WHERE plan_id = $1', [planId]))[0] ?? null,
    placements: await t.db.query(`SELECT urn, placement_rank, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, to_char(leaving_date, 'YYYY-MM-DD') AS leaving_date FROM plan_placement WHERE plan_id = $1 ORDER BY entry_date`, [planId]),
  });
  const fillDate = async (legend: string, day: string, month: string, year: string) => {
    const group = page().getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  };
  const settings = async () =>
    page().locator('table', { has: page().locator('caption', { hasText: 'Settings attended' }) }).locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())));

  it('is reached from the plan page, saves the needs and provision, and has no serious accessibility problem', async () => {
    await page().goto(`/plan/${planId}`);
    await page().getByRole('link', { name: 'Needs, settings attended and personal budget' }).click();
    expect(new URL(page().url()).pathname).toBe(`/plan/${planId}/sen2`);
    expect(await seriousViolations(page())).toEqual([]);
    await page().getByLabel('Primary need').selectOption('ASD');
    await page().getByLabel('Secondary need').selectOption('SLCN');
    await page().getByRole('group', { name: 'Personal budget taken up' }).getByLabel('Yes').check();
    await page().getByLabel('Direct payments').selectOption('E');
    await page().getByRole('button', { name: 'Save the needs and provision' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Saved.');
    expect((await stored()).detail).toEqual({ primary_need: 'ASD', secondary_need: 'SLCN', personal_budget: true, direct_payments: 'E', version: 1 });
  });

  it('refuses a secondary need equal to the primary one, keeping the choice and storing nothing', async () => {
    const before = await stored();
    await page().goto(`/plan/${planId}/sen2`);
    await page().getByLabel('Secondary need').selectOption('ASD');
    await page().getByRole('button', { name: 'Save the needs and provision' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toContain('must differ from the primary need (ASD)');
    expect(await page().getByLabel('Secondary need').inputValue()).toBe('ASD');
    expect(await stored()).toEqual(before);
    expect(await seriousViolations(page())).toEqual([]);
  });

  it('adds a setting by its URN, refusing a URN of the wrong length and a start in the future first', async () => {
    await page().goto(`/plan/${planId}/sen2`);
    await page().getByLabel('URN (schools, from Get Information about Schools)').fill('12345');
    await fillDate('Date the child started there', '8', '12', '2026');
    await page().getByRole('button', { name: 'Add the setting' }).click();
    const summary = await page().locator('.govuk-error-summary').innerText();
    expect(summary).toMatch(/URN/);
    expect(summary).toMatch(/in the future/);
    expect(await page().getByLabel('URN (schools, from Get Information about Schools)').inputValue()).toBe('12345');
    expect((await stored()).placements).toEqual([]);

    await page().getByLabel('URN (schools, from Get Information about Schools)').fill('100000');
    await fillDate('Date the child started there', '3', '9', '2025');
    await page().getByRole('button', { name: 'Add the setting' }).click();
    expect(await page().locator('.govuk-notification-banner').innerText()).toContain('Saved.');
    expect(await settings()).toEqual([['URN 100000', 'Main', '3 September 2025', 'Still attends', 'None']]);
    expect((await stored()).placements).toEqual([{ urn: '100000', placement_rank: 1, entry_date: '2025-09-03', leaving_date: null }]);
  });

  it('records the day the child left, not before the day they started', async () => {
    await page().goto(`/plan/${planId}/sen2`);
    await fillDate('Date the child left', '1', '9', '2025');
    await page().getByRole('button', { name: 'Record the leaving date' }).click();
    expect(await page().locator('.govuk-error-summary').innerText()).toMatch(/before the placement’s entry date/);
    expect((await stored()).placements[0].leaving_date).toBeNull();
    expect(await seriousViolations(page())).toEqual([]);
    await fillDate('Date the child left', '20', '7', '2026');
    await page().getByRole('button', { name: 'Record the leaving date' }).click();
    expect(await settings()).toEqual([['URN 100000', 'Main', '3 September 2025', '20 July 2026', 'None']]);
    expect(await page().getByRole('button', { name: 'Record the leaving date' }).count()).toBe(0);
  });
});
