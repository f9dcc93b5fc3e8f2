import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createPlan } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TODAY = '2026-11-23';
const STARTED = '2025-03-10';

describe('The plan’s SEN2 items: GET /api/plans/:id/sen2, PUT …/sen2/detail, POST …/placements, POST …/placements/:placementId/leaving', () => {
  let t: TestApp;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
    planId = (await createPlan(t, { startedOn: STARTED })).id;
  });

  /** Everything the SEN2 routes store for the plan, to prove a refused request changed none of it. */
  const stored = async (id = planId) => ({
    detail: await t.db.query(`SELECT * FROM plan_sen2_detail WHERE plan_id = $1`, [id]),
    placements: await t.db.query(`SELECT * FROM plan_placement WHERE plan_id = $1 ORDER BY created_at`, [id]),
    changes: await t.db.query(`SELECT * FROM plan_sen2_change WHERE plan_id = $1 ORDER BY id`, [id]),
  });
  const putDetail = (body: Record<string, unknown>, ifMatch?: string, id = planId) => {
    const request = t.http.put(`/api/plans/${id}/sen2/detail`);
    if (ifMatch !== undefined) request.set('If-Match', ifMatch);
    return request.send(body);
  };
  const addPlacement = (body: Record<string, unknown>, id = planId) => t.http.post(`/api/plans/${id}/placements`).send(body);
  const school = { urn: '123456', placementRank: 1, entryDate: '2025-09-03' };

  it('starts empty, keeps a partial update with who made it, clears with null, and answers If-Match', async () => {
    const empty = await t.http.get(`/api/plans/${planId}/sen2`);
    expect(empty.status).toBe(200);
    expect(empty.headers.etag).toBe('"0"');
    expect(empty.body).toEqual({
      detail: { planRes: null, planWbp: null, personalBudget: null, organisedArrangements: null, directPayments: null, primaryNeed: null, secondaryNeed: null, version: 0, updatedAt: null },
      placements: [],
    });

    const first = await putDetail({ primaryNeed: 'asd', secondaryNeed: 'SLCN', personalBudget: true, directPayments: 'E' }, '"0"');
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body.detail).toMatchObject({ primaryNeed: 'ASD', secondaryNeed: 'SLCN', personalBudget: true, directPayments: 'E', planRes: null, version: 1 });

    const second = await putDetail({ planRes: 'B', directPayments: null }, '"1"');
    expect(second.status).toBe(200);
    expect(second.body.detail).toMatchObject({ primaryNeed: 'ASD', secondaryNeed: 'SLCN', personalBudget: true, directPayments: null, planRes: 'B', version: 2 });

    // A change that changes nothing writes nothing and keeps the version.
    expect((await putDetail({ planRes: 'B' })).body.detail.version).toBe(2);

    const { changes } = await stored();
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ action: 'detail_changed', detail_version: 1, actor: expect.any(String), placement_id: null });
    expect(changes[0].changes).toEqual({
      primaryNeed: { from: null, to: 'ASD' },
      secondaryNeed: { from: null, to: 'SLCN' },
      personalBudget: { from: null, to: true },
      directPayments: { from: null, to: 'E' },
    });
    expect(changes[1].changes).toEqual({ planRes: { from: null, to: 'B' }, directPayments: { from: 'E', to: null } });

    const before = await stored();
    const stale = await putDetail({ planWbp: 'S' }, '"1"');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'PLAN_SEN2_VERSION_CONFLICT', currentVersion: 2 });
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an unknown SENtype', { primaryNeed: 'XYZ' }, 'primaryNeed', /SENtype/],
    ['a secondary need without a primary', { secondaryNeed: 'MLD' }, 'secondaryNeed', /only with a primary need/],
    ['a secondary need the same as the primary', { primaryNeed: 'MLD', secondaryNeed: 'mld' }, 'secondaryNeed', /differ/],
    ['an unknown PlanRes', { planRes: 'C' }, 'planRes', /PlanRes/],
    ['an unknown PlanWBP', { planWbp: 'X' }, 'planWbp', /PlanWBP/],
    ['an unknown DP', { directPayments: 'Z' }, 'directPayments', /DP/],
  ])('refuses %s with 400 naming the field, storing nothing', async (_what, body, field, reason) => {
    const before = await stored();
    const refused = await putDetail(body);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.fields[field]).toMatch(reason);
    expect(refused.body.message).toContain(`${field}:`);
    expect(await stored()).toEqual(before);
  });

  it('refuses a primary need cleared while a secondary stays, and a malformed body, naming the field', async () => {
    await putDetail({ primaryNeed: 'SEMH', secondaryNeed: 'SLCN' }).expect(200);
    const before = await stored();
    const cleared = await putDetail({ primaryNeed: null });
    expect(cleared.status).toBe(400);
    expect(cleared.body.fields).toEqual({ secondaryNeed: expect.stringMatching(/only with a primary need/) });
    const malformed = await putDetail({ personalBudget: 'yes' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body.message)).toContain('personalBudget');
    expect(await stored()).toEqual(before);
  });

  it('records placements by URN, UKPRN or SEN setting, shows them, and records a leaving date', async () => {
    const byUrn = await addPlacement({ ...school, senUnit: true, residential: 'a' });
    expect(byUrn.status).toBe(201);
    expect(byUrn.body).toEqual({
      id: expect.any(String),
      urn: '123456',
      ukprn: null,
      senSetting: null,
      senSettingOther: null,
      placementRank: 1,
      entryDate: '2025-09-03',
      leavingDate: null,
      senUnit: true,
      resourcedProvision: false,
      residential: 'A',
      workBased: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const byUkprn = await addPlacement({ ukprn: '10012345', placementRank: 2, entryDate: STARTED, workBased: 'S' });
    expect(byUkprn.status).toBe(201);

    const left = await t.http.post(`/api/plans/${planId}/placements/${byUrn.body.id}/leaving`).send({ leavingDate: '2026-07-22' });
    expect(left.status).toBe(200);
    expect(left.body).toMatchObject({ id: byUrn.body.id, leavingDate: '2026-07-22' });
    // The rank is free again once the first has left.
    const other = await addPlacement({ senSetting: 'oth', senSettingOther: 'Tuition centre', placementRank: 1, entryDate: '2026-09-02' });
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ senSetting: 'OTH', senSettingOther: 'Tuition centre' });

    const read = await t.http.get(`/api/plans/${planId}/sen2`);
    expect(read.body.placements.map((p: { id: string }) => p.id)).toEqual([byUkprn.body.id, byUrn.body.id, other.body.id]);
    const { changes } = await stored();
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['placement_added', 'placement_added', 'placement_left', 'placement_added']);
    expect(changes[0]).toMatchObject({ placement_id: byUrn.body.id, detail_version: null });
    expect(changes[0].changes).toMatchObject({ urn: { from: null, to: '123456' }, placementRank: { from: null, to: 1 }, entryDate: { from: null, to: '2025-09-03' } });
    expect(changes[2].changes).toEqual({ leavingDate: { from: null, to: '2026-07-22' } });

    const again = await t.http.post(`/api/plans/${planId}/placements/${byUrn.body.id}/leaving`).send({ leavingDate: '2026-07-23' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PLACEMENT_ALREADY_LEFT');
  });

  it.each([
    ['a URN of 5 digits', { ...school, urn: '12345' }, ['urn'], /6 digits/],
    ['a UKPRN of 7 digits', { ukprn: '1234567', placementRank: 1, entryDate: '2025-09-03' }, ['ukprn'], /8 digits/],
    ['urn and ukprn together', { ...school, ukprn: '10012345' }, ['urn', 'ukprn'], /exactly one/],
    ['no setting at all', { placementRank: 1, entryDate: '2025-09-03' }, ['urn'], /exactly one/],
    ['an unknown SEN setting', { senSetting: 'SCHOOL', placementRank: 1, entryDate: '2025-09-03' }, ['senSetting'], /SENsetting/],
    ['other text with a setting that takes none', { senSetting: 'EHE', senSettingOther: 'At home', placementRank: 1, entryDate: '2025-09-03' }, ['senSettingOther'], /OTH or NIEO/],
    ['an unknown Res', { ...school, residential: 'C' }, ['residential'], /Res/],
    ['an unknown WBP', { ...school, workBased: 'Q' }, ['workBased'], /WBP/],
    ['an entry in the future', { ...school, entryDate: '2026-11-24' }, ['entryDate'], /future/],
    ['an entry before the plan started', { ...school, entryDate: '2025-03-09' }, ['entryDate'], /before the plan’s start/],
  ])('refuses a placement with %s: 400 naming the field, nothing stored', async (_what, body, fields, reason) => {
    const before = await stored();
    const refused = await addPlacement(body);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(refused.body.fields).sort()).toEqual([...fields].sort());
    for (const field of fields) expect(refused.body.fields[field]).toMatch(reason);
    expect(await stored()).toEqual(before);
  });

  it('refuses a malformed placement (rank 3, no date) with 400 naming the field', async () => {
    const refused = await addPlacement({ urn: '123456', placementRank: 3 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.message)).toMatch(/placementRank/);
    expect(JSON.stringify(refused.body.message)).toMatch(/entryDate/);
    expect((await stored()).placements).toEqual([]);
  });

  it('refuses a second open placement of the same rank with 409 and the reason, and a bad leaving date with 400', async () => {
    const first = await addPlacement(school);
    expect(first.status).toBe(201);
    const before = await stored();
    const second = await addPlacement({ ukprn: '10012345', placementRank: 1, entryDate: '2026-01-05' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'PLACEMENT_ALREADY_OPEN', openPlacementId: first.body.id });
    expect(second.body.message).toMatch(/open placement of rank 1 \(entered 2025-09-03/);

    const leaving = (body: Record<string, unknown>) => t.http.post(`/api/plans/${planId}/placements/${first.body.id}/leaving`).send(body);
    const beforeEntry = await leaving({ leavingDate: '2025-09-02' });
    expect(beforeEntry.status).toBe(400);
    expect(beforeEntry.body.fields).toEqual({ leavingDate: expect.stringMatching(/before the placement’s entry date \(2025-09-03\)/) });
    const future = await leaving({ leavingDate: '2026-11-24' });
    expect(future.status).toBe(400);
    expect(future.body.fields).toEqual({ leavingDate: expect.stringMatching(/in the future/) });
    const notADate = await leaving({ leavingDate: '2026-02-30' });
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body.message)).toMatch(/leavingDate/);
    expect(await stored()).toEqual(before);

    // The database holds the rule too.
    await expect(t.db.query(`INSERT INTO plan_placement (plan_id, local_authority_id, urn, placement_rank, entry_date) SELECT plan_id, local_authority_id, '654321', 1, '2026-01-01' FROM plan_placement WHERE id = $1`, [first.body.id])).rejects.toThrow(/plan_placement_one_open_per_rank/);
  });

  it('answers 404 for another authority’s plan and placement, changing nothing', async () => {
    const placement = (await addPlacement(school)).body;
    await putDetail({ primaryNeed: 'HI' }).expect(200);
    const before = await stored();
    const { http: b } = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    expect((await b.get(`/api/plans/${planId}/sen2`)).status).toBe(404);
    expect((await b.put(`/api/plans/${planId}/sen2/detail`).send({ primaryNeed: 'VI' })).status).toBe(404);
    expect((await b.post(`/api/plans/${planId}/placements`).send({ ...school, placementRank: 2 })).status).toBe(404);
    expect((await b.post(`/api/plans/${planId}/placements/${placement.id}/leaving`).send({ leavingDate: TODAY })).status).toBe(404);
    // A placement of another plan is not found under this one.
    const otherPlan = (await createPlan(t, { child: { givenName: 'Ada', familyName: 'Other', dateOfBirth: '2014-02-02' } })).id;
    expect((await t.http.post(`/api/plans/${otherPlan}/placements/${placement.id}/leaving`).send({ leavingDate: TODAY })).status).toBe(404);
    expect((await t.http.get('/api/plans/0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d/sen2')).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('lets caseworkers and managers change the items, and auditors only read them', async () => {
    const auditor = await t.signInAs(['auditor']);
    expect((await auditor.http.get(`/api/plans/${planId}/sen2`)).status).toBe(200);
    expect((await auditor.http.put(`/api/plans/${planId}/sen2/detail`).send({ primaryNeed: 'VI' })).status).toBe(403);
    expect((await auditor.http.post(`/api/plans/${planId}/placements`).send(school)).status).toBe(403);
    const caseworker = await t.signInAs(['caseworker']);
    expect((await caseworker.http.post(`/api/plans/${planId}/placements`).send(school)).status).toBe(201);
  });

  it('keeps the record of changes append-only', async () => {
    await putDetail({ primaryNeed: 'PD' }).expect(200);
    await expect(t.db.query(`UPDATE plan_sen2_change SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM plan_sen2_change`)).rejects.toThrow(/append-only/);
  });

  it('carries the plan’s SEN2 items and their changes in the subject access export of the case that made the plan', async () => {
    const created = await createCase(t, { requestReceivedOn: '2026-01-05' });
    for (const step of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18' },
    ]) expect((await postEvent(t, created.id, step)).status).toBe(200);
    const madePlan = (await t.http.get(`/api/cases/${created.id}`)).body.planId;
    const { startedOn } = (await t.http.get(`/api/plans/${madePlan}`)).body;
    await putDetail({ primaryNeed: 'SLD' }, undefined, madePlan).expect(200);
    expect((await addPlacement({ ...school, entryDate: startedOn }, madePlan)).status).toBe(201);
    const manager = await t.signInAs(['manager']);
    const exported = (await manager.http.get(`/api/cases/${created.id}/export`)).body;
    expect(exported.plan.sen2.detail).toMatchObject({ primaryNeed: 'SLD', version: 1 });
    expect(exported.plan.sen2.placements).toEqual([expect.objectContaining({ urn: '123456', entryDate: startedOn })]);
    expect(exported.plan.sen2Changes.map((c: { action: string }) => c.action)).toEqual(['detail_changed', 'placement_added']);
  });

  it('takes concurrent changes of one plan in turn: one open placement per rank, and one change per detail version', async () => {
    const placements = await Promise.all([0, 1, 2, 3].map((n) => addPlacement({ urn: `12345${n}`, placementRank: 1, entryDate: '2025-09-03' })));
    expect(placements.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const refused of placements.filter((r) => r.status === 409)) expect(refused.body.code).toBe('PLACEMENT_ALREADY_OPEN');
    const details = await Promise.all(['MLD', 'SLD', 'HI'].map((need) => putDetail({ primaryNeed: need }, '"0"')));
    expect(details.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const { placements: rows, changes } = await stored();
    expect(rows).toHaveLength(1);
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['placement_added', 'detail_changed']);
  });
});
