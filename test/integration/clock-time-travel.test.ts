import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { addDays } from '../../workflows/ehc-needs-assessment/index.js';
import type { SignedIn } from '../support/auth.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { signInToPages } from '../support/web.js';

jest.setTimeout(600_000);

/**
 * One case's life, day by day, on the real application with its clock moved forward: what a
 * caseworker sees on the case, what a manager sees on the overdue list and in the digest, and
 * which alerts are raised. Every date below was worked out by hand from the rules (domain
 * document 5.2: "within N weeks of" is +7N days; warnings 10 and 5 working days before the
 * target, England's bank holidays skipped; due today on the target; breach the day after).
 *
 * T0 Monday 2 November 2026. decisionToAssess due Mon 14 Dec 2026; issueDecision (a latest
 * date) Mon 22 Feb 2027; finalPlan Mon 22 Mar 2027. A personal-circumstances exception from
 * Fri 26 Feb 2027 is proposed on 1 Mar, approved on 10 Mar and ended on 26 Mar (last day Wed
 * 24 Mar): it covered 27 days (26 Feb to 24 Mar), so the revised target is 22 Mar + 27 = Sun
 * 18 Apr 2027. Its warnings: Mon 5 Apr (10 working days; Good Friday 26 Mar and Easter Monday
 * 29 Mar 2027 are before it) and Mon 12 Apr; breach Mon 19 Apr. Withdrawn Tue 20 Apr.
 */
const FIRST_DAY = '2026-11-02';
const LAST_DAY = '2027-04-22';

/** Every alert raised, on the day it was raised: kind, deadline, the date it is about, slot. */
const EXPECTED_ALERTS: Record<string, string[]> = {
  '2026-11-30': ['deadline_warning decisionToAssess 2026-12-14 w10'],
  '2027-02-08': ['deadline_warning issueDecision 2027-02-22 w10'],
  '2027-02-15': ['deadline_warning issueDecision 2027-02-22 w5'],
  '2027-02-22': ['deadline_warning issueDecision 2027-02-22 due'],
  // Proposed on 1 Mar, the exception relaxes nothing until a manager approves it on 10 Mar.
  '2027-03-08': ['deadline_warning finalPlan 2027-03-22 w10'],
  // Held from 10 Mar to 26 Mar: no warning on 15 Mar, nothing due on 22 Mar, no breach on 23 Mar.
  '2027-04-05': ['deadline_warning finalPlan 2027-04-18 w10'],
  '2027-04-12': ['deadline_warning finalPlan 2027-04-18 w5'],
  '2027-04-18': ['deadline_warning finalPlan 2027-04-18 due'],
  '2027-04-19': ['deadline_breach finalPlan 2027-04-18 breach'],
};

interface Deadline {
  dueOn: string;
  metOn: string | null;
  status: string;
  revisedTarget: string | null;
  targetOn: string | null;
  open: boolean;
  closedOn: string | null;
  noticeAssumed: boolean;
}

describe('The statutory clock, day by day through a case', () => {
  let t: TestApp;
  let caseworker: SignedIn;
  let caseId: string;
  let exceptionSeq: number;
  const raisedOn: Record<string, string[]> = {};
  const seen = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    t = await createTestApp(FIRST_DAY);
    await t.reset();
    caseworker = await t.signInAs(['caseworker']);
  });
  afterAll(() => t.close());

  const at9 = (day: string) => t.clock.setNow(new Date(`${day}T09:00:00Z`));
  const caseNow = async () => (await t.http.get(`/api/cases/${caseId}`)).body;
  const deadline = async (name: string): Promise<Deadline> => (await caseNow()).deadlines[name];
  const overdueIds = async () => ((await t.http.get('/api/cases?overdue=true')).body.items as { id: string }[]).map((c) => c.id);
  const digest = async (day: string) => (await t.http.get(`/api/digests/${day}`)).body;
  const digestItems = async (day: string, section: 'overdue' | 'dueSoon') =>
    ((await digest(day)).content.teams as Record<string, { reference: string; deadline: string; dueOn: string; days: number }[]>[]).flatMap((team) => team[section]);
  /** The final plan's row of the case page's deadlines table, as a caseworker reads it. */
  const finalPlanRowOnPage = async () => {
    const page = await signInToPages(t, ['caseworker']);
    const html = (await page.agent.get(`/case/${caseId}`)).text.replace(/\s+/g, ' ');
    const row = /<tr[^>]*>\s*<th[^>]*>Final EHC plan \(20 weeks\).*?<\/tr>/.exec(html)?.[0];
    if (!row) throw new Error('the case page has no final plan row');
    return row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  };
  const ok = async (response: Promise<{ status: number; body: unknown }>) => {
    const answer = await response;
    if (answer.status !== 200) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as { version: number };
  };

  /** What a day's morning sweep (and the 07:00 digest) raises, then the day's own steps. */
  async function live(day: string, steps?: () => Promise<void>) {
    at9(day);
    await t.app.get(AlertSweep).sweep();
    const rows: { kind: string; deadline: string; due_on: string; dedupe_key: string }[] = await t.db.query(
      `SELECT kind, deadline, to_char(due_on, 'YYYY-MM-DD') AS due_on, dedupe_key FROM notification WHERE case_id = $1`,
      [caseId],
    );
    for (const row of rows.filter((r) => !seen.has(r.dedupe_key))) {
      seen.set(row.dedupe_key, row);
      (raisedOn[day] ??= []).push(`${row.kind} ${row.deadline} ${row.due_on} ${row.dedupe_key.split('.').at(-1)}`);
    }
    if (steps) await steps();
  }

  it('keeps every limit, exception, alert and list right on each day that matters', async () => {
    at9(FIRST_DAY);
    caseId = (await createCase(t, { requestReceivedOn: FIRST_DAY })).id;
    expect(await deadline('decisionToAssess')).toMatchObject({ dueOn: '2026-12-14', status: 'pending', open: true, targetOn: '2026-12-14' });

    for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
      await live(day, async () => {
        switch (day) {
          case '2026-11-30': {
            await ok(postEvent(t, caseId, { type: 'DECISION_TO_ASSESS', occurredOn: day, decision: 'assess', notice: { sentOn: day, method: 'email' } }));
            expect(await deadline('decisionToAssess')).toMatchObject({ metOn: '2026-11-30', status: 'met', open: false, noticeAssumed: false });
            break;
          }
          case '2027-02-23': {
            // Reg 10(1) times only a "no plan" notice: undecided after 16 weeks is not a breach.
            expect(await deadline('issueDecision')).toMatchObject({ dueOn: '2027-02-22', status: 'pending', open: true });
            expect(await overdueIds()).not.toContain(caseId);
            expect(await digestItems(day, 'overdue')).toEqual([]);
            break;
          }
          case '2027-03-01': {
            // Recorded by a caseworker: a proposal, which relaxes nothing.
            const proposed = await caseworker.http
              .post(`/api/cases/${caseId}/events`)
              .send({ type: 'EXCEPTION_RECORDED', occurredOn: day, exception: 'personal_circumstances', from: '2027-02-26', note: 'Parent in hospital', familyToldOn: day });
            expect(proposed.status).toBe(200);
            const [exception] = proposed.body.exceptions;
            expect(exception).toMatchObject({ limits: ['finalPlan'], from: '2027-02-26' });
            expect(exception.approvedBy).toBeUndefined();
            exceptionSeq = exception.seq;
            expect(await deadline('finalPlan')).toMatchObject({ status: 'pending', targetOn: '2027-03-22', revisedTarget: null });
            // A caseworker cannot approve it.
            const refused = await caseworker.http.post(`/api/cases/${caseId}/events`).send({ type: 'EXCEPTION_APPROVED', occurredOn: day, exceptionSeq });
            expect(refused.status).toBe(403);
            break;
          }
          case '2027-03-10': {
            await ok(postEvent(t, caseId, { type: 'EXCEPTION_APPROVED', occurredOn: day, exceptionSeq }));
            // Running: the limit is held, with no target until the exception ends.
            expect(await deadline('finalPlan')).toMatchObject({ status: 'exception', targetOn: null, revisedTarget: null, open: true });
            break;
          }
          case '2027-03-23': {
            expect(await deadline('finalPlan')).toMatchObject({ dueOn: '2027-03-22', status: 'exception', targetOn: null });
            expect(await overdueIds()).not.toContain(caseId);
            expect(await finalPlanRowOnPage()).toMatch(/22 March 2027 .*Exception Held: exception running$/);
            break;
          }
          case '2027-03-26': {
            await ok(postEvent(t, caseId, { type: 'EXCEPTION_ENDED', occurredOn: day, exceptionSeq, to: '2027-03-24' }));
            expect(await deadline('finalPlan')).toMatchObject({ dueOn: '2027-03-22', status: 'exception', revisedTarget: '2027-04-18', targetOn: '2027-04-18' });
            expect(await overdueIds()).not.toContain(caseId);
            break;
          }
          case '2027-04-06': {
            // Within 14 days of the revised target: the digest lists it as due soon, by its revised target.
            expect(await digestItems(day, 'dueSoon')).toEqual([expect.objectContaining({ deadline: 'finalPlan', dueOn: '2027-04-18', days: 12 })]);
            break;
          }
          case '2027-04-18': {
            expect(await deadline('finalPlan')).toMatchObject({ status: 'exception' });
            expect(await overdueIds()).not.toContain(caseId);
            break;
          }
          case '2027-04-19': {
            // The revised target passed without the plan: overdue again, in the lists and the digest.
            expect(await deadline('finalPlan')).toMatchObject({ status: 'breached', targetOn: '2027-04-18', open: true });
            expect(await overdueIds()).toContain(caseId);
            expect(await digestItems(day, 'overdue')).toEqual([expect.objectContaining({ deadline: 'finalPlan', dueOn: '2027-04-18', days: 1 })]);
            expect(await finalPlanRowOnPage()).toMatch(/Revised target 18 April 2027 .*1 day overdue.*Overdue$/);
            break;
          }
          case '2027-04-20': {
            await ok(postEvent(t, caseId, { type: 'WITHDRAWN', occurredOn: day, reason: 'The family moved out of the area' }));
            // Closed: missed before the case closed, so reported as breached, but no longer open anywhere.
            expect(await deadline('finalPlan')).toMatchObject({ status: 'breached', open: false, closedOn: '2027-04-20' });
            expect(await deadline('issueDecision')).toMatchObject({ status: 'not_applicable', open: false });
            expect(await overdueIds()).not.toContain(caseId);
            break;
          }
          case '2027-04-21': {
            expect(await digestItems(day, 'overdue')).toEqual([]);
            expect(await digestItems(day, 'dueSoon')).toEqual([]);
            break;
          }
        }
      });
    }
    expect(raisedOn).toEqual(EXPECTED_ALERTS);
  });
});
