import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { recordDisputeEvent } from '../support/dispute-factory.js';
import { createPlan } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(300_000);

const TODAY = '2027-07-01';
const PERIOD = { from: '2027-01-01', to: '2027-06-30' };
const query = `from=${PERIOD.from}&to=${PERIOD.to}`;

type Event = Record<string, unknown>;
const on = (type: string, occurredOn: string, rest: Event = {}): Event => ({ type, occurredOn, ...rest });

/**
 * Disputes over the first half of 2027, as of 1 July 2027, built through the API. Every figure is
 * worked out by hand below. Working days leave out weekends and England's bank holidays (Good
 * Friday 26 March, Easter Monday 29 March, 3 and 31 May 2027); "within N working days after" does
 * not count the day itself.
 *
 * Plans (the contents of the plan disputed, notices after each plan's start):
 * A  adviser contacted 11 Jan, mediation declined Mon 18 Jan: certificate due Thu 21 Jan, issued 20 Jan (on time).
 *    Appeal sent Mon 15 Feb: response due 30 working days after, Wed 31 Mar (Easter leaves out 26 and 29 Mar), in 10 Mar
 *    (on time). Dismissed 20 May.
 * B  adviser contacted and mediation asked for Mon 1 Feb: meeting due Wed 3 Mar, held Wed 24 Feb (on time), ended that day
 *    with an agreement to amend the plan: the amended plan due 5 weeks later, Wed 31 Mar, served 29 Mar (on time).
 *    Certificate due Mon 1 Mar (Thu 25, Fri 26, Mon 1), issued 26 Feb (on time).
 * E  no mediation; appeal sent Tue 4 May: response due 30 working days after, Wed 16 Jun (3 and 31 May left out); none by
 *    1 July: overdue. Awaiting the Tribunal.
 * F  adviser contacted 21 Jun: still considering.
 * G  adviser contacted 1 Apr; withdrawn 20 Apr, before the family said anything more.
 * H  adviser contacted 20 Dec 2026: before the period, in no figure.
 * I  adviser contacted and mediation asked for Mon 1 Mar: meeting due Wed 31 Mar, held Mon 15 Mar (on time), ended with an
 *    agreement on other matters (speech and language therapy review): due 2 weeks later, Mon 29 Mar, carried out 6 Apr
 *    (late). Certificate due Thu 18 Mar, issued 18 Mar (on time).
 * J  adviser contacted and mediation asked for Mon 7 Jun: meeting due Wed 7 Jul, not yet due. Still mediating.
 *
 * Cases:
 * C  request 2 Nov 2026, refused to assess 14 Dec 2026. Adviser contacted and mediation asked for Tue 5 Jan: meeting due
 *    Thu 4 Feb, held Mon 8 Feb (late), ended without agreement: certificate due Thu 11 Feb, issued Mon 15 Feb (late).
 *    Appeal sent Mon 1 Mar (response due Wed 14 Apr, Easter left out); conceded Mon 5 Apr with no response: response not needed. The
 *    concession to assess: notice due Mon 19 Apr, not given (overdue); decision not to issue due Mon 14 Jun, excepted
 *    (the family's exceptional circumstances from 1 May, approved at once: held); final plan due Mon 12 Jul (after the period).
 * D  request 20 Jul 2026, assessed, decision not to issue 16 Nov 2026; no mediation. Appeal sent Mon 11 Jan: response due
 *    Mon 22 Feb, in Fri 26 Feb (late). Allowed Mon 19 Apr, ordering a plan: draft due Mon 24 May, served Thu 27 May (late);
 *    final due Mon 5 Jul (after the period).
 * K  request 7 Sep 2026, final plan 18 Jan 2027; its contents disputed. Adviser contacted and mediation asked for Mon 1 Feb:
 *    meeting due Wed 3 Mar, held Mon 22 Feb (on time), ended without agreement: certificate due Thu 25 Feb, issued 24 Feb
 *    (on time). Appeal sent Mon 15 Mar: response due Wed 28 Apr (Easter left out), in 20 Apr (on time). Awaiting the Tribunal.
 */
describe('Dispute reports', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const planDispute = async (name: string, noticeSentOn: string, events: Event[]) => {
    const plan = await createPlan(t, { child: { givenName: `Child ${name}`, familyName: 'Disputes', dateOfBirth: '2014-03-03' }, startedOn: '2026-12-01' });
    const opened = await t.http.post('/api/disputes').send({ planId: plan.id, decision: 'plan_contents', noticeSentOn });
    if (opened.status !== 201) throw new Error(`dispute ${name}: ${JSON.stringify(opened.body)}`);
    ids[name] = opened.body.id;
    for (const event of events) await recordDisputeEvent(t, opened.body.id, event);
  };

  const caseDispute = async (name: string, caseId: string, decision: string, noticeSentOn: string, events: Event[]) => {
    const opened = await t.http.post('/api/disputes').send({ caseId, decision, noticeSentOn });
    if (opened.status !== 201) throw new Error(`dispute ${name}: ${JSON.stringify(opened.body)}`);
    ids[name] = opened.body.id;
    for (const event of events) await recordDisputeEvent(t, opened.body.id, event);
  };

  const caseEvent = async (caseId: string, event: Event) => {
    const response = await postEvent(t, caseId, event);
    if (response.status !== 200) throw new Error(`${event.type}: ${JSON.stringify(response.body)}`);
  };

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    await t.reset();
    await planDispute('A', '2027-01-04', [
      on('MEDIATION_ADVICE_CONTACTED', '2027-01-11'), on('MEDIATION_DECLINED', '2027-01-18'), on('CERTIFICATE_ISSUED', '2027-01-20'),
      on('APPEAL_REGISTERED', '2027-02-15'), on('RESPONSE_SUBMITTED', '2027-03-10'), on('TRIBUNAL_DECIDED', '2027-05-20', { outcome: 'appeal_dismissed' }),
    ]);
    await planDispute('B', '2027-01-04', [
      on('MEDIATION_ADVICE_CONTACTED', '2027-02-01'), on('MEDIATION_REQUESTED', '2027-02-01'), on('MEDIATION_HELD', '2027-02-24'),
      on('MEDIATION_ENDED', '2027-02-24', { agreement: { action: 'amend_plan', terms: 'Section F to name weekly speech and language therapy' } }),
      on('CERTIFICATE_ISSUED', '2027-02-26'), on('ORDER_STEP_MET', '2027-03-29', { step: 'orderAmendedPlan', method: 'email' }),
    ]);
    await planDispute('E', '2027-03-01', [on('APPEAL_REGISTERED', '2027-05-04')]);
    await planDispute('F', '2027-06-01', [on('MEDIATION_ADVICE_CONTACTED', '2027-06-21')]);
    await planDispute('G', '2027-03-01', [on('MEDIATION_ADVICE_CONTACTED', '2027-04-01'), on('WITHDRAWN', '2027-04-20')]);
    await planDispute('H', '2026-12-14', [on('MEDIATION_ADVICE_CONTACTED', '2026-12-20')]);
    await planDispute('I', '2027-02-15', [
      on('MEDIATION_ADVICE_CONTACTED', '2027-03-01'), on('MEDIATION_REQUESTED', '2027-03-01'), on('MEDIATION_HELD', '2027-03-15'),
      on('MEDIATION_ENDED', '2027-03-15', { agreement: { action: 'other', terms: 'A speech and language therapy review this term' } }),
      on('CERTIFICATE_ISSUED', '2027-03-18'), on('AGREEMENT_CARRIED_OUT', '2027-04-06'),
    ]);
    await planDispute('J', '2027-05-10', [on('MEDIATION_ADVICE_CONTACTED', '2027-06-07'), on('MEDIATION_REQUESTED', '2027-06-07')]);

    const c = await createCase(t, { child: { givenName: 'Child C', familyName: 'Disputes', dateOfBirth: '2016-01-01' }, requestReceivedOn: '2026-11-02' });
    await caseEvent(c.id, on('DECISION_TO_ASSESS', '2026-12-14', { decision: 'decline', reasons: 'Needs met at SEN support' }));
    await caseDispute('C', c.id, 'refusal_to_assess', '2026-12-14', [
      on('MEDIATION_ADVICE_CONTACTED', '2027-01-05'), on('MEDIATION_REQUESTED', '2027-01-05'), on('MEDIATION_HELD', '2027-02-08'),
      on('MEDIATION_ENDED', '2027-02-08'), on('CERTIFICATE_ISSUED', '2027-02-15'), on('APPEAL_REGISTERED', '2027-03-01'),
      on('APPEAL_CONCEDED', '2027-04-05', { actions: ['assess'] }),
      on('EXCEPTION_RECORDED', '2027-05-03', { exception: 'personal_circumstances', step: 'orderIssueDecision', from: '2027-05-01', note: 'A family bereavement' }),
    ]);
    ids.caseC = c.id;

    const d = await createCase(t, { child: { givenName: 'Child D', familyName: 'Disputes', dateOfBirth: '2015-02-02' }, requestReceivedOn: '2026-07-20' });
    await caseEvent(d.id, on('DECISION_TO_ASSESS', '2026-08-31', { decision: 'assess' }));
    await caseEvent(d.id, on('DECISION_TO_ISSUE', '2026-11-16', { decision: 'not_issue', reasons: 'Needs met from ordinarily available provision' }));
    await caseDispute('D', d.id, 'decision_not_to_issue', '2026-11-16', [
      on('APPEAL_REGISTERED', '2027-01-11'), on('RESPONSE_SUBMITTED', '2027-02-26'),
      on('TRIBUNAL_DECIDED', '2027-04-19', { outcome: 'appeal_allowed', actions: ['issue_plan'] }),
      on('ORDER_STEP_MET', '2027-05-27', { step: 'orderDraftPlan', method: 'email' }),
    ]);
    ids.caseD = d.id;

    const k = await createCase(t, { child: { givenName: 'Child K', familyName: 'Disputes', dateOfBirth: '2013-05-05' }, requestReceivedOn: '2026-09-07' });
    for (const event of [
      on('DECISION_TO_ASSESS', '2026-10-12', { decision: 'assess' }), on('DECISION_TO_ISSUE', '2026-12-07', { decision: 'issue' }),
      on('DRAFT_PLAN_ISSUED', '2026-12-14'), on('FINAL_PLAN_ISSUED', '2027-01-18'),
    ]) await caseEvent(k.id, event);
    await caseDispute('K', k.id, 'plan_contents', '2027-01-18', [
      on('MEDIATION_ADVICE_CONTACTED', '2027-02-01'), on('MEDIATION_REQUESTED', '2027-02-01'), on('MEDIATION_HELD', '2027-02-22'),
      on('MEDIATION_ENDED', '2027-02-22'), on('CERTIFICATE_ISSUED', '2027-02-24'), on('APPEAL_REGISTERED', '2027-03-15'), on('RESPONSE_SUBMITTED', '2027-04-20'),
    ]);
    ids.caseK = k.id;
  }, 240_000);
  afterAll(() => t.close());

  const get = async (report: string, q = query) => (await t.http.get(`/api/reports/disputes/${report}?${q}`).expect(200)).body;

  const none = { adviceContacted: 0, declined: 0, agreementReached: 0, noAgreement: 0, mediating: 0, considering: 0, disputeClosedFirst: 0, followedByAppeal: 0,
    meetingsWithin30Days: 0, meetingsLate: 0, meetingsOverdue: 0, certificatesWithin3WorkingDays: 0, certificatesLate: 0, certificatesOverdue: 0 };
  const byDecision = (lines: Record<string, object>, zero: object) =>
    ['refusal_to_assess', 'decision_not_to_issue', 'plan_contents', 'refusal_to_reassess', 'decision_not_to_amend', 'decision_to_cease'].map((decision) => ({ decision, ...zero, ...lines[decision] }));

  it('counts the mediations begun in the period by what became of them, and their meetings and certificates on time', async () => {
    // Begun: A B C F G I J K (H began in December). Declined A; agreements B, I; none C, K; mediating J; considering F; withdrawn first G.
    // Meetings on time B, I, K; late C (J not yet due). Certificates on time A, B, I, K; late C.
    const planContents = { ...none, adviceContacted: 7, declined: 1, agreementReached: 2, noAgreement: 1, mediating: 1, considering: 1, disputeClosedFirst: 1,
      followedByAppeal: 2, meetingsWithin30Days: 3, certificatesWithin3WorkingDays: 4 };
    const refusalToAssess = { ...none, adviceContacted: 1, noAgreement: 1, followedByAppeal: 1, meetingsLate: 1, certificatesLate: 1 };
    expect(await get('mediations')).toEqual({
      ...PERIOD,
      today: TODAY,
      mediations: { ...none, adviceContacted: 8, declined: 1, agreementReached: 2, noAgreement: 2, mediating: 1, considering: 1, disputeClosedFirst: 1,
        followedByAppeal: 3, meetingsWithin30Days: 3, meetingsLate: 1, certificatesWithin3WorkingDays: 4, certificatesLate: 1 },
      byDecision: byDecision({ plan_contents: planContents, refusal_to_assess: refusalToAssess }, none),
    });
    // The period is of first contact with the adviser: January holds C alone, and H is in December's.
    expect((await get('mediations', 'from=2027-01-01&to=2027-01-31')).mediations).toMatchObject({ adviceContacted: 2, declined: 1, noAgreement: 1 });
    expect((await get('mediations', 'from=2026-12-01&to=2026-12-31')).mediations).toMatchObject({ adviceContacted: 1, considering: 1 });
  });

  const noAppeals = { appeals: 0, awaitingDecision: 0, conceded: 0, settled: 0, withdrawn: 0, appealAllowed: 0, appealDismissed: 0, percentAllowed: null,
    responsesOnTime: 0, responsesLate: 0, responsesOverdue: 0, responsesNotYetDue: 0, responsesNotNeeded: 0, percentResponsesOnTime: null };

  it('counts the appeals sent in the period by outcome, and the responses within 30 working days', async () => {
    // Sent: D (Jan), A (Feb), C, K (Mar), E (May). Awaiting E, K; conceded C; allowed D; dismissed A.
    // Responses on time A, K; late D; overdue E; not needed C (conceded first). Allowed 1 of the 2 decided; on time 2 of 4 due.
    expect(await get('appeals')).toEqual({
      ...PERIOD,
      today: TODAY,
      appeals: { ...noAppeals, appeals: 5, awaitingDecision: 2, conceded: 1, appealAllowed: 1, appealDismissed: 1, percentAllowed: 50,
        responsesOnTime: 2, responsesLate: 1, responsesOverdue: 1, responsesNotNeeded: 1, percentResponsesOnTime: 50 },
      byDecision: byDecision({
        refusal_to_assess: { appeals: 1, conceded: 1, responsesNotNeeded: 1 },
        decision_not_to_issue: { appeals: 1, appealAllowed: 1, percentAllowed: 100, responsesLate: 1, percentResponsesOnTime: 0 },
        plan_contents: { appeals: 3, awaitingDecision: 2, appealDismissed: 1, percentAllowed: 0, responsesOnTime: 2, responsesOverdue: 1, percentResponsesOnTime: 66.7 },
      }, noAppeals),
    });
  });

  const noSteps = { due: 0, onTime: 0, late: 0, excepted: 0, openOverdue: 0, openNotYetDue: 0, notRequired: 0, replacedAfterDueDate: 0, percentOnTime: null };

  it('measures the steps of orders, concessions and agreements due in the period, by step and by source', async () => {
    // Due in the period: C's notice (overdue) and issue decision (excepted), D's draft (late), B's amended plan (on time), I's
    // agreement on other matters (late). C's and D's final plans fall due in July. 1 on time of the 4 not excepted.
    expect(await get('orders')).toEqual({
      ...PERIOD,
      today: TODAY,
      orders: { ...noSteps, due: 5, onTime: 1, late: 2, excepted: 1, openOverdue: 1, percentOnTime: 25 },
      byStep: [
        { step: 'orderNotice', ...noSteps, due: 1, openOverdue: 1, percentOnTime: 0 },
        { step: 'orderIssueDecision', ...noSteps, due: 1, excepted: 1 },
        { step: 'orderDraftPlan', ...noSteps, due: 1, late: 1, percentOnTime: 0 },
        { step: 'orderFinalPlan', ...noSteps },
        { step: 'orderAmendedPlan', ...noSteps, due: 1, onTime: 1, percentOnTime: 100 },
        { step: 'orderSchoolNamed', ...noSteps },
        { step: 'orderCease', ...noSteps },
        { step: 'mediationAgreement', ...noSteps, due: 1, late: 1, percentOnTime: 0 },
      ],
      bySource: [
        { source: 'tribunal', ...noSteps, due: 1, late: 1, percentOnTime: 0 },
        { source: 'concession', ...noSteps, due: 2, excepted: 1, openOverdue: 1, percentOnTime: 0 },
        { source: 'mediation', ...noSteps, due: 2, onTime: 1, late: 1, percentOnTime: 50 },
      ],
    });
    // July holds the two final plans, not yet due on 1 July.
    expect((await get('orders', 'from=2027-07-01&to=2027-07-31')).orders).toEqual({ ...noSteps, due: 2, openNotYetDue: 2 });
  });

  it('gives the SEN2 mediation and tribunal items of each request from its disputes, as they stood at the period end', async () => {
    const items = async (to: string) => {
      const { body } = await t.http.get(`/api/reports/sen2?from=2026-07-01&to=${to}`).expect(200);
      const byCase = new Map((body.requests as Record<string, unknown>[]).map((r) => [r.Reference, r]));
      const references = await Promise.all(['caseD', 'caseK', 'caseC'].map(async (key) => (await t.http.get(`/api/cases/${ids[key]}`)).body.reference));
      return references.map((reference) => {
        const { RequestMediation, RequestTribunal, AssessmentMediation, AssessmentTribunal, OtherMediation, OtherTribunal } = byCase.get(reference) as Record<string, unknown>;
        return { RequestMediation, RequestTribunal, AssessmentMediation, AssessmentTribunal, OtherMediation, OtherTribunal };
      });
    };
    const flags = (r: number[], a: (number | null)[], o: (number | null)[]) => ({
      RequestMediation: r[0], RequestTribunal: r[1], AssessmentMediation: a[0], AssessmentTribunal: a[1], OtherMediation: o[0], OtherTribunal: o[1],
    });
    // D appealed the decision not to issue; K's plan contents went to mediation and appeal; C's refusal to assess did both.
    expect(await items('2027-06-30')).toEqual([flags([0, 0], [0, 1], [0, 0]), flags([0, 0], [0, 0], [1, 1]), flags([1, 1], [null, null], [null, null])]);
    // By 31 January only C's mediation (5 Jan) and D's appeal (11 Jan) had begun.
    expect(await items('2027-01-31')).toEqual([flags([0, 0], [0, 1], [0, 0]), flags([0, 0], [0, 0], [0, 0]), flags([1, 0], [null, null], [null, null])]);
    const csv = (await t.http.get('/api/reports/sen2?from=2026-07-01&to=2027-06-30&format=csv').expect(200)).text;
    expect(csv.split('\n')[0]).toContain('RequestOutcomeDate,RequestMediation,RequestTribunal,AssessmentOutcome,AssessmentOutcomeDate,AssessmentMediation,AssessmentTribunal,OtherMediation,OtherTribunal,Week20');
  });

  it('answers each report as CSV with the same figures, one row per figure and line', async () => {
    const csv = await t.http.get(`/api/reports/disputes/orders?${query}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="disputes-orders-${PERIOD.from}-${PERIOD.to}.csv"`);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('from,to,today,section,group,measure,value');
    expect(lines).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},orders,(all),excepted,1`);
    expect(lines).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},orders,step:orderNotice,openOverdue,1`);
    expect(lines).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},orders,source:mediation,percentOnTime,50`);
    expect(lines).toHaveLength(1 + 9 * (1 + 8 + 3));

    const appeals = await t.http.get(`/api/reports/disputes/appeals?${query}`).set('Accept', 'text/csv').expect(200);
    expect(appeals.text).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},appeals,decision:plan_contents,awaitingDecision,2`);
    const mediations = (await t.http.get(`/api/reports/disputes/mediations?${query}&format=csv`).expect(200)).text;
    expect(mediations).toContain(`${PERIOD.from},${PERIOD.to},${TODAY},mediations,(all),adviceContacted,8`);
  });

  it('refuses a period that ends before it starts, and a caller without reports:read', async () => {
    const backwards = await t.http.get('/api/reports/disputes/appeals?from=2027-06-30&to=2027-01-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toMatch(/from \(2027-06-30\) is after to/);
    const { http: caseworker } = await t.signInAs(['caseworker']);
    expect((await caseworker.get(`/api/reports/disputes/orders?${query}`)).status).toBe(403);
  });
});
