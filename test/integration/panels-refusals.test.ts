import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { caseReceived, createPanel, decide, expectRefusedWithoutChange, ok, recordAttendance, scheduleMeeting, seatedMember } from './panels-fixtures.js';

const TODAY = '2026-11-23';
const MEETING = '2026-11-26';

describe('Panels: bad input is refused with a clear 4xx and changes nothing', () => {
  let t: TestApp;
  let panel: any;
  let members: Record<'chair' | 'head' | 'senco' | 'ep', any>;
  let meeting: any;
  let child: any;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
    child = await caseReceived(t, '2026-10-19');
    ({ panel, members } = await createPanel(t));
    meeting = await scheduleMeeting(t, panel.id, MEETING);
    t.clock.setToday(MEETING);
  });

  const quorum = () => recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id]);

  it('deciding a case that is not on the agenda', async () => {
    await quorum();
    const other = await caseReceived(t, '2026-11-25', 'Late');
    await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: other.id, decision: 'assess' }), 422, /not on the agenda/);
  });

  it('deciding a case in the wrong status', async () => {
    await quorum();
    await postEvent(t, child.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-25', decision: 'assess' });
    const body = await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'decline', reasons: 'x' }), 422, /is assessing.*awaiting_decision/);
    expect(body.code).toBe('PANEL_REQUEST_REFUSED');
  });

  it('a second decision for the same item', async () => {
    await quorum();
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'defer', reasons: 'More evidence.' }), 201);
    const body = await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }), 409, /already recorded "defer"/);
    expect(body.code).toBe('PANEL_DECISION_ALREADY_RECORDED');
  });

  it('a decision from an inquorate meeting, saying why', async () => {
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.ep.id]);
    const body = await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }), 422, /not quorate.*1 member\(s\) from schools.*at least 2/);
    expect(body.code).toBe('PANEL_NOT_QUORATE');
  });

  it('a decision from a meeting without its chair', async () => {
    const trust = await seatedMember(t, panel.id, 'Tom Trust', 'trust_leader');
    await recordAttendance(t, meeting.id, [members.head.id, members.senco.id, trust.seat.id]);
    await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 422, /chair is not present/);
  });

  it('a member linked to the child’s school does not count towards the item’s quorum', async () => {
    await quorum();
    await ok(t.http.patch(`/api/panel-meetings/${meeting.id}/agenda/${child.id}`).send({ childSchool: 'Oak Primary' }), 200);
    const agenda = (await ok(t.http.get(`/api/panel-meetings/${meeting.id}`), 200)).agenda;
    expect(agenda[0].conflicts).toEqual([{ memberId: members.head.id, name: 'Hana Head', why: "linked to the child's school (Oak Primary)" }]);
    await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess', conflicts: [] }), 422, /not quorate.*Not counted: Hana Head/);
  });

  it('a member who declares a conflict does not count towards the item’s quorum', async () => {
    await quorum();
    await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess', conflicts: [members.senco.id] }), 422, /Sid Senco \(declared a conflict/);
  });

  it('a meeting date in the past when scheduling', async () => {
    const body = await expectRefusedWithoutChange(t, () => t.http.post(`/api/panels/${panel.id}/meetings`).send({ meetingDate: '2026-11-25' }), 422, /in the past \(today is 2026-11-26\)/);
    expect(body.code).toBe('PANEL_REQUEST_REFUSED');
  });

  it.each([
    ['a decline without reasons', { decision: 'decline' }, 422, /needs reasons/],
    ['a deferral without reasons', { decision: 'defer', reasons: ' ' }, 422, /deferral needs reasons/],
    ['an issue decision at an assessment panel', { decision: 'issue' }, 422, /records assess, decline, defer/],
    ['an unknown decision', { decision: 'maybe' }, 400, /decision must be one of/],
    ['an unknown field', { decision: 'assess', urgent: true }, 400, /urgent/],
    ['a conflict naming someone not on the panel', { decision: 'assess', conflicts: ['0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d'] }, 422, /not members/],
  ])('%s', async (_, fields, status, message) => {
    await quorum();
    await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, ...fields }), status, message);
  });

  it('decisions for a meeting still to come', async () => {
    const later = await scheduleMeeting(t, panel.id, '2026-12-10');
    await ok(t.http.post(`/api/panel-meetings/${later.id}/agenda`).send({ caseId: child.id, reason: 'Urgent' }), 201);
    await expectRefusedWithoutChange(t, () => decide(t, later.id, { caseId: child.id, decision: 'assess' }), 422, /on 2026-12-10.*on or after that day/);
  });

  it('agenda changes: adding without a reason, twice, or in the wrong status; removing a decided item', async () => {
    const later = await scheduleMeeting(t, panel.id, '2026-12-10');
    const add = (body: Record<string, unknown>) => t.http.post(`/api/panel-meetings/${later.id}/agenda`).send(body);
    await expectRefusedWithoutChange(t, () => add({ caseId: child.id }), 400, /reason/);
    await ok(add({ caseId: child.id, reason: 'Family asked for an early decision' }), 201);
    await expectRefusedWithoutChange(t, () => add({ caseId: child.id, reason: 'again' }), 422, /already on the agenda/);
    await quorum();
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }), 201);
    const remove = () => t.http.delete(`/api/panel-meetings/${meeting.id}/agenda/${child.id}`).send({ reason: 'tidy' });
    await expectRefusedWithoutChange(t, remove, 422, /decided this item/);
    await expectRefusedWithoutChange(t, () => add({ caseId: child.id, reason: 'again' }), 422, /is assessing/);
  });

  it('a second chair, and attendance naming a non-member', async () => {
    await expectRefusedWithoutChange(t, () => t.http.post(`/api/panels/${panel.id}/members`).send({ name: 'Another', role: 'chair' }), 422, /already has a chair/);
    await expectRefusedWithoutChange(
      t,
      () => t.http.post(`/api/panel-meetings/${meeting.id}/attendance`).send({ present: ['0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d'] }),
      422,
      /Not members/,
    );
  });
});
