import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { registerMachineVersion, unregisterMachineVersion } from '../../workflows/ehc-needs-assessment/index.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { machineV2Fixture, migrationFromV1 } from '../support/machine.v2.fixture.js';

describe('Cases on machine versions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    registerMachineVersion(2, machineV2Fixture, migrationFromV1);
  });
  afterEach(() => unregisterMachineVersion(2));

  async function assessingCase() {
    const { id } = await createCase(t, { requestReceivedOn: '2026-10-05' });
    await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' });
    return id;
  }

  it('keeps a running case on the version it started on after a newer one is registered', async () => {
    const id = await assessingCase();
    // Version 2 no longer takes ASSIGNED in assessing; version 1 does.
    const assigned = await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-03', assigneeId: 'sam' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.machineVersion).toBe(1);
  });

  it('moves a case to version 2 explicitly, leaves a line in the trail, and applies version 2 from then on', async () => {
    const id = await assessingCase();
    const migrated = await t.http.post(`/api/cases/${id}/migrate`).set('If-Match', '"2"').send({ toVersion: 2 });
    expect(migrated.status).toBe(200);
    expect(migrated.body).toMatchObject({ machineVersion: 2, status: 'assessing', version: 3 });
    expect(migrated.body.allowedEvents).not.toContain('ASSIGNED');

    const trail = (await t.http.get(`/api/cases/${id}/events`)).body;
    expect(trail[2]).toMatchObject({ seq: 3, type: 'MACHINE_MIGRATED', payload: { fromVersion: 1, toVersion: 2 }, machineVersion: 2 });
    const assigned = await postEvent(t, id, { type: 'ASSIGNED', occurredOn: '2026-11-03', assigneeId: 'sam' });
    expect(assigned.status).toBe(422);
  });

  it('refuses to migrate a case whose state has no counterpart, changing nothing', async () => {
    t.clock.setToday('2027-01-20');
    const id = await assessingCase();
    await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-03', contributor: 'health' });
    await postEvent(t, id, { type: 'DECISION_TO_ISSUE', occurredOn: '2026-12-20', decision: 'issue' });
    await postEvent(t, id, { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2027-01-04' });
    const before = await storedState(t, id);
    const refused = await t.http.post(`/api/cases/${id}/migrate`).send({ toVersion: 2 });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('draft_issued');
    expect(await storedState(t, id)).toEqual(before);
  });

  it('refuses a version that is not registered with 422', async () => {
    const id = await assessingCase();
    const refused = await t.http.post(`/api/cases/${id}/migrate`).send({ toVersion: 7 });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/not registered/);
  });
});
