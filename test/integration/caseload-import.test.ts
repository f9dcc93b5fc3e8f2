import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import type { SignedIn } from '../support/auth.js';
import { createCase } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * An authority's caseload from its previous system, imported on Tue 1 Dec 2026 at 09:00 (dates by hand):
 *
 * - OLD-1 (line 2), Amara: requested 1 Jun 2026, decided to assess 6 Jul (told 8 Jul); education advice
 *   asked 10 Jul and received 15 Aug; health advice asked 10 Jul and still awaited (due 21 Aug). The 16-week
 *   "no plan" date (21 Sep) is only warned about; the 20 weeks ran out on 19 Oct. Assessing, assigned to a caseworker.
 * - OLD-2 (line 3), Ben: a plan made 10 Mar 2022; last reviewed 20 Nov 2025, decided to maintain and told
 *   10 Dec 2025: the next review was due within 12 months of that meeting, by 19 Nov 2026 — overdue.
 * - OLD-3 (line 4), Cara: requested 1 Sep 2025, declined 6 Oct 2025: closed.
 * - OLD-4 (line 5), Dev: requested 6 Jan 2025, a final plan on 20 May 2025 naming Oak Primary; reviewed
 *   12 May 2026, decided to amend (told 1 Jun 2026): the amendment is under way.
 */
const TODAY = '2026-12-01';

const CASELOAD: Record<string, string>[] = [
  { record: 'assessment', legacy_reference: 'OLD-1', given_name: 'Amara', family_name: 'Okafor', date_of_birth: '12/04/2017', request_received_on: '2026-06-01', request_source: 'parent',
    decision_to_assess: 'assess', decision_to_assess_on: '2026-07-06', decision_to_assess_told_on: '2026-07-08',
    advice_education_requested_on: '2026-07-10', advice_education_received_on: '2026-08-15', advice_health_requested_on: '2026-07-10', upn: 'A123456789012', sex: 'F' },
  { record: 'plan', legacy_reference: 'OLD-2', given_name: 'Ben', family_name: 'Brown', date_of_birth: '2012-09-03', plan_started_on: '2022-03-10', named_setting: 'Elm Academy',
    last_review_meeting_on: '2025-11-20', last_review_decision: 'maintain', last_review_decision_on: '2025-12-10' },
  { record: 'assessment', legacy_reference: 'OLD-3', given_name: 'Cara', family_name: 'Clark', date_of_birth: '2019-01-15', request_received_on: '2025-09-01', request_source: 'school',
    decision_to_assess: 'decline', decision_to_assess_on: '2025-10-06', decline_reasons: 'Needs met from the school’s own resources' },
  { record: 'assessment', legacy_reference: 'OLD-4', given_name: 'Dev', family_name: 'Das', date_of_birth: '2016-06-30', request_received_on: '2025-01-06', request_source: 'health',
    decision_to_assess: 'assess', decision_to_assess_on: '2025-02-10', decision_to_issue: 'issue', decision_to_issue_on: '2025-04-28', draft_plan_issued_on: '2025-05-01',
    final_plan_issued_on: '2025-05-20', named_setting: 'Oak Primary', last_review_meeting_on: '2026-05-12', last_review_decision: 'amend', last_review_decision_on: '2026-06-01' },
];

function csv(rows: Record<string, string>[], columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from([columns.join(','), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n') + '\r\n');
}

describe('POST /api/imports: an existing caseload imported', () => {
  let t: TestApp;
  let caseworker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  beforeEach(async () => {
    await t.reset();
    t.clock.setNow(new Date(`${TODAY}T09:00:00Z`));
    caseworker = await t.signInAs(['caseworker']);
  });
  afterAll(() => t.close());

  const upload = (file: Buffer, mode?: string, name = 'caseload.csv') => {
    const request = t.http.post('/api/imports').attach('file', file, name);
    return mode ? request.field('mode', mode) : request;
  };
  const withAssignee = () => CASELOAD.map((row) => (row.legacy_reference === 'OLD-1' ? { ...row, assigned_to: caseworker.email } : row));
  const counts = async () => {
    const [row] = await t.db.query(`SELECT (SELECT count(*) FROM ehc_case)::int AS cases, (SELECT count(*) FROM ehc_plan)::int AS plans, (SELECT count(*) FROM child)::int AS children,
      (SELECT count(*) FROM case_event)::int AS case_events, (SELECT count(*) FROM import_record)::int AS records`);
    return row;
  };
  const notifications = async () => (await t.db.query(`SELECT kind, deadline FROM notification ORDER BY created_at`)) as { kind: string; deadline: string }[];
  const caseOf = async (legacy: string) => (await t.db.query(`SELECT case_id AS "caseId", plan_id AS "planId" FROM import_record WHERE legacy_reference = $1`, [legacy]))[0];

  it('checks the file without writing anything by default, saying what each row would become', async () => {
    const before = await counts();
    const response = await upload(csv(withAssignee()));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ mode: 'dry_run', valid: true, committed: false, rows: 4, toImport: 4, skipped: 0, problems: [] });
    expect(response.body.outcomes).toEqual([
      { line: 2, legacyReference: 'OLD-1', record: 'assessment', outcome: 'import', status: 'assessing' },
      { line: 3, legacyReference: 'OLD-2', record: 'plan', outcome: 'import', planStatus: 'maintained' },
      { line: 4, legacyReference: 'OLD-3', record: 'assessment', outcome: 'import', status: 'declined_to_assess' },
      { line: 5, legacyReference: 'OLD-4', record: 'assessment', outcome: 'import', status: 'plan_issued', planStatus: 'amendment_proposed' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('imports every row with its dated history, marked as imported in each trail, on the clock the history gives', async () => {
    const response = await upload(csv(withAssignee()), 'commit');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ mode: 'commit', committed: true, toImport: 4 });
    expect(response.body.outcomes.map((o: { caseReference?: string }) => o.caseReference)).toEqual(['EHC-2026-000001', undefined, 'EHC-2025-000001', 'EHC-2025-000002']);
    expect(await counts()).toMatchObject({ cases: 3, plans: 2, children: 4, records: 4 });

    const amara = await caseOf('OLD-1');
    const view = (await t.http.get(`/api/cases/${amara.caseId}`).expect(200)).body;
    expect(view).toMatchObject({ status: 'assessing', assignee: caseworker.id, requestReceivedOn: '2026-06-01', child: { givenName: 'Amara', dateOfBirth: '2017-04-12' } });
    expect(view.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-07-13', status: 'met', metOn: '2026-07-08' });
    expect(view.deadlines['advice.health']).toMatchObject({ dueOn: '2026-08-21', status: 'breached', open: true });
    expect(view.deadlines.finalPlan).toMatchObject({ dueOn: '2026-10-19', status: 'breached', open: true });
    const trail = (await t.http.get(`/api/cases/${amara.caseId}/events`).expect(200)).body as { type: string; occurredOn: string; actor: string; payload: Record<string, any> }[];
    expect(trail.map((e) => [e.type, e.occurredOn])).toEqual([
      ['REQUEST_RECEIVED', '2026-06-01'], ['DECISION_TO_ASSESS', '2026-07-06'], ['ADVICE_REQUESTED', '2026-07-10'], ['ADVICE_REQUESTED', '2026-07-10'],
      ['ADVICE_RECEIVED', '2026-08-15'], ['ASSIGNED', TODAY],
    ]);
    for (const line of trail) expect(line.actor).toMatch(/\(imported from caseload\.csv\)$/);
    expect(trail[0].payload.imported).toEqual({ batchId: response.body.batchId, file: 'caseload.csv', line: 2, legacyReference: 'OLD-1' });
    const child = (await t.http.get(`/api/children/${view.childId}`).expect(200)).body;
    expect(child).toMatchObject({ upn: 'A123456789012', sex: 'F' });

    const ben = (await t.http.get(`/api/plans/${(await caseOf('OLD-2')).planId}`).expect(200)).body;
    expect(ben.status).toBe('maintained');
    // The imported review's own 12 months ran in the previous system: the engine times the next from its meeting.
    expect(ben.deadlines['annualReview.1']).toBeUndefined();
    expect(ben.deadlines.annualReview).toMatchObject({ dueOn: '2026-11-19', status: 'breached', open: true });
    expect(ben.deadlines.reviewDecision).toMatchObject({ dueOn: '2025-12-18', status: 'met', metOn: '2025-12-10' });
    expect(ben.deadlines.reviewReport).toBeUndefined();

    const dev = await caseOf('OLD-4');
    const devPlan = (await t.http.get(`/api/plans/${dev.planId}`).expect(200)).body;
    expect(devPlan).toMatchObject({ status: 'amendment_proposed', caseId: dev.caseId, startedOn: '2025-05-20' });
    expect((await t.http.get(`/api/cases/${dev.caseId}`)).body.planId).toBe(dev.planId);
    const overdue = ((await t.http.get('/api/cases?overdue=true')).body.items as { id: string }[]).map((c) => c.id);
    expect(overdue).toEqual([amara.caseId]);
  });

  it('raises no alert for what was already past, lists the overdue once in the next digest, and alerts on what falls due after', async () => {
    await upload(csv(CASELOAD), 'commit').expect(201);
    // A request entered by hand the same day, as overdue: the contrast that shows the import is why nothing is raised.
    const typed = await createCase(t, { requestReceivedOn: '2026-06-01' });
    await t.app.get(AlertSweep).sweep();
    const raised = await t.db.query(`SELECT case_id, plan_id, kind FROM notification`);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((n: { case_id: string | null }) => n.case_id === typed.id)).toBe(true);

    t.clock.setNow(new Date('2026-12-02T07:30:00Z'));
    await t.app.get(AlertSweep).sweep();
    const digest = (await t.http.get('/api/digests/2026-12-02').expect(200)).body.content;
    const listed = [
      ...digest.teams.flatMap((team: Record<string, { reference: string; deadline: string }[]>) => [...team.overdue, ...team.adviceOverdue]),
      ...digest.plans.teams.flatMap((team: Record<string, { reference: string; deadline: string }[]>) => team.reviewsOverdue),
    ].map((item) => `${item.reference} ${item.deadline}`).sort();
    expect(listed).toEqual([
      'EHC-2026-000001 advice.health',
      'EHC-2026-000001 finalPlan',
      'EHC-2026-000002 decisionToAssess',
      'EHC-2026-000002 finalPlan',
      expect.stringMatching(/^PLAN-2022-\d{6} annualReview$/),
    ].sort());
    expect((await notifications()).filter((n) => n.deadline === 'advice.health')).toEqual([]);

    // Health advice due 21 Aug: its weekly escalations fall on Saturdays; the first after the import is 5 Dec.
    t.clock.setNow(new Date('2026-12-05T09:00:00Z'));
    await t.app.get(AlertSweep).sweep();
    const amara = await caseOf('OLD-1');
    const escalations = await t.db.query(`SELECT kind FROM notification WHERE case_id = $1`, [amara.caseId]);
    expect(escalations).toEqual([{ kind: 'advice_escalation' }]);
  });

  it('skips every row already imported when the same file is committed again', async () => {
    await upload(csv(CASELOAD), 'commit').expect(201);
    const once = await counts();
    const again = await upload(csv(CASELOAD), 'commit');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ committed: true, toImport: 0, skipped: 4 });
    expect(again.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['skip', 'skip', 'skip', 'skip']);
    expect(await counts()).toEqual(once);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM import_batch`))[0].n).toBe(2);
  });

  it('imports a file once when two commits of it race: the other is skipped or refused, never doubled', async () => {
    const answers = await Promise.all([upload(csv(CASELOAD), 'commit'), upload(csv(CASELOAD), 'commit')]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await counts()).toMatchObject({ cases: 3, plans: 2, children: 4, records: 4 });
  });

  it('refuses a row imported before with other values, naming the earlier file', async () => {
    await upload(csv(CASELOAD), 'commit').expect(201);
    const once = await counts();
    const changed = CASELOAD.map((row) => (row.legacy_reference === 'OLD-3' ? { ...row, decision_to_assess_on: '2025-10-07' } : row));
    const response = await upload(csv(changed), 'commit', 'caseload-v2.csv');
    expect(response.status).toBe(422);
    expect(response.body.problems).toEqual([{ line: 4, column: 'legacy_reference', columnNumber: 2, message: expect.stringContaining('imported on 2026-12-01 from caseload.csv with other values') }]);
    expect(await counts()).toEqual(once);
  });

  it('imports nothing when one row has an impossible history, naming its line and column', async () => {
    const before = await counts();
    const rows = [
      CASELOAD[0],
      { record: 'assessment', legacy_reference: 'OLD-9', given_name: 'Eli', family_name: 'Evans', date_of_birth: '2018-02-02', request_received_on: '2026-03-02', request_source: 'parent',
        decision_to_assess: 'assess', decision_to_assess_on: '2026-04-06', final_plan_issued_on: '2026-06-01' },
      { ...CASELOAD[2], legacy_reference: 'OLD-10', request_source: 'grandparent', date_of_birth: '31/02/2019' },
    ];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const response = await upload(csv(rows, columns), 'commit');
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ committed: false, valid: false });
    const at = (column: string) => columns.indexOf(column) + 1;
    expect(response.body.problems).toEqual([
      { line: 3, column: 'final_plan_issued_on', columnNumber: at('final_plan_issued_on'), message: expect.stringMatching(/^final_plan_issued_on: FINAL_PLAN_ISSUED is not allowed while the case is assessing/) },
      { line: 4, column: 'date_of_birth', columnNumber: at('date_of_birth'), message: 'date_of_birth must be a date, YYYY-MM-DD or DD/MM/YYYY, not "31/02/2019"' },
      { line: 4, column: 'request_source', columnNumber: at('request_source'), message: expect.stringContaining('request_source must be one of parent, young_person') },
    ]);
    expect(response.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['import', 'refused', 'refused']);
    expect(await counts()).toEqual(before);
  });

  it('reports a file that is not CSV of the template at its line and column, and imports nothing', async () => {
    const unclosed = await upload(Buffer.from('record,legacy_reference,given_name,family_name,date_of_birth\nplan,OLD-1,"Ben,Brown,2012-09-03\n'), 'commit');
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.problems).toEqual([{ line: 2, column: '', columnNumber: 3, message: expect.stringContaining('The file is not valid CSV: Quote Not Closed') }]);
    const unknown = await upload(Buffer.from('record,legacy_reference,given_name,family_name,date_of_birth,favourite_colour\n'));
    expect(unknown.body.problems).toEqual([{ line: 1, column: 'favourite_colour', columnNumber: 6, message: expect.stringContaining('"favourite_colour" is not a column of the import template') }]);
    const inconsistent = await upload(Buffer.from('record,legacy_reference,given_name,family_name,date_of_birth\nplan,OLD-1,Ben\n'));
    expect(inconsistent.body.problems).toEqual([{ line: 2, column: '', message: expect.stringContaining('Invalid Record Length') }]);
    expect(await counts()).toMatchObject({ cases: 0, plans: 0, records: 0 });
  });

  it('makes one child record of the rows with one UPN, and refuses rows of one child that disagree about who the child is', async () => {
    const plan = { record: 'plan', legacy_reference: 'OLD-5', given_name: 'Amara', family_name: 'Okafor', date_of_birth: '2017-04-12', upn: 'A123456789012', plan_started_on: '2024-03-01' };
    await upload(csv([CASELOAD[0], plan]), 'commit').expect(201);
    expect(await counts()).toMatchObject({ cases: 1, plans: 1, children: 1 });
    const clashing = [{ ...CASELOAD[0], legacy_reference: 'OLD-6' }, { ...plan, legacy_reference: 'OLD-7', sex: 'M' }];
    const columns = [...new Set(clashing.flatMap((r) => Object.keys(r)))];
    const clash = await upload(csv(clashing, columns));
    expect(clash.body.problems).toEqual([{ line: 3, column: 'sex', columnNumber: columns.indexOf('sex') + 1, message: 'sex "M" differs from line 2 ("F"), the same child' }]);
  });

  it('offers its template, and the README’s example file imports as it stands', async () => {
    const template = await t.http.get('/api/imports/template').expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    const example = await readFile(new URL('../../docs/imports/caseload-example.csv', import.meta.url));
    expect(example.toString().split('\r\n')[0]).toBe(template.text.trim());
    const checked = await upload(example, undefined, 'caseload-example.csv');
    expect(checked.body).toMatchObject({ valid: true, rows: 6, toImport: 6, problems: [] });
    expect(checked.body.outcomes.map((o: { status?: string; planStatus?: string }) => o.status ?? o.planStatus)).toEqual(['assessing', 'declined_to_assess', 'plan_issued', 'withdrawn', 'amendment_proposed', 'maintained']);
  });

  it('is for managers, and needs a file', async () => {
    const refused = await caseworker.http.post('/api/imports').attach('file', csv(CASELOAD), 'caseload.csv').field('mode', 'commit');
    expect(refused.status).toBe(403);
    const none = await t.http.post('/api/imports').field('mode', 'commit');
    expect(none.status).toBe(400);
    expect(none.body.message).toContain('file is required');
    const badMode = await upload(csv(CASELOAD), 'yes please');
    expect(badMode.status).toBe(400);
    expect(await counts()).toMatchObject({ cases: 0, plans: 0, records: 0 });
  });
});

describe('POST /api/imports: the size limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY, undefined, { IMPORT_MAX_BYTES: '2048' });
    await t.reset();
  });
  afterAll(() => t.close());

  it('refuses a file larger than IMPORT_MAX_BYTES with 413 and reads none of it', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...CASELOAD[2], legacy_reference: `OLD-${100 + i}` }));
    const file = csv(rows);
    expect(file.length).toBeGreaterThan(2048);
    const response = await t.http.post('/api/imports').attach('file', file, 'caseload.csv').field('mode', 'commit');
    expect(response.status).toBe(413);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ehc_case`))[0].n).toBe(0);
    const small = await t.http.post('/api/imports').attach('file', csv(rows.slice(0, 2)), 'caseload.csv');
    expect(small.status).toBe(200);
  });
});
