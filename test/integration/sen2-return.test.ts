import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, postPlanEvent } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The 2027 SEN2 return (census 2027-01-21; requests and assessments of 2026) of a caseload built
 * through the API, produced on 1 February 2027, parsed with a real XML parser, checked against
 * the schema in schemas/, and compared item by item with values worked out by hand:
 *
 * - Alex Example: request received 3 Feb 2026 from a school (RequestSource 2), decided to assess
 *   10 Mar (Y), decided to issue 26 May (draft the next day), final plan 16 Jun 2026 (StartDate); the plan names URN
 *   123456, main need ASD, no personal budget; still attended on the census date.
 * - Sam Sample: a plan made in 2019 (so H/H, no request dates), in the primary phase: the move to
 *   secondary in September 2026 is due before 15 Feb 2026 (by the 14th) and its amended plan was issued 10 Feb 2026;
 *   review meeting 14 Oct 2026, decision to amend 4 Nov 2026 (A; the draft is that decision's
 *   notice, and LastReview its date). Needs SLCN then MLD, PB 1, OA 0, DP E, resourced provision.
 * - Jo Refused: received 1 Apr 2026 from a parent (1), refused 6 May 2026 (N): no Assessment.
 * - Kim Open: received 1 Dec 2026, no decision by the census (A, no outcome date).
 * - Robin Moved: a 2020 plan transferred out on 1 Aug 2026: recently ceased (CeaseDate, reason 5), no ActivePlans.
 * - Left out: a plan transferred out on 1 Dec 2025 (before the 2026 census), a request refused in
 *   2025, and a request received on 5 Jan 2027 (next year's return).
 */
const PRODUCED_ON = '2027-02-01';

const REPEATED = new Set(['Person', 'Requests', 'PlanDetail', 'PlacementDetail', 'SENneed']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => REPEATED.has(name), commentPropName: '#comment' });

type Person = Record<string, any>;

describe('GET /api/returns/sen2: the SEN2 return as XML', () => {
  let t: TestApp;
  let xml: string;
  let response: Awaited<ReturnType<TestApp['http']['get']>>;
  const ids: Record<string, { caseId?: string; planId?: string; childId: string }> = {};

  const identity = async (childId: string, body: Record<string, unknown>) => {
    const answer = await t.http.put(`/api/children/${childId}/identity`).send(body);
    if (answer.status !== 200) throw new Error(`identity answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
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

  beforeAll(async () => {
    t = await createTestApp(PRODUCED_ON);
    await t.reset();
    await t.http.put('/api/returns/sen2/settings').send({ laNumber: '201', dmo: 'Y', dco: 'Y', dsco: 'R' }).expect(200);

    const alex = await createCase(t, { child: { givenName: 'Alex', familyName: 'Example', dateOfBirth: '2018-03-14' }, requestReceivedOn: '2026-02-03', requestSource: 'school' });
    await steps(alex.id, [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-03-10', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-05-26', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-05-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-06-16', placement: 'Hillside Primary' },
    ]);
    const alexCase = (await t.http.get(`/api/cases/${alex.id}`).expect(200)).body;
    ids.alex = { caseId: alex.id, planId: alexCase.planId, childId: alexCase.childId };
    await identity(ids.alex.childId, { upn: 'K201361415001', sex: 'M', ethnicity: 'WBRI', postcode: 'ab1 2bd' });
    await t.http.put(`/api/plans/${ids.alex.planId}/sen2/detail`).send({ primaryNeed: 'ASD', personalBudget: false }).expect(200);
    await t.http.post(`/api/plans/${ids.alex.planId}/placements`).send({ urn: '123456', placementRank: 1, entryDate: '2026-09-03' }).expect(201);

    const sam = await createPlan(t, { child: { givenName: 'Sam', familyName: 'Sample', dateOfBirth: '2014-10-02' }, startedOn: '2019-05-20', phase: 'primary' });
    ids.sam = { planId: sam.id, childId: sam.childId };
    await identity(sam.childId, { upn: 'Q201999924001', sex: 'F', ethnicity: 'BAFR', postcode: 'AB1 3EF' });
    await t.http.put(`/api/plans/${sam.id}/sen2/detail`).send({ primaryNeed: 'SLCN', secondaryNeed: 'MLD', personalBudget: true, organisedArrangements: false, directPayments: 'E' }).expect(200);
    await t.http.post(`/api/plans/${sam.id}/placements`).send({ urn: '654321', placementRank: 1, entryDate: '2019-09-04', resourcedProvision: true }).expect(201);
    await planSteps(sam.id, [
      { type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-01-05', method: 'hand' },
      { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-02-10', namedSetting: 'Castle Hill Academy', nextPhase: 'secondary' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-10-14' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-10-21' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-11-04', decision: 'amend' },
    ]);

    const jo = await createCase(t, { child: { givenName: 'Jo', familyName: 'Refused', dateOfBirth: '2019-06-01' }, requestReceivedOn: '2026-04-01', requestSource: 'parent' });
    await steps(jo.id, [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-05-06', decision: 'decline', reasons: 'Needs can be met from the school’s own resources.' }]);
    ids.jo = { caseId: jo.id, childId: jo.childId };

    const kim = await createCase(t, { child: { givenName: 'Kim', familyName: 'Open', dateOfBirth: '2020-01-20' }, requestReceivedOn: '2026-12-01', requestSource: 'health' });
    ids.kim = { caseId: kim.id, childId: kim.childId };
    await identity(kim.childId, { upnUnknown: 'UN3', sex: 'F', ethnicity: 'NOBT', postcode: 'AB2 1XY' });

    const robin = await createPlan(t, { child: { givenName: 'Robin', familyName: 'Moved', dateOfBirth: '2012-02-02' }, startedOn: '2020-01-10' });
    ids.robin = { planId: robin.id, childId: robin.childId };
    await identity(robin.childId, { uln: '1000000000', sex: 'M', ethnicity: 'WOTH', postcode: 'AB3 4GH' });
    await t.http.post(`/api/plans/${robin.id}/placements`).send({ ukprn: '10012345', placementRank: 1, entryDate: '2020-01-10' }).expect(201);
    await planSteps(robin.id, [{ type: 'TRANSFERRED_OUT', occurredOn: '2026-08-01', toAuthority: 'Another County' }]);

    const gone = await createPlan(t, { child: { givenName: 'Gone', familyName: 'Before', dateOfBirth: '2012-02-02' }, startedOn: '2020-01-10' });
    await planSteps(gone.id, [{ type: 'TRANSFERRED_OUT', occurredOn: '2025-12-01', toAuthority: 'Another County' }]);
    const old = await createCase(t, { child: { givenName: 'Old', familyName: 'Refusal', dateOfBirth: '2019-06-01' }, requestReceivedOn: '2025-03-03' });
    await steps(old.id, [{ type: 'DECISION_TO_ASSESS', occurredOn: '2025-04-01', decision: 'decline', reasons: 'Needs can be met from the school’s own resources.' }]);
    await createCase(t, { child: { givenName: 'Next', familyName: 'Year', dateOfBirth: '2019-06-01' }, requestReceivedOn: '2027-01-05' });

    response = await t.http.get('/api/returns/sen2?year=2027').buffer(true).parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
    xml = response.body as unknown as string;
  });
  afterAll(async () => t.close());

  const persons = (): Person[] => parser.parse(xml).Message.Persons.Person;
  const person = (surname: string): Person => persons().find((p) => p.Surname === surname)!;

  it('is well-formed XML that the schema accepts, named and flagged in its headers', async () => {
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="SEN2-2027-201-001-with-errors.xml"');
    expect(response.headers['x-sen2-serial-no']).toBe('001');
    expect(response.headers['x-sen2-persons']).toBe('5');
    expect(Number(response.headers['x-sen2-errors'])).toBeGreaterThan(0);
    expect(XMLValidator.validate(xml)).toBe(true);
    const schema = await readFile(new URL('../../schemas/sen2-person-level.xsd', import.meta.url), 'utf8');
    const checked = await validateXML({ xml: [{ fileName: 'return.xml', contents: xml }], schema: [{ fileName: 'sen2.xsd', contents: schema }] });
    // Jo Refused has no sex, ethnicity or postcode: the schema refuses exactly those, as the validation lists them.
    expect(checked.errors.map((e) => e.rawMessage.match(/Element '(\w+)'/)?.[1] ?? e.rawMessage)).toEqual(['Requests']);
    expect(xml).toContain('<!-- Not ready to submit:');
  });

  it('has the header the authority set, the census date and the next serial number', async () => {
    const header = parser.parse(xml).Message.Header;
    expect(header.CollectionDetails).toEqual({ Collection: 'SEN2', Year: '2027', ReferenceDate: '2027-01-21' });
    expect(header.Source).toMatchObject({ SourceLevel: 'L', LEA: '201', SoftwareCode: 'ehc-workflow-engine', Release: '0.1.0', SerialNo: '001', DMO: 'Y', DCO: 'Y', DSCO: 'R' });
    expect(header.Source.DateTime).toMatch(/^2027-02-01T\d{2}:\d{2}:\d{2}$/);
    const again = await t.http.get('/api/returns/sen2?year=2027');
    expect(again.headers['x-sen2-serial-no']).toBe('002');
  });

  it('carries exactly the children in the collection, by name', () => {
    expect(persons().map((p) => `${p.Forename} ${p.Surname}`)).toEqual(['Alex Example', 'Robin Moved', 'Kim Open', 'Jo Refused', 'Sam Sample']);
  });

  it('gives a new plan its request, assessment, named plan and active plan', () => {
    expect(person('Example')).toEqual({
      Surname: 'Example',
      Forename: 'Alex',
      PersonBirthDate: '2018-03-14',
      Sex: 'M',
      Ethnicity: 'WBRI',
      PostCode: 'AB1 2BD',
      UPN: 'K201361415001',
      Requests: [
        {
          ReceivedDate: '2026-02-03',
          RequestSource: '2',
          RequestOutcomeDate: '2026-03-10',
          RequestOutcome: 'Y',
          RequestMediation: '0',
          RequestTribunal: '0',
          Assessment: {
            AssessmentOutcome: 'Y',
            AssessmentOutcomeDate: '2026-05-26',
            AssessmentMediation: '0',
            AssessmentTribunal: '0',
            OtherMediation: '0',
            OtherTribunal: '0',
            Week20: '0',
            NamedPlan: {
              StartDate: '2026-06-16',
              PlanDetail: [{ URN: '123456', PlacementRank: '1', SENunitIndicator: '0', ResourcedProvisionIndicator: '0' }],
              PB: '0',
            },
          },
          ActivePlans: {
            PlacementDetail: [{ URN: '123456', PlacementRank: '1', EntryDate: '2026-09-03', SENunitIndicator: '0', ResourcedProvisionIndicator: '0' }],
            SENneed: [{ SENtype: 'ASD', SENtypeRank: '1' }],
          },
        },
      ],
    });
  });

  it('gives a historical plan H outcomes, its review, its draft and its phase transfer', () => {
    expect(person('Sample').Requests).toEqual([
      {
        RequestOutcome: 'H',
        Assessment: {
          AssessmentOutcome: 'H',
          NamedPlan: {
            StartDate: '2019-05-20',
            PlanDetail: [{ URN: '654321', PlacementRank: '1', SENunitIndicator: '0', ResourcedProvisionIndicator: '1' }],
            PB: '1',
            OA: '0',
            DP: 'E',
          },
        },
        ActivePlans: {
          PlacementDetail: [{ URN: '654321', PlacementRank: '1', EntryDate: '2019-09-04', SENunitIndicator: '0', ResourcedProvisionIndicator: '1' }],
          SENneed: [{ SENtype: 'SLCN', SENtypeRank: '1' }, { SENtype: 'MLD', SENtypeRank: '2' }],
          ReviewMeeting: '2026-10-14',
          ReviewOutcome: 'A',
          ReviewDraft: '2026-11-04',
          // Reg 18(1): "before 15 February", so the last day for the amended plan is the 14th.
          PhaseTransferDueDate: '2026-02-14',
          PhaseTransferFinalDate: '2026-02-10',
          LastReview: '2026-11-04',
        },
      },
    ]);
  });

  it('reports a refusal, an undecided request and a plan transferred out', () => {
    expect(person('Refused').Requests).toEqual([{ ReceivedDate: '2026-04-01', RequestSource: '1', RequestOutcomeDate: '2026-05-06', RequestOutcome: 'N', RequestMediation: '0', RequestTribunal: '0' }]);
    expect(person('Open')).toMatchObject({ UPNunknown: 'UN3', Requests: [{ ReceivedDate: '2026-12-01', RequestSource: '3', RequestOutcome: 'A', RequestMediation: '0', RequestTribunal: '0' }] });
    expect(person('Open').Requests[0].RequestOutcomeDate).toBeUndefined();
    const moved = person('Moved').Requests[0];
    expect(moved.Assessment.NamedPlan).toEqual({
      StartDate: '2020-01-10',
      PlanDetail: [{ UKPRN: '10012345', PlacementRank: '1', SENunitIndicator: '0', ResourcedProvisionIndicator: '0' }],
      CeaseDate: '2026-08-01',
      CeaseReason: '5',
    });
    expect(moved.ActivePlans).toBeUndefined();
  });

  it('validates the same records: each problem with its child, the record to open and what to fix, logged for the children it names', async () => {
    const answer = await t.http.get('/api/returns/sen2/validation?year=2027');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ year: 2027, referenceDate: '2027-01-21', persons: 5, errors: 4, warnings: 1 });
    const jo = { id: ids.jo.childId, name: 'Jo Refused', dateOfBirth: '2019-06-01', references: [expect.stringMatching(/^EHC-/)] };
    // Child by child, in the return's order (by surname).
    expect(answer.body.problems).toEqual([
      {
        severity: 'warning',
        item: 'Requests/Assessment/NamedPlan/PB',
        message: expect.stringContaining('personal budget'),
        child: expect.objectContaining({ id: ids.robin.childId, name: 'Robin Moved' }),
        record: { kind: 'plan', id: ids.robin.planId, reference: expect.any(String) },
      },
      { severity: 'error', item: 'Person/Sex', message: expect.stringContaining('record it on the child'), child: jo, record: null },
      { severity: 'error', item: 'Person/Ethnicity', message: expect.any(String), child: jo, record: null },
      { severity: 'error', item: 'Person/PostCode', message: expect.any(String), child: jo, record: null },
      { severity: 'error', item: 'Person/UPN', message: expect.stringContaining('Neither a UPN nor a ULN'), child: jo, record: null },
    ]);
    const logged = await t.db.query(`SELECT child_id FROM access_log WHERE action = 'sen2_validation' AND route = 'GET /api/returns/sen2/validation'`);
    expect(logged.map((row: { child_id: string }) => row.child_id).sort()).toEqual([ids.jo.childId, ids.robin.childId].sort());

    // A header item the authority has not set is listed too, and the return is flagged with it.
    await t.http.put('/api/returns/sen2/settings').send({ laNumber: null }).expect(200);
    const unset = await t.http.get('/api/returns/sen2/validation?year=2027');
    expect(unset.body.problems[0]).toEqual({ severity: 'error', item: 'Header/Source/LEA', message: expect.stringContaining('LA number'), child: null, record: null });
    await t.http.put('/api/returns/sen2/settings').send({ laNumber: '201' }).expect(200);
  });

  it('keeps the header settings as the authority sets them, refuses what the return could not carry, and audits each change', async () => {
    const before = (await t.http.get('/api/returns/sen2/settings').expect(200)).body;
    expect(before).toEqual({ laNumber: '201', dmo: 'Y', dco: 'Y', dsco: 'R' });
    const refused = await t.http.put('/api/returns/sen2/settings').send({ laNumber: '20A', dmo: 'Maybe' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('laNumber must be the authority’s 3-digit LA number, such as 201; dmo must be Y (yes), N (no) or R (recruiting)');
    expect((await t.http.get('/api/returns/sen2/settings')).body).toEqual(before);
    const audit = await t.db.query(`SELECT changes FROM account_audit WHERE action = 'sen2_settings_changed' ORDER BY id`);
    expect(audit[0].changes).toEqual({ laNumber: { from: null, to: '201' }, dmo: { from: null, to: 'Y' }, dco: { from: null, to: 'Y' }, dsco: { from: null, to: 'R' } });
  });

  it('logs every child in the return, and records who produced it', async () => {
    const logged = await t.db.query(`SELECT child_id, route FROM access_log WHERE action = 'sen2_return'`);
    expect(new Set(logged.map((row: { child_id: string }) => row.child_id))).toEqual(new Set([ids.alex.childId, ids.sam.childId, ids.jo.childId, ids.kim.childId, ids.robin.childId]));
    expect(logged[0].route).toBe('GET /api/returns/sen2');
    const [run] = await t.db.query(`SELECT collection_year, serial_no, persons, errors > 0 AS flagged, actor FROM sen2_return_run ORDER BY id LIMIT 1`);
    expect(run).toMatchObject({ collection_year: 2027, serial_no: 1, persons: 5, flagged: true, actor: expect.any(String) });
  });

  it('refuses a year whose census has not come, or that it does not know, naming the years it can return', async () => {
    const future = await t.http.get('/api/returns/sen2?year=2028');
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/no SEN2 return for 2028.*2025, 2026, 2027/);
    t.clock.setToday('2027-01-20');
    const early = await t.http.get('/api/returns/sen2/validation?year=2027');
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/2025, 2026\.$/);
    t.clock.setToday(PRODUCED_ON);
    expect((await t.http.get('/api/returns/sen2?year=twenty')).status).toBe(400);
  });

  it('carries only the authority’s own children', async () => {
    const other = await t.signInAs(['manager'], 'OTHER');
    const theirs = await other.http.get('/api/returns/sen2/validation?year=2027');
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ persons: 0 });
    expect(theirs.body.problems.map((p: { item: string }) => p.item)).toEqual(['Header/Source/LEA', 'Header/Source/DMO', 'Header/Source/DCO', 'Header/Source/DSCO']);
  });

  it('is for managers only', async () => {
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.get('/api/returns/sen2?year=2027')).status).toBe(403);
    expect((await caseworker.http.get('/api/returns/sen2/validation?year=2027')).status).toBe(403);
    expect((await caseworker.http.put('/api/returns/sen2/settings').send({ laNumber: '202' })).status).toBe(403);
  });
});
