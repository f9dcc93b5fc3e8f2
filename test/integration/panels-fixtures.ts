import { expect } from '@jest/globals';
import { TEST_USER } from '../support/auth.js';
import { createCase } from '../support/case-factory.js';
import type { Role } from '../../src/auth/permissions.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A panel with a chair, two school members (one linked to Oak Primary) and an EP. The chair's
 * seat names the test user (`t.http`, every role) unless another account is given: a chair with
 * delegated authority, who records the panel's recommendation and the decision at once when present.
 */
export async function createPanel(t: TestApp, purpose = 'decision_to_assess', name = 'Needs assessment panel', chairUserId = TEST_USER.id) {
  const panel = await ok(t.http.post('/api/panels').send({ name, purpose }), 201);
  const member = (body: Record<string, unknown>) => ok(t.http.post(`/api/panels/${panel.id}/members`).send(body), 201);
  const members = {
    chair: await member({ name: 'Sam Chair', role: 'chair', organisation: 'SEN team', userId: chairUserId }),
    head: await member({ name: 'Hana Head', role: 'head_teacher', organisation: 'Oak Primary', schools: ['Oak Primary'] }),
    senco: await member({ name: 'Sid Senco', role: 'senco', organisation: 'Elm Academy', schools: ['Elm Academy'] }),
    ep: await member({ name: 'Eve EP', role: 'educational_psychologist' }),
  };
  return { panel, members };
}

export async function ok(request: PromiseLike<{ status: number; body: any }>, status: number) {
  const response = await request;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export const scheduleMeeting = (t: TestApp, panelId: string, meetingDate: string) =>
  ok(t.http.post(`/api/panels/${panelId}/meetings`).send({ meetingDate }), 201);

export const recordAttendance = (t: TestApp, meetingId: string, present: string[]) =>
  ok(t.http.post(`/api/panel-meetings/${meetingId}/attendance`).send({ present }), 200);

export const decide = (t: TestApp, meetingId: string, body: Record<string, unknown>, http = t.http) => http.post(`/api/panel-meetings/${meetingId}/decisions`).send(body);

export const officerDecision = (t: TestApp, meetingId: string, caseId: string, body: Record<string, unknown>, http = t.http) =>
  http.post(`/api/panel-meetings/${meetingId}/items/${caseId}/decision`).send(body);

/** A panel_member account seated on the panel in `role`, and its client. */
export async function seatedMember(t: TestApp, panelId: string, name: string, role = 'head_teacher', seat: Record<string, unknown> = {}, roles: Role[] = ['panel_member']) {
  const account = await t.signInAs(roles);
  const member = await ok(t.http.post(`/api/panels/${panelId}/members`).send({ name, role, userId: account.id, ...seat }), 201);
  return { ...account, seat: member };
}

export async function caseReceived(t: TestApp, requestReceivedOn: string, givenName = 'Amara') {
  return createCase(t, { requestReceivedOn, child: { givenName, familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
}

const TABLES = ['ehc_case', 'case_event', 'case_deadline', 'panel', 'panel_member', 'panel_meeting', 'agenda_item', 'attendance', 'panel_decision'];

/** Every row of the case and panel tables, to prove that a refused request changed nothing. */
export async function everything(t: TestApp) {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) rows[table] = await t.db.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return rows;
}

export async function expectRefusedWithoutChange(t: TestApp, send: () => PromiseLike<{ status: number; body: any }>, status: number, message: RegExp) {
  const before = await everything(t);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.body.message).toMatch(message);
  expect(await everything(t)).toEqual(before);
  return response.body;
}
