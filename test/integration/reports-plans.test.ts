import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Plan reports over the school year 1 Sep 2025 – 31 Aug 2026, as of 1 July 2026, on ten plans
 * made through the API. Every figure is worked out by hand below, plan by plan; "due" is the
 * limit row's due date (annual review: start or last meeting + 12 months − 1 day; review
 * decision: meeting + 28 days; amended plan: notice + 56 days; phase transfer: 14 February, or
 * 30 March for secondary to post-16, of the year of transfer). Notices by email are served the
 * day sent, by post on the second working day after.
 *
 * A  born 2015-01-20 (Year 7 in Sep 2026), made 2025-01-13: review due 2026-01-12; meeting 2025-11-10, decision to amend
 *    emailed 2025-12-01 (due 12-08: on time; review on time); amended plan naming the secondary school 2026-01-20 (due
 *    2026-01-26 and, 12 weeks from the meeting, 2026-02-02: both in time; phase transfer due 2026-02-14: on time).
 * B  secondary, made 2024-11-04: review due 2025-11-03; meeting 2025-09-29, decision to amend emailed 2025-11-07
 *    (due 10-27: late; review late); amended plan 2025-12-29 (due 2026-01-02: in 8 weeks; 12 weeks from the
 *    meeting was 2025-12-22: not); a second amendment, notice 2026-02-02 (due 03-30), plan 2026-04-13: late.
 * C  made 2025-03-03: review due 2026-03-02, meeting held 2026-03-16, no decision (due 04-13): both overdue.
 * D  made 2025-08-11: review due 2026-08-10, meeting held 2026-06-22 (decision due 07-20): both not yet due.
 * E  post-16, made 2025-05-12 (review due 2026-05-11): decision to cease 2025-10-06, reason 3; ceased 2026-01-05.
 * F  post-16, made 2024-10-07 (review due 2025-10-06): decision to cease 2025-11-03, reason 5; ceased 2026-02-02.
 * G  post-16, made 2025-02-03 (review due 2026-02-02): meeting 2026-01-12, decision to cease (reason 2) emailed
 *    2026-01-30 (due 02-09: on time; review on time); ceased 2026-05-05.
 * H  born 2014-11-11 (Year 7 in Sep 2026), made 2025-06-02: review due 2026-06-01, none; amendment notice 2026-04-01
 *    (due 05-27), no plan yet: amendment and phase transfer (due 2026-02-14) overdue.
 * I  born 2010-02-02 (post-16 in Sep 2026), made 2025-09-08: review due 2026-09-07 (after the period); amendment
 *    notice 2026-03-02 (due 04-27), plan naming the college 2026-04-10: in 8 weeks; phase transfer due 03-30: late.
 * K  made 2024-12-02: review due 2025-12-01; meeting 2025-10-20, decision to maintain posted Fri 2025-11-14, served
 *    Tue 11-18 (due 11-17: late, on the served date; review on time).
 */
const TODAY = '2026-07-01';
const PERIOD = { from: '2025-09-01', to: '2026-08-31' };
const query = `from=${PERIOD.from}&to=${PERIOD.to}`;

const email = (sentOn: string) => ({ sentOn, method: 'email' });
const review = (scheduledOn: string, meetingOn: string, reportOn: string) => [
  { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: scheduledOn, meetingOn },
  { type: 'REVIEW_INVITATIONS_SENT', occurredOn: scheduledOn },
  { type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: scheduledOn },
  { type: 'REVIEW_MEETING_HELD', occurredOn: meetingOn },
  { type: 'REVIEW_REPORT_RECEIVED', occurredOn: reportOn },
];
const amendedPlan = (occurredOn: string, nextPhase?: string) => ({ type: 'AMENDED_PLAN_ISSUED', occurredOn, notice: email(occurredOn), ...(nextPhase ? { nextPhase } : {}) });

const PLANS: Record<string, { dateOfBirth: string; startedOn: string; events: Record<string, unknown>[] }> = {
  A: { dateOfBirth: '2015-01-20', startedOn: '2025-01-13', events: [
    ...review('2025-10-01', '2025-11-10', '2025-11-17'),
    { type: 'REVIEW_DECISION', occurredOn: '2025-12-01', decision: 'amend', notice: email('2025-12-01') },
    amendedPlan('2026-01-20', 'secondary'),
  ] },
  B: { dateOfBirth: '2012-03-05', startedOn: '2024-11-04', events: [
    ...review('2025-09-01', '2025-09-29', '2025-10-06'),
    { type: 'REVIEW_DECISION', occurredOn: '2025-11-07', decision: 'amend', notice: email('2025-11-07') },
    amendedPlan('2025-12-29'),
    { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-02-02', method: 'email' },
    amendedPlan('2026-04-13'),
  ] },
  C: { dateOfBirth: '2018-06-01', startedOn: '2025-03-03', events: [
    { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-02-16', meetingOn: '2026-03-16' },
    { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-03-16' },
  ] },
  D: { dateOfBirth: '2019-02-01', startedOn: '2025-08-11', events: [
    { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-05-18', meetingOn: '2026-06-22' },
    { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-06-22' },
  ] },
  E: { dateOfBirth: '2007-04-04', startedOn: '2025-05-12', events: [
    { type: 'CEASE_DECISION', occurredOn: '2025-10-06', reasons: 'Started a university course', ceaseReason: 3 },
    { type: 'CEASED', occurredOn: '2026-01-05' },
  ] },
  F: { dateOfBirth: '2008-01-01', startedOn: '2024-10-07', events: [
    { type: 'CEASE_DECISION', occurredOn: '2025-11-03', reasons: 'Moved to another authority in England', ceaseReason: 5 },
    { type: 'CEASED', occurredOn: '2026-02-02' },
  ] },
  G: { dateOfBirth: '2006-09-09', startedOn: '2025-02-03', events: [
    ...review('2025-12-01', '2026-01-12', '2026-01-19'),
    { type: 'REVIEW_DECISION', occurredOn: '2026-01-30', decision: 'cease', reasons: 'Needs met by the college', ceaseReason: 2, notice: email('2026-01-30') },
    { type: 'CEASED', occurredOn: '2026-05-05' },
  ] },
  H: { dateOfBirth: '2014-11-11', startedOn: '2025-06-02', events: [{ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-04-01', method: 'email' }] },
  I: { dateOfBirth: '2010-02-02', startedOn: '2025-09-08', events: [
    { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-03-02', method: 'email' },
    amendedPlan('2026-04-10', 'post16'),
  ] },
  K: { dateOfBirth: '2017-07-07', startedOn: '2024-12-02', events: [
    ...review('2025-09-15', '2025-10-20', '2025-10-27'),
    { type: 'REVIEW_DECISION', occurredOn: '2025-11-14', decision: 'maintain', notice: { sentOn: '2025-11-14', method: 'post' } },
  ] },
};

const outcomes = (onTime: number, late: number, openOverdue: number, openNotYetDue: number, closedBefore: number, closedAfter: number, percentOnTime: number | null) => ({
  total: onTime + late + openOverdue + openNotYetDue + closedBefore + closedAfter,
  onTime, late, openOverdue, openNotYetDue, closedBeforeDueDate: closedBefore, closedAfterDueDate: closedAfter, percentOnTime,
});

const LABELS = [
  'Reached maximum age (end of the academic year in which the young person turned 25, or 19 if entering the adult estate)',
  'Ongoing educational or training needs being met without an EHC plan',
  'Moved on to higher education',
  'Moved on to paid employment, excluding apprenticeships',
  'Transferred to another LA in England',
  'Young person no longer wishes to engage in education or training',
  'Moved outside England',
  'Deceased',
  'Other',
];
const byReason = (counts: Record<number, number>) => LABELS.map((label, i) => ({ ceaseReason: i + 1, label, plans: counts[i + 1] ?? 0 }));

/** What a spreadsheet reads from a CSV: RFC 4180 fields, quotes undone. */
function cells(csv: string): string[] {
  return [...csv.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,\n]*))/gm)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]));
}

describe('Plan reports', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    for (const [name, plan] of Object.entries(PLANS)) {
      const { id } = await createPlan(t, { child: { givenName: `Child ${name}`, familyName: 'Report', dateOfBirth: plan.dateOfBirth }, startedOn: plan.startedOn });
      for (const event of plan.events) {
        const response = await postPlanEvent(t, id, event);
        if (response.status !== 200) throw new Error(`plan ${name}: ${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
    }
  }, 120_000);
  afterAll(() => t.close());

  const get = async (report: string, q = query) => (await t.http.get(`/api/reports/plans/${report}?${q}`).expect(200)).body;

  it('counts the annual reviews due in the period by what became of them', async () => {
    // On time A, G, K; late B; overdue C, H; not yet due D; E ceased before its due date, F after it. 3 ÷ (3 + 1 + 2 + 1).
    expect(await get('annual-reviews')).toEqual({ ...PERIOD, today: TODAY, annualReviews: outcomes(3, 1, 2, 1, 1, 1, 42.9) });
  });

  it('measures review decisions by the meetings held in the period, on the date the decision was served', async () => {
    // Meetings A, B, C, D, G, K: on time A, G; late B, K (posted); overdue C; not yet due D. 2 ÷ 5.
    expect(await get('review-decisions')).toEqual({ ...PERIOD, today: TODAY, reviewDecisions: outcomes(2, 2, 1, 1, 0, 0, 40) });
    // The period is of meetings, not of due dates: A's meeting alone, though its decision was due four weeks later.
    expect((await get('review-decisions', 'from=2025-11-10&to=2025-11-10')).reviewDecisions).toEqual(outcomes(1, 0, 0, 0, 0, 0, 100));
  });

  it('measures amendments finalised in the period against the notice and, after a review, the meeting', async () => {
    // A (review), B's first (review), B's second and I: in 8 weeks all but B's second; of the two after a review, A in 12 weeks.
    expect(await get('amendments')).toEqual({
      ...PERIOD,
      today: TODAY,
      amendments: {
        finalised: 4, within8Weeks: 3, percentWithin8Weeks: 75,
        afterReview: 2, afterReviewWithin12WeeksOfMeeting: 1, percentAfterReviewWithin12WeeksOfMeeting: 50,
        dueNotFinalisedOverdue: 1,
      },
    });
  });

  it('gives the phase transfers due in the period, in total and per statutory date', async () => {
    expect(await get('phase-transfers')).toEqual({
      ...PERIOD,
      today: TODAY,
      phaseTransfers: outcomes(1, 1, 1, 0, 0, 0, 33.3),
      byDueDate: [
        { dueOn: '2026-02-14', ...outcomes(1, 0, 1, 0, 0, 0, 50) },
        { dueOn: '2026-03-30', ...outcomes(0, 1, 0, 0, 0, 0, 0) },
      ],
    });
  });

  it('counts the plans ceased in the period by SEN2 reason, every reason listed', async () => {
    expect(await get('ceased')).toEqual({ ...PERIOD, ceased: 3, byReason: byReason({ 2: 1, 3: 1, 5: 1 }) });
    expect(await get('ceased', 'from=2026-01-05&to=2026-02-01')).toEqual({ from: '2026-01-05', to: '2026-02-01', ceased: 1, byReason: byReason({ 3: 1 }) });
  });

  it('answers each report as CSV with the same figures, by format or by Accept', async () => {
    const csv = await t.http.get(`/api/reports/plans/phase-transfers?${query}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="plans-phase-transfers-${PERIOD.from}-${PERIOD.to}.csv"`);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('from,to,today,section,group,measure,value');
    expect(lines).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},phaseTransfers,(all),openOverdue,1`);
    expect(lines).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},phaseTransfers,dueOn:2026-03-30,late,1`);
    expect(lines).toHaveLength(1 + 8 * 3);

    const ceased = await t.http.get(`/api/reports/plans/ceased?${query}`).set('Accept', 'text/csv').expect(200);
    expect(ceased.text.trim().split('\n').slice(0, 2)).toEqual(['from,to,ceaseReason,label,plans', `${PERIOD.from},${PERIOD.to},(all),(all),3`]);
    expect(cells(ceased.text)).toContain(LABELS[0]);
  });

  it.each(['annual-reviews', 'review-decisions', 'amendments', 'phase-transfers', 'ceased'])('writes no formula-like cell in the %s CSV', async (report) => {
    const csv = await t.http.get(`/api/reports/plans/${report}?${query}&format=csv`).expect(200);
    expect(cells(csv.text).filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  });

  it('refuses a period that ends before it starts, and a caller without reports:read', async () => {
    const backwards = await t.http.get('/api/reports/plans/annual-reviews?from=2026-08-31&to=2025-09-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/from \(2026-08-31\) is after to/);
    const { http: caseworker } = await t.signInAs(['caseworker']);
    expect((await caseworker.get(`/api/reports/plans/ceased?${query}`)).status).toBe(403);
  });
});
