import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { BUILT_ON, buildScenario } from './reports-scenario.js';

const statuses = (awaiting: number, assessing: number) => ({ awaiting_decision: awaiting, assessing, drafting: 0, draft_issued: 0 });

describe('"As of today" reports (caseload, early warning)', () => {
  let t: TestApp;
  let cases: Record<string, { id: string; reference: string }>;

  beforeAll(async () => {
    t = await createTestApp(BUILT_ON);
    await t.reset();
    cases = await buildScenario(t);
  });
  afterAll(async () => t.close());

  // On 15 July 2026 two cases are open: G (sam, assessing: health advice due 06-23 breached,
  // issueDecision due 07-27 within 14 days) and I (unassigned, awaiting a decision due 08-10).
  it('gives the caseload per caseworker and in total', async () => {
    const { body } = await t.http.get('/api/reports/caseload').expect(200);
    const G = { reference: cases.G!.reference, requestReceivedOn: '2026-04-06', weeksOpen: 14 };
    const I = { reference: cases.I!.reference, requestReceivedOn: '2026-06-29', weeksOpen: 2 };
    expect(body).toEqual({
      today: BUILT_ON,
      total: { openCases: 2, byStatus: statuses(1, 1), deadlinesDueNext14Days: 1, breachedDeadlines: 1, oldestOpenCase: G },
      caseworkers: [
        { caseworker: 'sam', openCases: 1, byStatus: statuses(0, 1), deadlinesDueNext14Days: 1, breachedDeadlines: 1, oldestOpenCase: G },
        { caseworker: null, openCases: 1, byStatus: statuses(1, 0), deadlinesDueNext14Days: 0, breachedDeadlines: 0, oldestOpenCase: I },
      ],
    });
  });

  it('gives the caseload as CSV', async () => {
    const response = await t.http.get('/api/reports/caseload?format=csv').expect(200);
    expect(response.text.trim().split('\n')).toEqual([
      'today,caseworker,openCases,awaiting_decision,assessing,drafting,draft_issued,deadlinesDueNext14Days,breachedDeadlines,oldestOpenCaseReference,oldestOpenCaseReceivedOn,oldestOpenCaseWeeksOpen',
      `2026-07-15,(all),2,1,1,0,0,1,1,${cases.G!.reference},2026-04-06,14`,
      `2026-07-15,sam,1,0,1,0,0,1,1,${cases.G!.reference},2026-04-06,14`,
      `2026-07-15,(unassigned),1,1,0,0,0,0,0,${cases.I!.reference},2026-06-29,2`,
    ]);
  });

  it('counts a deadline as breached from the day after it is due, and never a latest date', async () => {
    try {
      // G's issueDecision is a latest date (reg 10(1) times only a "no plan" notice): due on 07-27, never breached.
      t.clock.setToday('2026-07-27');
      expect((await t.http.get('/api/reports/caseload').expect(200)).body.total).toMatchObject({ breachedDeadlines: 1, deadlinesDueNext14Days: 2 });
      t.clock.setToday('2026-07-28');
      expect((await t.http.get('/api/reports/caseload').expect(200)).body.total).toMatchObject({ breachedDeadlines: 1, deadlinesDueNext14Days: 1 });
      // I's decision whether to assess is due on 08-10 and breached from 08-11; G's final plan (08-24) is due within 14 days.
      t.clock.setToday('2026-08-10');
      expect((await t.http.get('/api/reports/caseload').expect(200)).body.total).toMatchObject({ breachedDeadlines: 1, deadlinesDueNext14Days: 2 });
      t.clock.setToday('2026-08-11');
      expect((await t.http.get('/api/reports/caseload').expect(200)).body.total).toMatchObject({ breachedDeadlines: 2, deadlinesDueNext14Days: 1 });
    } finally {
      t.clock.setToday(BUILT_ON);
    }
  });

  // G: final 08-24 → draft by 07-25 → decision to issue by 07-11 → health advice by 07-04.
  const G_STEPS = [
    { step: 'advice.health', latestOn: '2026-07-04', daysLeft: -11, atRisk: true },
    { step: 'decisionToIssue', latestOn: '2026-07-11', daysLeft: -4, atRisk: true },
    { step: 'draftPlan', latestOn: '2026-07-25', daysLeft: 10, atRisk: false },
    { step: 'finalPlan', latestOn: '2026-08-24', daysLeft: 40, atRisk: false },
  ];

  it('lists the cases with a latest date past or within 7 days', async () => {
    const { body } = await t.http.get('/api/reports/early-warning').expect(200);
    expect(body).toEqual({
      today: BUILT_ON, warningDays: 7, scope: 'at_risk', total: 1, page: 1, pageSize: 50,
      cases: [{
        caseId: cases.G!.id, reference: cases.G!.reference, status: 'assessing', caseworker: 'sam', requestReceivedOn: '2026-04-06',
        finalPlanTarget: '2026-08-24', exceptionApplies: false, steps: G_STEPS,
      }],
    });
  });

  it('gives every open case with scope=all, most urgent first, and as CSV', async () => {
    const { body } = await t.http.get('/api/reports/early-warning?scope=all').expect(200);
    expect(body.cases.map((c: { reference: string }) => c.reference)).toEqual([cases.G!.reference, cases.I!.reference]);
    expect(body.cases[1].steps).toEqual([
      { step: 'decisionToIssue', latestOn: '2026-10-03', daysLeft: 80, atRisk: false },
      { step: 'draftPlan', latestOn: '2026-10-17', daysLeft: 94, atRisk: false },
      { step: 'finalPlan', latestOn: '2026-11-16', daysLeft: 124, atRisk: false },
    ]);
    const response = await t.http.get('/api/reports/early-warning').set('Accept', 'text/csv').expect(200);
    // Written in chunks as it is serialised, not built whole first.
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const csv = response.text;
    const row = (s: (typeof G_STEPS)[number]) => `2026-07-15,${cases.G!.reference},${cases.G!.id},assessing,sam,2026-04-06,2026-08-24,false,${s.step},${s.latestOn},${s.daysLeft},${s.atRisk}`;
    expect(csv.trim().split('\n')).toEqual([
      'today,reference,caseId,status,caseworker,requestReceivedOn,finalPlanTarget,exceptionApplies,step,latestOn,daysLeft,atRisk',
      ...G_STEPS.map(row),
    ]);
  });

  it('puts a case on the list a week before its first latest date', async () => {
    t.clock.setToday('2026-09-25'); // I: decision to issue by 10-03, 8 days away
    expect((await t.http.get('/api/reports/early-warning').expect(200)).body.cases.map((c: { reference: string }) => c.reference)).toEqual([cases.G!.reference]);
    t.clock.setToday('2026-09-26');
    expect((await t.http.get('/api/reports/early-warning').expect(200)).body.cases.map((c: { reference: string }) => c.reference)).toEqual([cases.G!.reference, cases.I!.reference]);
    t.clock.setToday(BUILT_ON);
  });

  it('pages the JSON list', async () => {
    const { body } = await t.http.get('/api/reports/early-warning?scope=all&pageSize=1&page=2').expect(200);
    expect(body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(body.cases.map((c: { reference: string }) => c.reference)).toEqual([cases.I!.reference]);
    expect((await t.http.get('/api/reports/early-warning?pageSize=501')).status).toBe(400);
  });

  it('needs reports:read, and shows an authority only its own cases', async () => {
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.get('/api/reports/caseload')).status).toBe(403);
    expect((await t.anonymous.get('/api/reports/caseload')).status).toBe(401);
    const otherManager = await t.signInAs(['manager'], 'OTHER');
    const { body } = await otherManager.http.get('/api/reports/caseload').expect(200);
    expect(body.total.openCases).toBe(0);
    expect((await otherManager.http.get('/api/reports/timeliness?from=2026-01-01&to=2026-06-30').expect(200)).body.plansIssued.total).toBe(0);
  });
});
