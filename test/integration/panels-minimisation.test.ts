import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { panelViewerOf } from '../../src/panels/panel-viewer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { caseReceived, createPanel, ok, scheduleMeeting } from './panels-fixtures.js';

const TODAY = '2026-11-23';

describe('Panels: a panel member sees only their panels, and only what the panel needs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  it('treats a caller as a panel member only when panel_member is their only role', () => {
    expect(panelViewerOf(undefined)).toEqual({ kind: 'staff' });
    expect(panelViewerOf({ id: 'u1', roles: ['panel_member'] })).toEqual({ kind: 'member', userId: 'u1' });
    expect(panelViewerOf({ id: 'u1', roles: ['panel_member', 'caseworker'] })).toEqual({ kind: 'staff' });
  });

  it('lists their own panels, hides other panels’ meetings, and trims agenda items', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const mine = await createPanel(t, 'decision_to_assess', 'North panel');
    const theirs = await createPanel(t, 'decision_to_assess', 'South panel');
    const member = await t.signInAs(['panel_member']);
    await ok(t.http.post(`/api/panels/${mine.panel.id}/members`).send({ name: 'Pat Member', role: 'senco', userId: member.id }), 201);
    const myMeeting = await scheduleMeeting(t, mine.panel.id, '2026-11-26');
    const theirMeeting = await scheduleMeeting(t, theirs.panel.id, '2026-11-27');
    await ok(t.http.delete(`/api/panel-meetings/${myMeeting.id}/agenda/${child.id}`).send({ reason: 'Wrong panel' }), 200);
    await ok(t.http.post(`/api/panel-meetings/${myMeeting.id}/agenda`).send({ caseId: child.id, reason: 'Right panel after all' }), 201);

    const panels = await ok(member.http.get('/api/panels'), 200);
    expect(panels.map((p: any) => p.name)).toEqual(['North panel']);
    expect((await ok(t.http.get('/api/panels'), 200)).map((p: any) => p.name)).toEqual(['North panel', 'South panel']);

    const hidden = await member.http.get(`/api/panel-meetings/${theirMeeting.id}`);
    expect(hidden.status).toBe(404);
    expect((await member.http.get(`/api/panels/${theirs.panel.id}/figures?from=2026-11-01&to=2026-11-30`)).status).toBe(404);

    const seen = await ok(member.http.get(`/api/panel-meetings/${myMeeting.id}`), 200);
    expect(Object.keys(seen.agenda[0]).sort()).toEqual(['caseId', 'child', 'conflicts', 'dueOn', 'flags', 'recommended', 'reference', 'status']);
    expect(seen.agenda[0]).toMatchObject({ reference: child.reference, child: { givenName: 'Amara', dateOfBirth: '2017-04-12' }, dueOn: '2026-11-30' });
    expect(seen.removed).toEqual([]); // who removed what and why is the caseworkers’ record
    const staff = await ok(t.http.get(`/api/panel-meetings/${myMeeting.id}`), 200);
    expect(staff.agenda[0]).toHaveProperty('addedReason', 'Right panel after all');
    expect(staff.removed).toHaveLength(1);
  });
});
