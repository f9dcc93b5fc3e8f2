import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { upnCheckLetter } from '../../workflows/sen2/index.js';
import { createCase, newCaseBody, postEvent } from '../support/case-factory.js';
import { createPlan, newPlanBody } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
const BODY = '938201600229';
const UPN = `${upnCheckLetter(BODY)}${BODY}`;
/** The same digits under another check letter: a mistyped UPN. */
const WRONG_UPN = `${upnCheckLetter(BODY) === 'A' ? 'B' : 'A'}${BODY}`;

describe('The child record: GET /api/children/:id, PUT /api/children/:id/identity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
  });

  const childRow = async (id: string) => (await t.db.query(`SELECT * FROM child WHERE id = $1`, [id]))[0];
  const changeRows = async (id: string) => t.db.query(`SELECT * FROM child_identity_change WHERE child_id = $1 ORDER BY version`, [id]);
  const put = (id: string, body: Record<string, unknown>, ifMatch?: string) => {
    const request = t.http.put(`/api/children/${id}/identity`);
    if (ifMatch !== undefined) request.set('If-Match', ifMatch);
    return request.send(body);
  };

  it('gives every new case a child record of its own, shown with its cases, and keeps identity changes with who made them', async () => {
    const created = await createCase(t);
    expect(created.childId).toEqual(expect.any(String));
    const other = await createCase(t, { child: { givenName: 'Bea', familyName: 'Other', dateOfBirth: '2018-01-01' } });
    expect(other.childId).not.toBe(created.childId);
    expect((await t.http.get(`/api/cases/${created.id}`)).body.childId).toBe(created.childId);

    const read = await t.http.get(`/api/children/${created.childId}`);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body).toEqual({
      id: created.childId,
      version: 1,
      upn: null,
      uln: null,
      upnUnknown: null,
      sex: null,
      ethnicity: null,
      postcode: null,
      cases: [{ id: created.id, reference: created.reference, status: 'awaiting_decision' }],
      plans: [],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    // Typed loosely: spaces and small letters are tidied into the form SEN2 carries.
    const updated = await put(created.childId, { upn: ` ${UPN.toLowerCase().slice(0, 5)} ${UPN.slice(5)} `, sex: 'F', ethnicity: 'WBRI', postcode: 'sw1a1aa' }, '"1"');
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    expect(updated.body).toMatchObject({ version: 2, upn: UPN, uln: null, upnUnknown: null, sex: 'F', ethnicity: 'WBRI', postcode: 'SW1A 1AA' });
    expect((await t.http.get(`/api/children/${created.childId}`)).body).toEqual(updated.body);
    expect(await childRow(created.childId)).toMatchObject({ upn: UPN, sex: 'F', ethnicity: 'WBRI', postcode: 'SW1A 1AA', version: 2 });

    // A field left out is kept; null clears one; UPNunknown may then be given.
    const cleared = await put(created.childId, { upn: null, upnUnknown: 'UN2' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ version: 3, upn: null, upnUnknown: 'UN2', sex: 'F', ethnicity: 'WBRI', postcode: 'SW1A 1AA' });
    // Nothing different: nothing recorded, the version stays.
    expect((await put(created.childId, { sex: 'F' })).body.version).toBe(3);

    const changes = await changeRows(created.childId);
    expect(changes.map((row: Record<string, unknown>) => ({ version: row.version, actor: row.actor, changes: row.changes }))).toEqual([
      {
        version: 2,
        actor: 'tester@test.example',
        changes: {
          upn: { from: null, to: UPN },
          sex: { from: null, to: 'F' },
          ethnicity: { from: null, to: 'WBRI' },
          postcode: { from: null, to: 'SW1A 1AA' },
        },
      },
      { version: 3, actor: 'tester@test.example', changes: { upn: { from: UPN, to: null }, upnUnknown: { from: null, to: 'UN2' } } },
    ]);
    expect(changes[0].actor_user_id).toEqual(expect.any(String));
    await expect(t.db.query(`UPDATE child_identity_change SET actor = 'someone else' WHERE child_id = $1`, [created.childId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM child_identity_change WHERE child_id = $1`, [created.childId])).rejects.toThrow(/append-only/);

    // Reads are logged against the child, like case reads.
    const logged = await t.db.query(`SELECT action, route FROM access_log WHERE child_id = $1 ORDER BY accessed_at, id`, [created.childId]);
    expect(logged).toEqual(expect.arrayContaining([{ action: 'child_read', route: 'GET /api/children/:id' }, { action: 'child_read', route: 'PUT /api/children/:id/identity' }]));
    expect((await t.http.get(`/api/access-log?childId=${created.childId}`)).body.length).toBe(logged.length);
  });

  it('refuses a value SEN2 could not return with 400 naming the field, and stores nothing', async () => {
    const { childId } = await createCase(t);
    await put(childId, { upn: UPN, sex: 'M', ethnicity: 'AIND', postcode: 'M1 1AE' }).expect(200);
    const before = { row: await childRow(childId), changes: await changeRows(childId) };

    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ upn: WRONG_UPN }, 'upn', /check letter/],
      [{ ethnicity: 'XXXX' }, 'ethnicity', /Ethnicity/],
      [{ upnUnknown: 'UN1' }, 'upnUnknown', /leave it out/],
      [{ sex: 'X' }, 'sex', /M or F/],
      [{ postcode: 'QQ1 1AA' }, 'postcode', /not a UK postcode/],
      [{ uln: '1234567890' }, 'uln', /ULN/],
    ];
    for (const [body, field, reason] of refusals) {
      const response = await put(childId, { sex: 'F', ...body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(response.body.fields)).toEqual([field]);
      expect(response.body.fields[field]).toMatch(reason);
      expect(response.body.message).toContain(`${field}:`);
    }
    // Several bad fields: each is named.
    const several = await put(childId, { upn: WRONG_UPN, ethnicity: 'XXXX' });
    expect(several.status).toBe(400);
    expect(Object.keys(several.body.fields).sort()).toEqual(['ethnicity', 'upn']);
    // The wrong shape, or an unknown field: class-validator names it.
    const shape = await put(childId, { upn: 42 });
    expect(shape.status).toBe(400);
    expect(shape.body.message).toMatch(/upn/);
    expect((await put(childId, { name: 'Amara' })).status).toBe(400);

    expect({ row: await childRow(childId), changes: await changeRows(childId) }).toEqual(before);
  });

  it('refuses a stale If-Match with 409, and changes nothing', async () => {
    const { childId } = await createCase(t);
    await put(childId, { sex: 'F' }, '"1"').expect(200);
    const before = await childRow(childId);
    const stale = await put(childId, { sex: 'M' }, '"1"');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CHILD_VERSION_CONFLICT', currentVersion: 2 });
    expect(await childRow(childId)).toEqual(before);
    expect((await put(childId, { sex: 'M' }, 'W/"2"')).status).toBe(200);
    expect((await put(childId, { sex: 'M' }, 'soon')).status).toBe(400);
  });

  it('answers 404 for another authority’s child, on reading, changing and naming it for a new case or plan', async () => {
    const ofA = await createCase(t);
    const before = await childRow(ofA.childId);
    const { http: b } = await t.signInAs(['caseworker'], 'OTHER');
    expect((await b.get(`/api/children/${ofA.childId}`)).status).toBe(404);
    expect((await b.put(`/api/children/${ofA.childId}/identity`).send({ sex: 'F' })).status).toBe(404);
    expect((await b.post('/api/cases').send({ ...newCaseBody(), childId: ofA.childId })).status).toBe(404);
    expect((await b.post('/api/plans').send(newPlanBody({ childId: ofA.childId }))).status).toBe(404);
    expect(await childRow(ofA.childId)).toEqual(before);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM ehc_case WHERE child_id = $1`, [ofA.childId]);
    expect(n).toBe(1);
    expect((await t.http.get('/api/children/0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d')).status).toBe(404);
    expect((await t.http.get('/api/children/not-a-uuid')).status).toBe(400);
    expect((await t.http.post('/api/cases').send({ ...newCaseBody(), childId: 'not-a-uuid' })).status).toBe(400);
  });

  it('lets caseworkers change identity items, and auditors only read them', async () => {
    const { childId } = await createCase(t);
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.put(`/api/children/${childId}/identity`).send({ sex: 'F' })).status).toBe(200);
    const auditor = await t.signInAs(['auditor']);
    expect((await auditor.http.get(`/api/children/${childId}`)).status).toBe(200);
    expect((await auditor.http.put(`/api/children/${childId}/identity`).send({ sex: 'M' })).status).toBe(403);
    const member = await t.signInAs(['panel_member']);
    expect((await member.http.get(`/api/children/${childId}`)).status).toBe(403);
  });

  it('shares one child between a case, a later case naming it, and the plan the case’s final plan made', async () => {
    t.clock.setToday('2026-06-30');
    const first = await createCase(t, { requestReceivedOn: '2026-01-05' });
    await put(first.childId, { upn: UPN, sex: 'M', ethnicity: 'WBRI', postcode: 'M1 1AE' }).expect(200);
    const steps = [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18', placement: 'Oak Tree School' },
    ];
    let response;
    for (const step of steps) response = await postEvent(t, first.id, step);
    expect(response!.status).toBe(200);
    const plan = (await t.http.get(`/api/plans/${response!.body.planId}`)).body;
    expect(plan.childId).toBe(first.childId);

    const again = await t.http.post('/api/cases').send({ ...newCaseBody({ requestReceivedOn: '2026-06-01' }), childId: first.childId });
    expect(again.status).toBe(201);
    expect(again.body.childId).toBe(first.childId);
    // A plan entered directly may name a known child too; without it, it gets its own.
    const entered = await createPlan(t, { childId: first.childId, child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-13' } });
    expect(entered.childId).toBe(first.childId);
    const ownChild = await createPlan(t);
    expect(ownChild.childId).not.toBe(first.childId);
    expect((await t.http.get(`/api/children/${ownChild.childId}`)).body).toMatchObject({ cases: [], plans: [{ id: ownChild.id, reference: ownChild.reference }] });

    const child = (await t.http.get(`/api/children/${first.childId}`)).body;
    expect(child).toMatchObject({ upn: UPN, sex: 'M' });
    expect(child.cases.map((c: { id: string }) => c.id)).toEqual([first.id, again.body.id]);
    expect(child.plans.map((p: { id: string }) => p.id)).toEqual([plan.id, entered.id]);
    // The identity is kept once: changed through the child, every record of it shows the change.
    await put(first.childId, { postcode: 'M2 3AA' }).expect(200);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM child WHERE postcode = 'M2 3AA'`);
    expect(n).toBe(1);

    // The subject-access export of a case carries its child's identity items and their changes.
    const manager = await t.signInAs(['manager']);
    const exported = (await manager.http.get(`/api/cases/${first.id}/export`).expect(200)).body;
    expect(exported.child.record).toMatchObject({ id: first.childId, upn: UPN, sex: 'M', ethnicity: 'WBRI', postcode: 'M2 3AA' });
    expect(exported.child.identityChanges.map((c: { version: number }) => c.version)).toEqual([2, 3]);
    expect(exported.child.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'child_read', route: 'GET /api/cases/:id/export', childId: first.childId })]));
  });
});
