import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type supertest from 'supertest';
import { ROLES } from '../../src/auth/permissions.js';
import { registerMachineVersion, unregisterMachineVersion } from '../../workflows/ehc-needs-assessment/index.js';
import { declaredRoutes, type DeclaredRoute } from '../support/auth-routes.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan, newPlanBody, postPlanEvent } from '../support/plan-factory.js';
import { machineV2Fixture, migrationFromV1 } from '../support/machine.v2.fixture.js';
import { planMachines } from '../../workflows/ehc-plan/index.js';
import { upnCheckLetter } from '../../workflows/sen2/index.js';
import { planMachineV2Fixture, planMigrationFromV1 } from '../support/plan-machine.v2.fixture.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { type PageClient, signInToPages } from '../support/web.js';
import { createPanel, decide, ok, recordAttendance, scheduleMeeting, seatedMember } from './panels-fixtures.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';

jest.setTimeout(600_000);
const TODAY = '2026-11-23';
/** A child no fixture, example or document names, so finding any of these in a response means it shows this child. */
const CHILD = { givenName: 'Zephyrine', familyName: 'Quillfeather', dateOfBirth: '2016-02-29' };
/** The seeded child's UPN, on its child record: the child routes answer it, not the name. */
const UPN = `${upnCheckLetter('938201600229')}938201600229`;
const REVEALS = ['Zephyrine', 'Quillfeather', '2016-02-29', '29 February 2016', '29 Feb 2016', '29/02/2016', UPN];
const PERIOD = '?from=2026-01-01&to=2026-12-31';
/** Routes that take a query of their own rather than a period: the 2026 SEN2 return holds the seeded plan (started 2025, active on its census date). */
const QUERIES: Record<string, string> = {
  'GET /api/returns/sen2': '?year=2026',
  'GET /api/returns/sen2/validation': '?year=2026',
};

interface World {
  /** Received after the meeting was scheduled, so on no agenda yet. */
  unscheduled: string;
  chair: string;
  waiting: string;
  overdue: string;
  assessing: string;
  declined: string;
  /** Recommended by a member without delegated authority, so waiting for the officer's decision. */
  recommended: string;
  meeting: string;
  panel: string;
  plan: string;
  /** A plan of a child of the same name, its cease decision's notice sent. */
  ceasing: string;
  /** A dispute of a refusal to assess the seeded child. */
  dispute: string;
  /** The child record of `waiting`, with its UPN. */
  child: string;
  /** Advice received for `waiting` through the portal, named after the child as contributors often name their files. */
  adviceDocument: string;
  /** A message from the family on `waiting`, naming the child, and the PDF that came with it. */
  familyMessage: string;
  familyDocument: string;
  /** A working link of another case of `waiting`'s child (`adviceCase`), asking the same paediatrician: it offers `adviceDocument` for reuse. */
  adviceLink: string;
  adviceCase: string;
}


/** Cases of the seeded child at every stage a route shows: on an agenda, overdue, assessing, declined with a letter, recommended. */
async function seed(t: TestApp): Promise<World> {
  const waiting = (await createCase(t, { requestReceivedOn: '2026-10-19', child: CHILD })).id;
  const overdue = (await createCase(t, { requestReceivedOn: '2026-08-03', child: CHILD })).id;
  const declined = (await createCase(t, { requestReceivedOn: '2026-10-26', child: CHILD })).id;
  const assessing = (await createCase(t, { requestReceivedOn: '2026-09-07', child: CHILD })).id;
  const recommended = (await createCase(t, { requestReceivedOn: '2026-10-27', child: CHILD })).id;
  await ok(postEvent(t, assessing, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-12', decision: 'assess' }), 200);
  const { panel, members } = await createPanel(t);
  const member = await seatedMember(t, panel.id, 'Tara Trust', 'trust_leader');
  const meeting = await scheduleMeeting(t, panel.id, TODAY);
  await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id, member.seat.id]);
  await ok(decide(t, meeting.id, { caseId: declined, decision: 'decline', reasons: 'Needs are met from the school’s own resources.' }), 201);
  await ok(decide(t, meeting.id, { caseId: recommended, decision: 'decline', reasons: 'Needs are met from the school’s own resources.' }, member.http), 201);
  const unscheduled = (await createCase(t, { requestReceivedOn: '2026-11-16', child: CHILD })).id;
  const plan = (await createPlan(t, { child: CHILD, startedOn: '2025-06-02' })).id;
  await ok(postPlanEvent(t, plan, { type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'jo' }), 200);
  const refused = (await createCase(t, { requestReceivedOn: '2026-10-05', child: CHILD })).id;
  await ok(postEvent(t, refused, { type: 'DECISION_TO_ASSESS', occurredOn: TODAY, decision: 'decline', reasons: 'Needs met at SEN support' }), 200);
  const dispute = (await ok(t.http.post('/api/disputes').send({ caseId: refused, decision: 'refusal_to_assess', noticeSentOn: TODAY }), 201)).id;
  const child = (await ok(t.http.get(`/api/cases/${waiting}`), 200)).childId;
  await ok(t.http.put(`/api/children/${child}/identity`).send({ upn: UPN }), 200);
  await ok(t.http.put('/api/notices/settings').send(NOTICE_DETAILS), 200);
  await ok(t.http.post(`/api/cases/${declined}/notices/decision_to_assess/send`).send({ method: 'post' }), 200);
  // A plan being ceased, with its notice sent: the plan notices' routes show it (a child of the same name, born a day later).
  const ceasing = (await createPlan(t, { child: { ...CHILD, dateOfBirth: '2016-03-02' }, startedOn: '2025-06-02' })).id;
  await ok(postPlanEvent(t, ceasing, { type: 'CEASE_DECISION', occurredOn: TODAY, reasons: 'Needs met at SEN support', ceaseReason: 2 }), 200);
  await ok(t.http.post(`/api/plans/${ceasing}/notices/cease_decision/send`).send({ method: 'post' }), 200);
  const adviceDocument = await adviceReceived(t, waiting);
  const family = await familyWrote(t, waiting);
  const { adviceCase, adviceLink } = await adviceAskedAgain(t, child);
  return { unscheduled, chair: members.chair.id, waiting, overdue, assessing, declined, recommended, meeting: meeting.id, panel: panel.id, plan, ceasing, dispute, child, adviceDocument, adviceLink, adviceCase, ...family };
}

/** A message and a document from the family, as the family pages keep them (those pages are public to the staff guard, and tested in family-messages.test.ts). */
async function familyWrote(t: TestApp, caseId: string): Promise<{ familyMessage: string; familyDocument: string }> {
  const content = Buffer.from(`%PDF-1.4 A letter about ${CHILD.givenName} ${CHILD.familyName}`);
  const [{ message, document }] = await t.db.query(
    `WITH contact AS (
       INSERT INTO family_contact (local_authority_id, case_id, email, name, relationship, added_by)
       SELECT local_authority_id, id, 'parent@example.org', 'A Parent', 'parent', 'tester' FROM ehc_case WHERE id = $1 RETURNING *
     ), message AS (
       INSERT INTO family_message (local_authority_id, case_id, contact_id, body, sent_at, received_on, answer_due_on)
       SELECT local_authority_id, case_id, id, $2, now(), $3, '2026-12-21' FROM contact RETURNING *
     )
     INSERT INTO family_document (local_authority_id, case_id, message_id, filename, content_type, size_bytes, sha256, content)
     SELECT local_authority_id, case_id, id, $4, 'application/pdf', $5, encode(sha256($6), 'hex'), $6 FROM message
     RETURNING message_id AS message, id AS document`,
    [caseId, `${CHILD.givenName} has a new diagnosis`, TODAY, `${CHILD.familyName} letter.pdf`, content.length, content],
  );
  return { familyMessage: message, familyDocument: document };
}

/** Another assessment of the child asks the paediatrician again; its link (made by hand: no mail server here) offers the advice already received. */
async function adviceAskedAgain(t: TestApp, childId: string): Promise<{ adviceCase: string; adviceLink: string }> {
  const again = (await ok(t.http.post('/api/cases').send({ child: CHILD, childId, requestReceivedOn: '2026-10-05', requestSource: 'parent' }), 201)).id;
  await ok(postEvent(t, again, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' }), 200);
  await ok(postEvent(t, again, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', contact: { email: 'paediatrics@trust.example' } }), 200);
  const [{ id }] = await t.db.query(
    `INSERT INTO advice_link (local_authority_id, case_id, request, contact_email, expires_on, created_by)
     SELECT local_authority_id, id, 'advice.health', 'paediatrics@trust.example', '2027-01-18', 'tester' FROM ehc_case WHERE id = $1 RETURNING id`,
    [again],
  );
  return { adviceCase: again, adviceLink: id };
}

/** A link and the advice that came back through it, as the portal keeps them (the portal's own routes are public, and tested in advice-portal.test.ts). */
async function adviceReceived(t: TestApp, caseId: string): Promise<string> {
  const content = Buffer.from(`Health advice for ${CHILD.givenName} ${CHILD.familyName}`);
  const [{ id }] = await t.db.query(
    `WITH link AS (
       INSERT INTO advice_link (local_authority_id, case_id, request, contact_email, expires_on, created_by, used_at)
       SELECT local_authority_id, id, 'advice.health', 'paediatrics@trust.example', '2027-01-18', 'tester', now() FROM ehc_case WHERE id = $1 RETURNING *
     )
     INSERT INTO advice_document (local_authority_id, case_id, link_id, request, event_seq, filename, content_type, size_bytes, sha256, content, received_on, submitted_by)
     SELECT local_authority_id, case_id, id, request, 2, $2, 'text/plain; charset=utf-8', $3, encode(sha256($4), 'hex'), $4, $5, 'advice-link:paediatrics@trust.example' FROM link
     RETURNING id`,
    [caseId, `${CHILD.givenName} ${CHILD.familyName} advice.txt`, content.length, content, TODAY],
  );
  return id;
}

/** Every concrete address of a route: each parameter takes each seeded id it could stand for. */
function addresses(route: DeclaredRoute, world: World): string[] {
  const candidates: Record<string, string[]> = {
    id: [world.waiting, world.overdue, world.assessing, world.declined, world.meeting, world.panel, world.plan, world.ceasing, world.dispute, world.child],
    caseId: [world.waiting, world.declined, world.recommended],
    digestOn: [TODAY],
    notice: ['decision_to_assess', 'cease_decision'],
    version: ['1'],
    documentId: [world.adviceDocument, world.familyDocument],
    messageId: [world.familyMessage],
    linkId: [world.adviceLink],
  };
  // A link is addressed under its own case.
  if (route.path.includes(':linkId')) candidates.id = [world.adviceCase];
  let paths = [route.path];
  for (const [, name] of route.path.matchAll(/:([A-Za-z]+)/g)) {
    paths = paths.flatMap((path) => (candidates[name] ?? ['0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d']).map((value) => path.replace(`:${name}`, value)));
  }
  if (route.method !== 'GET') return paths;
  const query = QUERIES[`${route.method} ${route.path}`];
  if (query !== undefined) return paths.map((path) => `${path}${query}`);
  // Reports take a period, and some answer CSV as well; the caseload page shows every case with scope=all.
  return paths.flatMap((path) => (route.isPage ? [path, `${path}?scope=all`] : [path, `${path}${PERIOD}`, `${path}${PERIOD}&format=csv`]));
}

/** Requests that succeed (an empty body is refused with 400 by most of them, which shows nothing). */
const SAMPLES: Record<string, (world: World) => Record<string, unknown>> = {
  'POST /api/cases/:id/events': () => ({ type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'jo' }),
  'POST /api/cases/:id/migrate': () => ({ toVersion: 2 }),
  'POST /api/cases/:id/corrections': () => ({ eventSeq: 2, reason: 'Recorded on the wrong case' }),
  'POST /api/panel-meetings/:id/agenda': (world) => ({ caseId: world.unscheduled, reason: 'asked for by the family' }),
  'POST /api/panel-meetings/:id/attendance': (world) => ({ present: [world.chair] }),
  'DELETE /api/panel-meetings/:id/agenda/:caseId': () => ({ reason: 'withdrawn by the family' }),
  'PATCH /api/panel-meetings/:id/agenda/:caseId': () => ({ childSchool: 'Oak Primary' }),
  'POST /api/panel-meetings/:id/decisions': (world) => ({ caseId: world.waiting, decision: 'decline', reasons: 'Needs are met from the school’s own resources.' }),
  'POST /api/panel-meetings/:id/items/:caseId/decision': () => ({ decision: 'decline' }),
  'POST /api/panels/:id/meetings': () => ({ meetingDate: '2026-12-10' }),
  // The seeded child already has a plan: a second is refused, so this one is another child of the same name.
  'POST /api/plans': () => newPlanBody({ child: { ...CHILD, dateOfBirth: '2016-03-01' } }),
  'POST /api/plans/:id/events': () => ({ type: 'ASSIGNED', occurredOn: TODAY, assigneeId: 'jo' }),
  'POST /api/plans/:id/migrate': () => ({ toVersion: 2 }),
  'POST /api/plans/:id/corrections': () => ({ eventSeq: 2, reason: 'Recorded on the wrong plan' }),
  'PUT /api/children/:id/identity': () => ({ sex: 'F', postcode: 'ze2 9qq' }),
  'POST /api/cases/:id/notices/:notice/send': () => ({ method: 'hand' }),
  'POST /api/plans/:id/notices/:notice/send': () => ({ method: 'hand' }),
  'POST /api/cases/:id/family-messages/:messageId/answer': () => ({ method: 'phone', answer: 'Rang to talk it through' }),
};

/** Page forms that are refused and so show the page again (an empty form is an error page for these). */
const PAGE_FORMS: Record<string, Record<string, string>> = {
  'POST /case/:id/events': { type: 'ASSIGNED', version: '1' },
  // An email without its address: the page is shown again.
  'POST /case/:id/notices/:notice/send': { version: '1', method: 'email' },
  // No name: the page is shown again with what is missing.
  'POST /case/:id/family-contacts': { email: 'parent@example.org' },
  // No way of answering: the page is shown again with what is missing.
  'POST /case/:id/family-messages/:messageId/answer': { answer: 'Rang' },
  'POST /plan/:id/events': { type: 'ASSIGNED', version: '1' },
  'POST /plan/:id/notices/:notice/send': { version: '1', method: 'email' },
  'POST /dispute/:id/events': { type: 'ASSIGNED', version: '1' },
  // A stale version: the page is shown again with the child's details.
  'POST /child/:id/identity': { version: '99', postcode: 'ZE2 9QQ' },
  'POST /plan/:id/sen2/detail': { version: '99' },
  // No rank, no dates: the plan's SEN2 page is shown again with what is missing.
  'POST /plan/:id/sen2/placements': {},
  'POST /plan/:id/sen2/placements/:placementId/leaving': {},
  'POST /meetings/:id/attendance': { present: '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d' },
  // Not 3 digits: the SEN2 return page is shown again with its problems, which name the seeded child.
  'POST /return/sen2/settings': { year: '2026', laNumber: '20A' },
};

describe('Every route that shows a child’s identifying data writes the access log', () => {
  let t: TestApp;
  let pages: PageClient;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
    planMachines.register(2, planMachineV2Fixture, planMigrationFromV1);
  });
  afterAll(async () => {
    unregisterMachineVersion(2);
    planMachines.unregister(2);
    await t.close();
  });

  async function fresh(): Promise<World> {
    await t.reset();
    const world = await seed(t);
    pages = await signInToPages(t, [...ROLES]);
    return world;
  }

  async function call(route: DeclaredRoute, address: string, world: World): Promise<supertest.Response> {
    const method = route.method.toLowerCase() as 'get';
    // Buffered whatever its type, so a PDF that names the child is read as well as a page.
    if (route.isPage) return method === 'get' ? pages.agent.get(address).buffer(true) : pages.submit(address, PAGE_FORMS[`${route.method} ${route.path}`] ?? {});
    return t.http[method](address).buffer(true).send(SAMPLES[`${route.method} ${route.path}`]?.(world) ?? {});
  }

  it('declares each of them with @LogsChildData, and each declared one records the cases it showed', async () => {
    const undeclared = new Set<string>();
    const unlogged = new Set<string>();
    const shown = new Set<string>();
    // Signing out, or the queue board's catch-all, shows no case.
    const routes = declaredRoutes(t.app).filter((route) => !route.isPublic && route.path !== '/sign-out' && !route.path.includes('*'));
    const logged = `SELECT count(*)::int AS n FROM access_log WHERE route = $1 AND action = $2`;
    let world = await fresh();
    let changed = false;
    // Reads first; a refused request changes nothing, so the world is seeded afresh only after one that was not refused.
    for (const route of [...routes.filter((r) => r.method === 'GET'), ...routes.filter((r) => r.method !== 'GET')]) {
      const key = `${route.method} ${route.path}`;
      for (let n = 0; n < addresses(route, world).length; n++) {
        if (changed) [world, changed] = [await fresh(), false];
        const address = addresses(route, world)[n];
        const [{ n: before }] = await t.db.query(logged, [key, route.logsChildData?.action ?? '']);
        const response = await call(route, address, world);
        changed = route.method !== 'GET' && response.status < 400;
        const body = response.text ?? (Buffer.isBuffer(response.body) ? response.body.toString('latin1') : '');
        if (!REVEALS.some((text) => body.includes(text))) continue;
        shown.add(key);
        if (!route.logsChildData) undeclared.add(`${key} (${route.controller}.${route.handler})`);
        const [{ n: after }] = await t.db.query(logged, [key, route.logsChildData?.action ?? '']);
        if (route.logsChildData && after <= before) unlogged.add(`${key} showed the child at ${address} and wrote no ${route.logsChildData.action} row`);
      }
    }
    expect([...undeclared]).toEqual([]);
    expect([...unlogged]).toEqual([]);
    // A declaration nothing exercises would prove nothing: give the route a sample request above.
    expect(routes.filter((route) => route.logsChildData && !shown.has(`${route.method} ${route.path}`)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });
});
