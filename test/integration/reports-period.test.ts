import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BUILT_ON, PERIOD, buildScenario } from './reports-scenario.js';

const query = `from=${PERIOD.from}&to=${PERIOD.to}`;

const measure = (total: number, within: number, excepted: number, withinExcl: number) => ({
  total,
  withinLimit: within,
  percentWithinLimit: total === 0 ? null : Math.round((1000 * within) / total) / 10,
  withException: excepted,
  totalExcludingExceptions: total - excepted,
  withinLimitExcludingExceptions: withinExcl,
  percentWithinLimitExcludingExceptions: total - excepted === 0 ? null : Math.round((1000 * withinExcl) / (total - excepted)) / 10,
});
const plans = (m: ReturnType<typeof measure>, late52: number, avg: number | null, median: number | null) => ({
  ...m, lateWithin52WeeksExcludingExceptions: late52, after52WeeksExcludingExceptions: 0, averageWeeksToPlan: avg, medianWeeksToPlan: median,
});

// Plans: A 126 days (on time), B 154 (late), C 154 (late, exception). Decisions: B late, the 6 others on time.
const TIMELINESS = {
  ...PERIOD,
  plansIssued: plans(measure(3, 1, 1, 1), 1, 20.7, 22),
  decisionsToAssess: measure(7, 6, 0, 6),
  noPlanDecisions: measure(1, 1, 0, 1),
  advice: {
    byContributor: [
      { contributor: 'education', returned: 1, within6Weeks: 0, percentWithin6Weeks: 0 },
      { contributor: 'educational_psychology', returned: 1, within6Weeks: 0, percentWithin6Weeks: 0 },
      { contributor: 'health', returned: 2, within6Weeks: 2, percentWithin6Weeks: 100 },
    ],
    byOrganisation: [
      { organisation: 'North ICB', returned: 2, within6Weeks: 2, percentWithin6Weeks: 100 },
      { organisation: 'Oak School', returned: 1, within6Weeks: 0, percentWithin6Weeks: 0 },
      { organisation: null, returned: 1, within6Weeks: 0, percentWithin6Weeks: 0 },
    ],
  },
  exceptions: [{ exception: 'personal_circumstances', recorded: 1, cases: 1 }],
};

const CONVERSION = {
  ...PERIOD,
  requestsReceived: 9, agreedToAssess: 6, declinedToAssess: 1, decidedToIssue: 3, decidedNotToIssue: 1, plansIssued: 3,
  withdrawn: 2, withdrawnBeforeDecisionToAssess: 1, withdrawnAfterDecisionToAssess: 1,
};

/** Parses the tidy CSV (no quoted commas in these figures) into `section|group|measure` → value. */
function figuresOf(csv: string): Map<string, string> {
  const [header, ...lines] = csv.trim().split('\n');
  expect(header).toBe('from,to,section,group,measure,value');
  return new Map(lines.map((line) => {
    const [from, to, section, group, name, value] = line.split(',');
    expect([from, to]).toEqual([PERIOD.from, PERIOD.to]);
    return [`${section}|${group}|${name}`, value] as const;
  }));
}

const cell = (v: unknown) => (v === null ? '' : String(v));
function expectedFigures(section: string, group: string, figures: Record<string, unknown>): [string, string][] {
  return Object.entries(figures).map(([k, v]) => [`${section}|${group}|${k}`, cell(v)]);
}

describe('Period reports (timeliness, conversion, SEN2)', () => {
  let t: TestApp;
  let cases: Record<string, { id: string; reference: string }>;

  beforeAll(async () => {
    t = await createTestApp(BUILT_ON);
    await t.reset();
    cases = await buildScenario(t);
  });
  afterAll(async () => t.close());

  it('gives every timeliness figure of the known cases', async () => {
    const response = await t.http.get(`/api/reports/timeliness?${query}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(TIMELINESS);
  });

  it('breaks timeliness down by month of the step', async () => {
    const { body } = await t.http.get(`/api/reports/timeliness?${query}&by=month`).expect(200);
    expect(body.breakdown.by).toBe('month');
    expect(body.breakdown.groups.map((g: { key: string }) => g.key)).toEqual(['2026-02', '2026-03', '2026-05', '2026-06']);
    const [feb, mar, may, jun] = body.breakdown.groups;
    expect(feb.decisionsToAssess).toEqual(measure(2, 2, 0, 2)); // A, C
    expect(mar.decisionsToAssess).toEqual(measure(4, 3, 0, 3)); // B late; H, D, E
    expect(may).toMatchObject({ plansIssued: plans(measure(1, 1, 0, 1), 0, 18, 18), decisionsToAssess: measure(1, 1, 0, 1), noPlanDecisions: measure(1, 1, 0, 1) });
    expect(jun.plansIssued).toEqual(plans(measure(2, 0, 1, 0), 1, 22, 22));
  });

  it('breaks timeliness down by the caseworker who held the case at the step', async () => {
    const { body } = await t.http.get(`/api/reports/timeliness?${query}&by=caseworker`).expect(200);
    const groups = Object.fromEntries(body.breakdown.groups.map((g: { key: string | null }) => [String(g.key), g]));
    expect(Object.keys(groups)).toEqual(['priya', 'sam', 'null']);
    expect(groups.priya.plansIssued).toEqual(plans(measure(2, 1, 1, 1), 0, 20, 20));
    expect(groups.sam.plansIssued).toEqual(plans(measure(1, 0, 0, 0), 1, 22, 22));
    expect(groups.priya.decisionsToAssess).toEqual(measure(2, 2, 0, 2));
    expect(groups.sam.decisionsToAssess).toEqual(measure(1, 0, 0, 0));
    // G was assigned to sam the day after its decision: that decision stays unassigned.
    expect(groups.null.decisionsToAssess).toEqual(measure(4, 4, 0, 4));
  });

  it('gives the same timeliness figures as CSV, one row per figure', async () => {
    const response = await t.http.get(`/api/reports/timeliness?${query}&format=csv`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const { advice, exceptions } = TIMELINESS;
    const expected = new Map([
      ...expectedFigures('plansIssued', '(all)', TIMELINESS.plansIssued),
      ...expectedFigures('decisionsToAssess', '(all)', TIMELINESS.decisionsToAssess),
      ...expectedFigures('noPlanDecisions', '(all)', TIMELINESS.noPlanDecisions),
      ...advice.byContributor.flatMap(({ contributor, ...f }) => expectedFigures('adviceByContributor', contributor, f)),
      ...advice.byOrganisation.flatMap(({ organisation, ...f }) => expectedFigures('adviceByOrganisation', organisation ?? '(not recorded)', f)),
      ...exceptions.flatMap(({ exception, ...f }) => expectedFigures('exceptions', exception, f)),
    ]);
    expect(figuresOf(response.text)).toEqual(expected);
  });

  it('answers Accept: text/csv with CSV too', async () => {
    const response = await t.http.get(`/api/reports/conversion?${query}`).set('Accept', 'text/csv').expect(200);
    const { from, to, ...figures } = CONVERSION;
    expect(figuresOf(response.text)).toEqual(new Map(expectedFigures('conversion', '(all)', figures)));
  });

  it('counts requests, decisions, plans and withdrawals', async () => {
    const { body } = await t.http.get(`/api/reports/conversion?${query}`).expect(200);
    expect(body).toEqual(CONVERSION);
  });

  it('extracts one SEN2 row per request, in JSON and CSV', async () => {
    const { body } = await t.http.get(`/api/reports/sen2?${query}`).expect(200);
    const csv = (await t.http.get(`/api/reports/sen2?${query}&format=csv`).expect(200)).text;
    const ref = (name: string) => cases[name]!.reference;
    const expected = [
      `${ref('A')},Example,ChildA,2018-03-01,2026-01-05,parent,decided_to_assess,2026-02-09,0,0,decided_to_issue,2026-04-01,0,0,0,0,0,2026-05-11,126`,
      `${ref('B')},Example,ChildB,2018-03-01,2026-01-12,parent,decided_to_assess,2026-03-02,0,0,decided_to_issue,2026-04-20,0,0,0,0,0,2026-06-15,154`,
      `${ref('C')},Example,ChildC,2018-03-01,2026-01-19,parent,decided_to_assess,2026-02-20,0,0,decided_to_issue,2026-05-05,0,0,0,0,1,2026-06-22,154`,
      `${ref('H')},Example,ChildH,2018-03-01,2026-01-26,parent,decided_to_assess,2026-03-02,0,0,decided_not_to_issue,2026-05-04,0,0,0,0,0,,`,
      `${ref('D')},Example,ChildD,2018-03-01,2026-02-02,parent,decided_not_to_assess,2026-03-10,0,0,,,,,,,,,`,
      `${ref('E')},Example,ChildE,2018-03-01,2026-02-16,parent,decided_to_assess,2026-03-20,0,0,withdrawn,2026-04-15,0,0,0,0,0,,`,
      `${ref('F')},Example,ChildF,2018-03-01,2026-03-02,parent,withdrawn,2026-03-20,0,0,,,,,,,,,`,
      `${ref('G')},Example,ChildG,2018-03-01,2026-04-06,parent,decided_to_assess,2026-05-11,0,0,not_yet_decided,,0,0,0,0,0,,`,
      `${ref('I')},Example,ChildI,2018-03-01,2026-06-29,parent,decision_not_yet_made,,0,0,,,,,,,,,`,
    ];
    expect(csv.trim().split('\n')).toEqual([
      'Reference,Surname,Forename,PersonBirthDate,ReceivedDate,RequestSource,RequestOutcome,RequestOutcomeDate,RequestMediation,RequestTribunal,AssessmentOutcome,AssessmentOutcomeDate,AssessmentMediation,AssessmentTribunal,OtherMediation,OtherTribunal,Week20,StartDate,DaysToStartDate',
      ...expected,
    ]);
    expect(body.requests).toHaveLength(9);
    expect(body.requests[2]).toEqual({
      Reference: ref('C'), Surname: 'Example', Forename: 'ChildC', PersonBirthDate: '2018-03-01', ReceivedDate: '2026-01-19', RequestSource: 'parent',
      RequestOutcome: 'decided_to_assess', RequestOutcomeDate: '2026-02-20', RequestMediation: 0, RequestTribunal: 0,
      AssessmentOutcome: 'decided_to_issue', AssessmentOutcomeDate: '2026-05-05', AssessmentMediation: 0, AssessmentTribunal: 0, OtherMediation: 0, OtherTribunal: 0,
      Week20: 1, StartDate: '2026-06-22', DaysToStartDate: 154,
    });
  });

  it('streams the SEN2 extract as it is read: chunked, with the bytes JSON.stringify would give, and whole when empty', async () => {
    for (const path of [`/api/reports/sen2?${query}`, `/api/reports/sen2?${query}&format=csv`]) {
      const response = await t.http.get(path).expect(200);
      expect(response.headers['transfer-encoding']).toBe('chunked');
      expect(response.headers['content-length']).toBeUndefined();
    }
    const json = await t.http.get(`/api/reports/sen2?${query}`).expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.text).toBe(JSON.stringify(json.body));
    const empty = await t.http.get('/api/reports/sen2?from=2020-01-01&to=2020-01-31').expect(200);
    expect(empty.body).toEqual({ from: '2020-01-01', to: '2020-01-31', requests: [] });
    const emptyCsv = await t.http.get('/api/reports/sen2?from=2020-01-01&to=2020-01-31&format=csv').expect(200);
    expect(emptyCsv.headers['content-disposition']).toBe('attachment; filename="sen2-2020-01-01-2020-01-31.csv"');
    expect(emptyCsv.text.trim().split('\n')).toEqual([expect.stringMatching(/^Reference,Surname,Forename,/)]);
  });

  it.each([
    ['from=2026-02-30&to=2026-06-30', /from must be a real date/],
    ['from=2026-01-01', /to must be a real date/],
    ['from=2026-07-01&to=2026-06-30', /from \(2026-07-01\) is after to \(2026-06-30\)/],
    [`${query}&by=team`, /by must be one of/],
    [`${query}&format=xml`, /format must be one of/],
  ])('refuses %s with 400 naming the field', async (params, message) => {
    for (const report of ['timeliness', 'conversion', 'sen2']) {
      if (report === 'sen2' && params.includes('by=')) continue;
      const response = await t.http.get(`/api/reports/${report}?${params}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(message);
    }
  });

  // Last: it adds events. A past period's figures depend only on steps dated in it.
  it('gives the same answer for a past period after time moves on and later events arrive', async () => {
    const paths = ['timeliness', 'timeliness?by=month', 'timeliness?by=caseworker', 'conversion', 'conversion?by=caseworker', 'sen2'].flatMap((p) => {
      const url = `/api/reports/${p}${p.includes('?') ? '&' : '?'}from=2026-01-01&to=2026-03-31`;
      return [url, `${url}&format=csv`];
    });
    const before = await Promise.all(paths.map((p) => t.http.get(p).expect(200).then((r) => r.text)));
    t.clock.setToday('2026-10-01');
    const G = cases.G!.id;
    for (const step of [
      { type: 'ASSIGNED', occurredOn: '2026-08-01', assigneeId: 'priya' },
      { type: 'EXCEPTION_RECORDED', occurredOn: '2026-08-03', exception: 'absence_from_area', from: '2026-07-20', to: '2026-08-20', limits: ['finalPlan'] },
      { type: 'ADVICE_RECEIVED', occurredOn: '2026-08-05', contributor: 'health' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-08-10', decision: 'issue' },
    ]) expect((await postEvent(t, G, step)).status).toBe(200);
    await postEvent(t, cases.I!.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-07', decision: 'decline', reasons: 'No evidence of SEN' });
    await createCase(t, { requestReceivedOn: '2026-09-01' });
    const after = await Promise.all(paths.map((p) => t.http.get(p).expect(200).then((r) => r.text)));
    expect(after).toEqual(before);
    // ...while the current period does see them.
    const { body } = await t.http.get('/api/reports/conversion?from=2026-07-01&to=2026-09-30').expect(200);
    expect(body).toMatchObject({ requestsReceived: 1, declinedToAssess: 1, decidedToIssue: 1 });
  });
});
