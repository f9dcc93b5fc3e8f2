import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  caseReceived,
  createPanel,
  decide,
  expectRefusedWithoutChange,
  officerDecision,
  ok,
  recordAttendance,
  scheduleMeeting,
  seatedMember,
} from './panels-fixtures.js';

const TODAY = '2026-11-23';
const MEETING = '2026-11-26';

/** Domain 6.2: the panel recommends through a member who sat on the item; an officer with delegated authority decides. */
describe('Panels recommend; a named officer decides', () => {
  let t: TestApp;
  let panel: any;
  let members: Record<'chair' | 'head' | 'senco' | 'ep', any>;
  let meeting: any;
  let child: any;
  let trust: Awaited<ReturnType<typeof seatedMember>>;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
    child = await caseReceived(t, '2026-10-19');
    ({ panel, members } = await createPanel(t));
    trust = await seatedMember(t, panel.id, 'Tara Trust', 'trust_leader');
    meeting = await scheduleMeeting(t, panel.id, MEETING);
    t.clock.setToday(MEETING);
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id, trust.seat.id]);
  });

  describe('issue 12: only members who sat may record the panel’s outcome', () => {
    it('a panel member of another panel cannot record on this panel’s meeting (404, as for reading it)', async () => {
      const other = await createPanel(t, 'decision_to_assess', 'South panel');
      const outsider = await seatedMember(t, other.panel.id, 'Olu Outsider', 'head_teacher');
      await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, outsider.http), 404, /No panel meeting/);
    });

    it('a staff account that holds panels:decide but has no seat on the panel is refused with 403', async () => {
      const staff = await t.signInAs(['panel_member', 'caseworker']);
      const body = await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, staff.http), 403, /Only members of Needs assessment panel record its recommendation/);
      expect(body.code).toBe('PANEL_RECORDER_NOT_ENTITLED');
    });

    it('a member of the panel who did not attend the meeting cannot record its outcome', async () => {
      const absent = await seatedMember(t, panel.id, 'Abe Absent', 'senco');
      const body = await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, absent.http), 403, /Abe Absent is not recorded as present/);
      expect(body.code).toBe('PANEL_RECORDER_NOT_ENTITLED');
    });

    it('a member present but linked to the child’s school, or declaring a conflict, cannot record the item’s outcome', async () => {
      await ok(t.http.patch(`/api/panel-meetings/${meeting.id}/agenda/${child.id}`).send({ childSchool: 'Riverside Academy' }), 200);
      const linked = await seatedMember(t, panel.id, 'Lin Linked', 'senco', { schools: ['Riverside Academy'] });
      await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id, trust.seat.id, linked.seat.id]);
      await expectRefusedWithoutChange(t, () => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, linked.http), 403, /Lin Linked steps out of this item \(linked to the child's school/);
      await expectRefusedWithoutChange(
        t,
        () => decide(t, meeting.id, { caseId: child.id, decision: 'assess', conflicts: [trust.seat.id] }, trust.http),
        403,
        /Tara Trust steps out of this item \(declared a conflict/,
      );
    });
  });

  it('a sitting member’s recommendation leaves the case waiting for the officer, who decides and is named in the trail', async () => {
    const before = await storedState(t, child.id);
    const recommendation = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 201);
    expect(recommendation).toMatchObject({
      decision: 'assess',
      recordedBy: trust.email,
      recommendedBy: { memberId: trust.seat.id, name: 'Tara Trust', role: 'trust_leader' },
      officerDecision: null,
      caseStatus: 'awaiting_decision',
    });
    expect(await storedState(t, child.id)).toEqual(before);
    const letterTooSoon = await t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter`);
    expect(letterTooSoon.status).toBe(422);

    const manager = await t.signInAs(['manager']);
    t.clock.setToday('2026-11-27');
    const decided = await ok(officerDecision(t, meeting.id, child.id, { decision: 'assess' }, manager.http), 201);
    expect(decided.officerDecision).toEqual({ decision: 'assess', reasons: null, decidedOn: '2026-11-27', decidedBy: manager.email, departsFromRecommendation: false });
    expect(decided.caseStatus).toBe('assessing');
    const trail = await ok(t.http.get(`/api/cases/${child.id}/events`), 200);
    expect(trail.at(-1)).toMatchObject({
      type: 'DECISION_TO_ASSESS',
      occurredOn: '2026-11-27',
      actor: manager.email,
      payload: { decision: 'assess', panelMeetingId: meeting.id, panelRecommendation: { id: recommendation.id, decision: 'assess', recordedBy: trust.email } },
    });
    const item = (await ok(t.http.get(`/api/panel-meetings/${meeting.id}`), 200)).agenda[0];
    expect(item.decision).toMatchObject({ decision: 'assess', recordedBy: trust.email, recommendedBy: { name: 'Tara Trust' }, officerDecision: { decidedBy: manager.email } });
  });

  it('a decision departing from the recommendation needs reasons, and the letter gives the officer’s', async () => {
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 201);
    const manager = await t.signInAs(['manager']);
    await expectRefusedWithoutChange(t, () => officerDecision(t, meeting.id, child.id, { decision: 'decline' }, manager.http), 422, /recommended "assess".*needs reasons/);
    const reasons = 'The school’s own evidence shows needs met from its resources; s.36(8) test not met.';
    const decided = await ok(officerDecision(t, meeting.id, child.id, { decision: 'decline', reasons }, manager.http), 201);
    expect(decided.officerDecision).toMatchObject({ decision: 'decline', reasons, departsFromRecommendation: true });
    expect(decided.caseStatus).toBe('declined_to_assess');
    const letter = await ok(t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter`), 200);
    expect(letter).toMatchObject({ decision: 'decline', reasons, decidedOn: MEETING, decisionRecordedBy: manager.email, noticeSentOnAssumed: true });
  });

  it('only an officer with delegated authority records the decision', async () => {
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 201);
    for (const roles of [['panel_member'], ['caseworker'], ['admin']] as const) {
      const account = await t.signInAs([...roles]);
      await expectRefusedWithoutChange(t, () => officerDecision(t, meeting.id, child.id, { decision: 'assess' }, account.http), 403, /do not include the permission decisions:make/);
    }
  });

  it.each([
    ['before the panel has recommended', async () => undefined, { decision: 'assess' }, 422, /has not recorded its recommendation/],
    ['on a deferral', (tr: any) => decide(t, meeting.id, { caseId: child.id, decision: 'defer', reasons: 'Need the EP’s view.' }, tr.http), { decision: 'assess', reasons: 'x' }, 422, /deferred this item/],
    ['dated before the meeting', (tr: any) => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, tr.http), { decision: 'assess', decidedOn: '2026-11-25' }, 422, /between the meeting/],
    ['a decision of the other kind of panel', (tr: any) => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, tr.http), { decision: 'issue', reasons: 'x' }, 422, /one of assess, decline/],
    ['a deferral as the decision', (tr: any) => decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, tr.http), { decision: 'defer' }, 400, /decision must be one of/],
  ])('refuses an officer’s decision %s, changing nothing', async (_, before, body, status, message) => {
    await before(trust);
    const manager = await t.signInAs(['manager']);
    await expectRefusedWithoutChange(t, () => officerDecision(t, meeting.id, child.id, body, manager.http), status, message);
  });

  it('refuses a second decision on the same item', async () => {
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 201);
    const manager = await t.signInAs(['manager']);
    await ok(officerDecision(t, meeting.id, child.id, { decision: 'assess' }, manager.http), 201);
    const body = await expectRefusedWithoutChange(t, () => officerDecision(t, meeting.id, child.id, { decision: 'assess' }, manager.http), 409, /already recorded/);
    expect(body.code).toBe('PANEL_DECISION_ALREADY_RECORDED');
  });

  it('a case whose decision is awaited is not proposed again for the next meeting', async () => {
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess' }, trust.http), 201);
    const next = await scheduleMeeting(t, panel.id, '2026-12-10');
    expect(next.agenda).toEqual([]);
  });

  it('quorum can never be zero people: a panel whose rule asks for nobody still needs two present members', async () => {
    const lax = await ok(t.http.post('/api/panels').send({ name: 'Lax panel', purpose: 'decision_to_assess', quorum: { chairRequired: false, minSchoolMembers: 0 } }), 201);
    const solo = await seatedMember(t, lax.id, 'Sol Solo', 'senco');
    t.clock.setToday(TODAY);
    const laxMeeting = await scheduleMeeting(t, lax.id, '2026-11-27');
    t.clock.setToday('2026-11-27');
    const empty = await ok(t.http.get(`/api/panel-meetings/${laxMeeting.id}`), 200);
    expect(empty.quorum).toEqual({ quorate: false, shortfall: expect.stringMatching(/0 member\(s\) present can take part; a panel needs at least 2\./) });
    await ok(t.http.post(`/api/panel-meetings/${laxMeeting.id}/agenda`).send({ caseId: child.id, reason: 'Urgent' }), 201);
    await recordAttendance(t, laxMeeting.id, [solo.seat.id]);
    const body = await expectRefusedWithoutChange(t, () => decide(t, laxMeeting.id, { caseId: child.id, decision: 'assess' }, solo.http), 422, /1 member\(s\) present can take part/);
    expect(body.code).toBe('PANEL_NOT_QUORATE');
  });
});
