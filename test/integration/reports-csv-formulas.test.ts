import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const HYPERLINK = '=HYPERLINK("https://evil.example","Click")';
const query = 'from=2026-01-01&to=2026-06-30';

/** What a spreadsheet reads from a CSV: RFC 4180 fields, quotes undone. */
function cells(csv: string): string[] {
  return [...csv.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,\n]*))/gm)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]));
}

describe('CSV exports and spreadsheet formulas', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-07-15');
    await t.reset();
    const { id } = await createCase(t, { requestReceivedOn: '2026-03-02', child: { givenName: HYPERLINK, familyName: '@SUM(A1)', dateOfBirth: '2018-03-01' } });
    for (const event of [
      { type: 'ASSIGNED', occurredOn: '2026-03-03', assigneeId: '+cmd|calc' },
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-04-01', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-04-02', contributor: 'health', contact: { organisation: '-2+3 ICB' } },
      { type: 'ADVICE_RECEIVED', occurredOn: '2026-04-20', contributor: 'health' },
    ]) expect((await postEvent(t, id, event)).status).toBe(200);
  }, 60_000);
  afterAll(() => t.close());

  it.each([
    ['sen2', `/api/reports/sen2?${query}&format=csv`, [`'${HYPERLINK}`, "'@SUM(A1)"]],
    ['timeliness', `/api/reports/timeliness?${query}&format=csv`, ["'-2+3 ICB"]],
    ['caseload', '/api/reports/caseload?format=csv', ["'+cmd|calc"]],
    ['early warning', '/api/reports/early-warning?format=csv', ["'+cmd|calc"]],
  ])('the %s CSV gives every formula-like cell a leading apostrophe', async (_, url, expected) => {
    const response = await t.http.get(url).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const found = cells(response.text);
    for (const cell of expected) expect(found).toContain(cell);
    // A negative number (days left) is a number, not a formula.
    expect(found.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+$/.test(cell))).toEqual([]);
  });

  it('leaves the JSON of the same report as recorded', async () => {
    const { body } = await t.http.get(`/api/reports/sen2?${query}`).expect(200);
    expect(body.requests[0]).toMatchObject({ Forename: HYPERLINK, Surname: '@SUM(A1)' });
  });
});
