import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { addDays } from '../../workflows/calendar/dates.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(600_000);

/**
 * A year of a maintained plan's life, day by day, on the real application with its clock moved
 * forward: a review, the amendment it decides on, and the phase transfer that amendment names.
 * Every date was worked out by hand (domain 5.2; warnings 10 and 5 working days before the
 * target, England's bank holidays skipped; due on the target; breach the day after).
 *
 * Made Monday 2 March 2026 for a child born 20 October 2015 (school cohort 2016: Year 7 in
 * September 2027), so annualReview is due Mon 1 Mar 2027 and phaseTransfer Sun 14 Feb 2027
 * (warnings Mon 1 Feb and Mon 8 Feb). The meeting is arranged on 2 Nov for Mon 7 Dec 2026:
 * invitations and advice are due Mon 23 Nov (warnings Mon 9 Nov and Mon 16 Nov). Invitations go
 * on 16 Nov; the advice is late, on Thu 26 Nov (breach alert Tue 24 Nov, overdue 24-25 Nov).
 * Meeting held 7 Dec: report due Mon 21 Dec (received Fri 18 Dec), decision due Mon 4 Jan 2027
 * (warnings Wed 16 Dec and Wed 23 Dec: 25 and 28 December and 1 January are bank holidays). Decided on 4 Jan
 * to amend, notice emailed that day: the amended plan is due Mon 1 Mar 2027, and the next annual
 * review Mon 6 Dec 2027 (12 months starting with the meeting). The amended plan naming the
 * secondary school is issued on Wed 10 Feb 2027, so the phase transfer is met on time.
 */
const FIRST_DAY = '2026-03-02';
const LAST_DAY = '2027-03-10';

const EXPECTED_ALERTS: Record<string, string[]> = {
  '2026-11-09': ['deadline_warning reviewAdvice 2026-11-23 w10', 'deadline_warning reviewInvitations 2026-11-23 w10'],
  '2026-11-16': ['deadline_warning reviewAdvice 2026-11-23 w5', 'deadline_warning reviewInvitations 2026-11-23 w5'],
  '2026-11-23': ['deadline_warning reviewAdvice 2026-11-23 due'],
  '2026-11-24': ['deadline_breach reviewAdvice 2026-11-23 breach'],
  '2026-12-07': ['deadline_warning reviewReport 2026-12-21 w10'],
  '2026-12-14': ['deadline_warning reviewReport 2026-12-21 w5'],
  '2026-12-16': ['deadline_warning reviewDecision 2027-01-04 w10'],
  '2026-12-23': ['deadline_warning reviewDecision 2027-01-04 w5'],
  '2027-01-04': ['deadline_warning reviewDecision 2027-01-04 due'],
  '2027-02-01': ['deadline_warning phaseTransfer 2027-02-14 w10'],
  '2027-02-08': ['deadline_warning phaseTransfer 2027-02-14 w5'],
};

describe('A plan’s year, day by day', () => {
  let t: TestApp;
  let planId: string;
  const raisedOn: Record<string, string[]> = {};
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp(FIRST_DAY);
    await t.reset();
  });
  afterAll(() => t.close());

  const at9 = (day: string) => t.clock.setNow(new Date(`${day}T09:00:00Z`));
  const planNow = async () => (await t.http.get(`/api/plans/${planId}`)).body;
  const overdue = async () => ((await t.http.get('/api/plans?overdue=true')).body.items as { id: string }[]).map((p) => p.id);
  const step = async (event: Record<string, unknown>) => {
    const response = await postPlanEvent(t, planId, event);
    if (response.status !== 200) throw new Error(`${event.type} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** The morning sweep at 09:00 (after the 08:00 alert time and the 07:00 digest), then the day's steps. */
  async function live(day: string, steps?: () => Promise<void>) {
    at9(day);
    await t.app.get(AlertSweep).sweep();
    await collect(day);
    if (steps) await steps();
    await collect(day);
  }

  async function collect(day: string) {
    const rows: { kind: string; deadline: string; due_on: string; dedupe_key: string }[] = await t.db.query(
      `SELECT kind, deadline, to_char(due_on, 'YYYY-MM-DD') AS due_on, dedupe_key FROM notification WHERE plan_id = $1 ORDER BY deadline`,
      [planId],
    );
    for (const row of rows.filter((r) => !seen.has(r.dedupe_key))) {
      seen.add(row.dedupe_key);
      (raisedOn[day] ??= []).push(`${row.kind} ${row.deadline} ${row.due_on} ${row.dedupe_key.split('.').at(-1)}`);
    }
  }

  it('keeps every plan limit, alert, list and digest right on each day that matters', async () => {
    at9(FIRST_DAY);
    planId = (await createPlan(t, { child: { givenName: 'Noah', familyName: 'Reyes', dateOfBirth: '2015-10-20' }, startedOn: FIRST_DAY, namedSetting: 'Brook Primary' })).id;
    expect((await planNow()).deadlines).toMatchObject({ annualReview: { dueOn: '2027-03-01', status: 'pending' }, phaseTransfer: { dueOn: '2027-02-14', status: 'pending' } });

    for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
      await live(day, async () => {
        switch (day) {
          case '2026-11-02':
            await step({ type: 'REVIEW_MEETING_SCHEDULED', occurredOn: day, meetingOn: '2026-12-07' });
            expect((await planNow()).deadlines.reviewInvitations).toMatchObject({ dueOn: '2026-11-23', open: true });
            break;
          case '2026-11-16':
            await step({ type: 'REVIEW_INVITATIONS_SENT', occurredOn: day, method: 'email' });
            break;
          case '2026-11-23':
            expect(await overdue()).toEqual([]);
            break;
          case '2026-11-24':
          case '2026-11-25':
            // The advice is late: the plan is on the overdue list until it is circulated.
            expect(await overdue()).toEqual([planId]);
            expect((await planNow()).deadlines.reviewAdvice.status).toBe('breached');
            break;
          case '2026-11-26': {
            const plan = await step({ type: 'REVIEW_ADVICE_CIRCULATED', occurredOn: day, method: 'email' });
            expect(plan.deadlines.reviewAdvice).toMatchObject({ metOn: '2026-11-26', status: 'met_late', open: false });
            expect(plan.deadlines.reviewInvitations).toMatchObject({ metOn: '2026-11-16', status: 'met' });
            expect(await overdue()).toEqual([]);
            break;
          }
          case '2026-12-07': {
            // The sweep ran before the meeting was recorded; the next one, that morning still, raises the report's first warning.
            await step({ type: 'REVIEW_MEETING_HELD', occurredOn: day });
            await t.app.get(AlertSweep).sweep();
            const plan = await planNow();
            expect(plan.deadlines).toMatchObject({ reviewReport: { dueOn: '2026-12-21' }, reviewDecision: { dueOn: '2027-01-04' } });
            break;
          }
          case '2026-12-18':
            await step({ type: 'REVIEW_REPORT_RECEIVED', occurredOn: day });
            break;
          case '2027-01-04': {
            const plan = await step({ type: 'REVIEW_DECISION', occurredOn: day, decision: 'amend', notice: { sentOn: day, method: 'email' } });
            expect(plan.status).toBe('amendment_proposed');
            expect(plan.deadlines).toMatchObject({
              reviewDecision: { metOn: '2027-01-04', status: 'met' },
              'annualReview.1': { dueOn: '2027-03-01', metOn: '2027-01-04', status: 'met' },
              annualReview: { dueOn: '2027-12-06', status: 'pending' },
              amendedPlan: { dueOn: '2027-03-01', status: 'pending' },
              amendmentRepresentations: { dueOn: '2027-01-18', status: 'pending', role: 'window' },
            });
            break;
          }
          case '2027-02-01': {
            const digest = (await t.http.get(`/api/digests/${day}`)).body;
            const atRisk = digest.content.plans.teams.flatMap((team: { phaseTransfersAtRisk: { planId: string; deadline: string; days: number }[] }) => team.phaseTransfersAtRisk);
            expect(atRisk).toEqual([expect.objectContaining({ planId, deadline: 'phaseTransfer', dueOn: '2027-02-14', days: 13 })]);
            break;
          }
          case '2027-02-10': {
            const plan = await step({ type: 'AMENDED_PLAN_ISSUED', occurredOn: day, namedSetting: 'Castle Hill Academy', nextPhase: 'secondary', notice: { sentOn: day, method: 'email' } });
            expect(plan).toMatchObject({ status: 'maintained', phase: 'secondary', namedSetting: 'Castle Hill Academy' });
            expect(plan.deadlines).toMatchObject({
              'phaseTransfer.1': { dueOn: '2027-02-14', metOn: '2027-02-10', status: 'met' },
              phaseTransfer: { dueOn: '2032-03-30', open: true },
              amendedPlan: { metOn: '2027-02-10', status: 'met' },
            });
            break;
          }
          case '2027-02-15': {
            const digest = (await t.http.get(`/api/digests/${day}`)).body;
            expect(digest.content.plans.totals).toEqual({ reviewsOverdue: 0, reviewsDueSoon: 0, phaseTransfersAtRisk: 0 });
            break;
          }
        }
      });
    }

    expect(raisedOn).toEqual(EXPECTED_ALERTS);
    expect(await overdue()).toEqual([]);
  });
});
