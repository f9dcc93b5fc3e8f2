import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The round trip of issue 15: a caseload built through the API, its 2027 SEN2 return (census
 * 2027-01-21) produced on 1 Feb 2027, the database emptied, the return imported as a caseload,
 * and the figures the return carries compared (dates by hand):
 *
 * - Ann Ontime: received 5 Jan 2026 (school), assess 10 Feb (6 weeks: 16 Feb), plan 18 May (20 weeks: 25 May).
 * - Ben Late: received 2 Feb (parent), assess 20 Mar (late: 16 Mar), final plan 20 Jul posted, so served
 *   22 Jul (late: 22 Jun).
 * - Cat Excepted: received 2 Mar (health), assess 6 Apr; a personal-circumstances exception 1–29 May;
 *   plan 10 Aug (late against 20 Jul, but excepted: Week20 1).
 * - Dee Declined: received 1 Apr, refused 6 May (within 6 weeks).
 * - Eli Noplan: received 9 Mar, assess 10 Apr, no plan 15 Jun (16 weeks: 29 Jun).
 * - Fay Waiting: received 2 Nov, no decision by the census. Gus Assessing: received 1 Jun, assess 6 Jul,
 *   advice asked. Hal Withdrawn: received 4 May, withdrawn 10 Jun.
 * - Pip Reviewed: a 2024 plan reviewed 2 Mar 2026, decided to maintain 20 Mar (4 weeks: 30 Mar).
 * - Quin Slow: a 2023 plan reviewed 10 Jun 2026, decided to maintain 20 Jul (late: 8 Jul).
 */
const PRODUCED_ON = '2027-02-01';
const YEAR_2026 = 'from=2026-01-01&to=2026-12-31';

const parser = new XMLParser({ parseTagValue: false, isArray: (name) => ['Person', 'Requests'].includes(name) });
type Item = Record<string, any>;

describe('an SEN2 return imported as a caseload', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(PRODUCED_ON);
  });
  afterAll(() => t.close());

  const steps = async (caseId: string, events: Record<string, unknown>[]) => {
    for (const event of events) {
      const answer = await postEvent(t, caseId, event);
      if (answer.status !== 200) throw new Error(`${event.type} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  };
  const planSteps = async (planId: string, events: Record<string, unknown>[]) => {
    for (const event of events) {
      const answer = await postPlanEvent(t, planId, event);
      if (answer.status !== 200) throw new Error(`${event.type} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  };
  const child = (givenName: string, familyName: string, dateOfBirth = '2018-02-01') => ({ givenName, familyName, dateOfBirth });
  const reasons = 'Needs can be met from the school’s own resources.';

  async function buildCaseload(): Promise<void> {
    const ann = await createCase(t, { child: child('Ann', 'Ontime'), requestReceivedOn: '2026-01-05', requestSource: 'school' });
    await steps(ann.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-10', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-21' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18', placement: 'Hillside Primary' },
    ]);
    const annChild = (await t.http.get(`/api/cases/${ann.id}`).expect(200)).body.childId;
    await t.http.put(`/api/children/${annChild}/identity`).send({ upn: 'K201361415001', sex: 'F', ethnicity: 'WBRI', postcode: 'AB1 2BD' }).expect(200);

    const ben = await createCase(t, { child: child('Ben', 'Late'), requestReceivedOn: '2026-02-02', requestSource: 'parent' });
    await steps(ben.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-03-20', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-06-01', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-06-02' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-07-20', notice: { sentOn: '2026-07-20', method: 'post' } },
    ]);

    const cat = await createCase(t, { child: child('Cat', 'Excepted'), requestReceivedOn: '2026-03-02', requestSource: 'health' });
    await steps(cat.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-04-06', decision: 'assess' },
      { type: 'EXCEPTION_RECORDED', occurredOn: '2026-05-01', exception: 'personal_circumstances', from: '2026-05-01', to: '2026-05-29', note: 'Family bereavement' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-07-01', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-07-02' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-08-10' },
    ]);

    const dee = await createCase(t, { child: child('Dee', 'Declined'), requestReceivedOn: '2026-04-01', requestSource: 'parent' });
    await steps(dee.id, [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-05-06', decision: 'decline', reasons }]);
    const eli = await createCase(t, { child: child('Eli', 'Noplan'), requestReceivedOn: '2026-03-09', requestSource: 'school' });
    await steps(eli.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-04-10', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-06-15', decision: 'not_issue', reasons },
    ]);
    await createCase(t, { child: child('Fay', 'Waiting'), requestReceivedOn: '2026-11-02', requestSource: 'other' });
    const gus = await createCase(t, { child: child('Gus', 'Assessing'), requestReceivedOn: '2026-06-01', requestSource: 'school' });
    await steps(gus.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-07-06', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-07-08', contributor: 'education' },
    ]);
    const hal = await createCase(t, { child: child('Hal', 'Withdrawn'), requestReceivedOn: '2026-05-04', requestSource: 'parent' });
    await steps(hal.id, [{ type: 'WITHDRAWN', occurredOn: '2026-06-10', reason: 'The family moved away.' }]);

    const pip = await createPlan(t, { child: child('Pip', 'Reviewed', '2014-10-02'), startedOn: '2024-03-01' });
    await planSteps(pip.id, [
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-03-02' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-03-06' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-03-20', decision: 'maintain' },
    ]);
    const quin = await createPlan(t, { child: child('Quin', 'Slow', '2013-01-15'), startedOn: '2023-06-01' });
    await planSteps(quin.id, [
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-06-10' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-06-15' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-07-20', decision: 'maintain' },
    ]);
  }

  const sen2Return = async (): Promise<string> => {
    await t.http.put('/api/returns/sen2/settings').send({ laNumber: '201', dmo: 'Y', dco: 'Y', dsco: 'R' }).expect(200);
    const response = await t.http.get('/api/returns/sen2?year=2027').buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    return response.body as unknown as string;
  };
  const upload = (file: string | Buffer, mode?: string, name = 'SEN2-2027-201-001.xml') => {
    const request = t.http.post('/api/imports').attach('file', Buffer.from(file), name);
    return mode ? request.field('mode', mode) : request;
  };

  /** What the engine tells managers of the year, in the measures an SEN2 return carries. */
  const figures = async () => {
    const timeliness = (await t.http.get(`/api/reports/timeliness?${YEAR_2026}`).expect(200)).body;
    const byMonth = (await t.http.get(`/api/reports/timeliness?${YEAR_2026}&by=month`).expect(200)).body;
    const reviews = (await t.http.get(`/api/reports/plans/review-decisions?${YEAR_2026}`).expect(200)).body;
    const pick = (report: Item) => ({ plansIssued: report.plansIssued, decisionsToAssess: report.decisionsToAssess, noPlanDecisions: report.noPlanDecisions });
    return {
      timeliness: pick(timeliness),
      byMonth: byMonth.breakdown.groups.map((g: Item) => ({ key: g.key, ...pick(g) })),
      reviewDecisions: reviews.reviewDecisions,
    };
  };

  /** Each request's items the import reads, person by person. */
  const requestItems = (xml: string) =>
    parser.parse(xml).Message.Persons.Person.map((p: Item) => ({
      person: [p.Surname, p.Forename, p.PersonBirthDate, p.UPN, p.Sex, p.Ethnicity, p.PostCode],
      requests: p.Requests.map((r: Item) => ({
        ReceivedDate: r.ReceivedDate, RequestSource: r.RequestSource, RequestOutcome: r.RequestOutcome, RequestOutcomeDate: r.RequestOutcomeDate,
        AssessmentOutcome: r.Assessment?.AssessmentOutcome, AssessmentOutcomeDate: r.Assessment?.AssessmentOutcomeDate, Week20: r.Assessment?.Week20,
        StartDate: r.Assessment?.NamedPlan?.StartDate, ReviewMeeting: r.ActivePlans?.ReviewMeeting, ReviewOutcome: r.ActivePlans?.ReviewOutcome, LastReview: r.ActivePlans?.LastReview,
      })),
    }));

  it('gives the same timeliness and review-decision figures, and the same return, from an empty database', async () => {
    await t.reset();
    await buildCaseload();
    const xml = await sen2Return();
    const before = await figures();
    // The caseload is what the header says: the figures compared are not empty.
    expect(before.timeliness.plansIssued).toMatchObject({ total: 3, withinLimit: 1, withException: 1, totalExcludingExceptions: 2, withinLimitExcludingExceptions: 1 });
    expect(before.timeliness.decisionsToAssess).toMatchObject({ total: 6, withinLimit: 5 });
    expect(before.timeliness.noPlanDecisions).toMatchObject({ total: 1, withinLimit: 1 });
    expect(before.reviewDecisions).toMatchObject({ total: 2, onTime: 1, late: 1 });

    await t.reset();
    const dryRun = await upload(xml).expect(200);
    expect(dryRun.body.problems).toEqual([]);
    expect(dryRun.body.toImport).toBe(10);
    const committed = await upload(xml, 'commit').expect(201);
    const byReference = (rows: (string | null)[][]) => [...rows].sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(byReference(committed.body.outcomes.map((o: Item) => [o.legacyReference, o.status ?? null, o.planStatus ?? null]))).toEqual(byReference([
      ['SEN2 K201361415001 2026-01-05', 'plan_issued', 'maintained'],
      ['SEN2 Late/Ben/2018-02-01 2026-02-02', 'plan_issued', 'maintained'],
      ['SEN2 Excepted/Cat/2018-02-01 2026-03-02', 'plan_issued', 'maintained'],
      ['SEN2 Declined/Dee/2018-02-01 2026-04-01', 'declined_to_assess', null],
      ['SEN2 Noplan/Eli/2018-02-01 2026-03-09', 'declined_to_issue', null],
      ['SEN2 Waiting/Fay/2018-02-01 2026-11-02', 'awaiting_decision', null],
      ['SEN2 Assessing/Gus/2018-02-01 2026-06-01', 'assessing', null],
      ['SEN2 Withdrawn/Hal/2018-02-01 2026-05-04', 'withdrawn', null],
      ['SEN2 Reviewed/Pip/2014-10-02 plan 2024-03-01', null, 'maintained'],
      ['SEN2 Slow/Quin/2013-01-15 plan 2023-06-01', null, 'maintained'],
    ]));

    expect(await figures()).toEqual(before);
    expect(requestItems(await sen2Return())).toEqual(requestItems(xml));
  });

  it('says on the record what the return did not hold: no draft plan, the reasons, the exception’s kind', async () => {
    await t.reset();
    await buildCaseload();
    const xml = await sen2Return();
    await t.reset();
    await upload(xml, 'commit').expect(201);
    const [cat] = await t.db.query(`SELECT id FROM ehc_case WHERE child_family_name = 'Excepted'`);
    const view = (await t.http.get(`/api/cases/${cat.id}`).expect(200)).body;
    // Late against its due date, but the exception the return's Week20 gives makes it no breach.
    expect(view.deadlines.finalPlan).toMatchObject({ dueOn: '2026-07-20', metOn: '2026-08-10', status: 'exception' });
    const trail = (await t.http.get(`/api/cases/${cat.id}/events`).expect(200)).body;
    const types = trail.map((e: Item) => e.type);
    expect(types).toEqual(['REQUEST_RECEIVED', 'DECISION_TO_ASSESS', 'DECISION_TO_ISSUE', 'DRAFT_NOT_HELD', 'FINAL_PLAN_ISSUED']);
    const [dee] = await t.db.query(`SELECT e.payload FROM case_event e JOIN ehc_case c ON c.id = e.case_id WHERE c.child_family_name = 'Declined' AND e.type = 'DECISION_TO_ASSESS'`);
    expect(dee.payload.reasons).toBe('Not held: imported from an SEN2 return, which does not carry the reasons.');
  });

  describe('problems, each at the line of its Requests element and named by its SEN2 item', () => {
    beforeEach(() => t.reset());

    const message = (persons: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails></Header>\n<Persons>\n${persons}</Persons>\n</Message>\n`;
    const person = (requests: string, name = 'Example') =>
      `<Person>\n<Surname>${name}</Surname>\n<Forename>Alex</Forename>\n<PersonBirthDate>2018-03-14</PersonBirthDate>\n${requests}</Person>\n`;

    it('refuses an unknown code, an open assessment with Week20 1 and a plan that has ended, importing nothing', async () => {
      const xml = message(
        person('<Requests>\n<ReceivedDate>2026-02-03</ReceivedDate>\n<RequestSource>9</RequestSource>\n<RequestOutcome>A</RequestOutcome>\n</Requests>\n') +
          person('<Requests>\n<ReceivedDate>2026-03-03</ReceivedDate><RequestSource>2</RequestSource><RequestOutcomeDate>2026-04-01</RequestOutcomeDate><RequestOutcome>Y</RequestOutcome>\n<Assessment><AssessmentOutcome>A</AssessmentOutcome><Week20>1</Week20></Assessment>\n</Requests>\n', 'Open') +
          person('<Requests><RequestOutcome>H</RequestOutcome><Assessment><AssessmentOutcome>H</AssessmentOutcome><NamedPlan><StartDate>2020-01-10</StartDate><CeaseDate>2026-08-01</CeaseDate><CeaseReason>5</CeaseReason></NamedPlan></Assessment></Requests>\n', 'Moved'),
      );
      const answer = await upload(xml, 'commit').expect(422);
      expect(answer.body.problems.map((p: Item) => [p.line, p.column])).toEqual([
        [9, 'Requests/RequestSource'],
        [19, 'Requests/Assessment/Week20'],
        [28, 'Requests/Assessment/NamedPlan/CeaseDate'],
      ]);
      expect(answer.body.problems[0].message).toBe('Requests/RequestSource must be one of parent, young_person, school, health, social_care, other, not "code 9"');
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ehc_case`);
      expect(n).toBe(0);
    });

    it('refuses a history the machine refuses, at the item of the step', async () => {
      const xml = message(person('<Requests>\n<ReceivedDate>2026-03-03</ReceivedDate><RequestSource>1</RequestSource><RequestOutcomeDate>2026-02-01</RequestOutcomeDate><RequestOutcome>Y</RequestOutcome>\n</Requests>\n'));
      const answer = await upload(xml).expect(200);
      expect(answer.body.valid).toBe(false);
      expect(answer.body.problems).toEqual([{ line: 9, column: 'Requests/RequestOutcomeDate', message: expect.stringMatching(/^Requests\/RequestOutcomeDate: DECISION_TO_ASSESS cannot be dated 2026-02-01/) }]);
    });

    it('gives the place of malformed XML, and refuses XML that is not an SEN2 return', async () => {
      const broken = await upload('<?xml version="1.0"?>\n<Message>\n<Persons>\n</Message>\n').expect(200);
      expect(broken.body.problems).toEqual([{ line: 4, column: '', message: expect.stringMatching(/^The file is not well-formed XML: /) }]);
      const other = await upload('<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>').expect(200);
      expect(other.body.problems).toEqual([{ line: 1, column: '', message: expect.stringContaining('not an SEN2 return') }]);
    });

    it('skips every request of the same return imported again', async () => {
      const xml = message(person('<Requests>\n<ReceivedDate>2026-04-01</ReceivedDate><RequestSource>1</RequestSource><RequestOutcomeDate>2026-05-06</RequestOutcomeDate><RequestOutcome>N</RequestOutcome>\n</Requests>\n'));
      await upload(xml, 'commit').expect(201);
      const again = await upload(xml, 'commit').expect(201);
      expect(again.body).toMatchObject({ toImport: 0, skipped: 1 });
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ehc_case`);
      expect(n).toBe(1);
    });
  });
});
