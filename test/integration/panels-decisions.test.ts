import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { TEST_USER } from '../support/auth.js';
import { postEvent, storedState } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { caseReceived, createPanel, decide, ok, recordAttendance, scheduleMeeting } from './panels-fixtures.js';

const TODAY = '2026-11-23'; // a Monday
const MEETING = '2026-11-26';

describe('Panel meetings drive cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
  });

  async function quorateMeeting() {
    const { panel, members } = await createPanel(t);
    const meeting = await scheduleMeeting(t, panel.id, MEETING);
    t.clock.setToday(MEETING);
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id]);
    return { panel, members, meeting };
  }

  it('proposes a request received 5 weeks ago for the next meeting, flagged as due before the following one', async () => {
    const urgent = await caseReceived(t, '2026-10-19', 'Urgent'); // due 2026-11-30
    const recent = await caseReceived(t, '2026-11-16', 'Recent'); // due 2026-12-28
    const { panel } = await createPanel(t);
    const meeting = await scheduleMeeting(t, panel.id, MEETING);
    expect(meeting.followingMeetingDate).toBe('2026-12-10'); // none scheduled: + the fortnightly cadence
    expect(meeting.agenda.map((i: any) => [i.caseId, i.dueOn, i.flags])).toEqual([
      [urgent.id, '2026-11-30', ['due_before_following_meeting']],
      [recent.id, '2026-12-28', []],
    ]);
    const fetched = await ok(t.http.get(`/api/panel-meetings/${meeting.id}`), 200);
    expect(fetched.agenda[0]).toMatchObject({ reference: urgent.reference, child: { givenName: 'Urgent' }, status: 'awaiting_decision', origin: 'proposed' });
  });

  it('assess moves the case to assessing, meets decisionToAssess on the meeting date and names the meeting in the trail', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting, members } = await quorateMeeting();
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess', conflicts: [] }), 201);
    expect(decision).toMatchObject({ decision: 'assess', decidedOn: MEETING, caseStatus: 'assessing', letter: null });
    // The chair holds delegated authority: the recommendation and the decision are recorded at once, both named.
    expect(decision.recommendedBy).toEqual({ memberId: members.chair.id, name: 'Sam Chair', role: 'chair' });
    expect(decision.officerDecision).toEqual({ decision: 'assess', reasons: null, decidedOn: MEETING, decidedBy: TEST_USER.email, departsFromRecommendation: false });
    expect(decision.votingMemberIds.sort()).toEqual([members.chair.id, members.head.id, members.senco.id].sort());
    const updated = await ok(t.http.get(`/api/cases/${child.id}`), 200);
    expect(updated.status).toBe('assessing');
    expect(updated.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-11-30', metOn: MEETING, status: 'met' });
    const trail = await ok(t.http.get(`/api/cases/${child.id}/events`), 200);
    expect(trail.at(-1)).toMatchObject({ type: 'DECISION_TO_ASSESS', occurredOn: MEETING, payload: { decision: 'assess', panelMeetingId: meeting.id } });
  });

  it('decline with reasons closes the case and gives the letter data with the appeal deadline', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting } = await quorateMeeting();
    const reasons = 'The evidence shows needs met from the school’s resources; s.36(8) test not met.';
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'decline', reasons }), 201);
    expect(decision.caseStatus).toBe('declined_to_assess');
    expect((await ok(t.http.get(`/api/cases/${child.id}`), 200)).status).toBe('declined_to_assess');
    // Notice assumed sent on the decision day, Thu 26 Nov 2026: + 2 months = Tue 26 Jan 2027.
    const letter = await ok(t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter`), 200);
    expect(letter).toMatchObject({
      reference: child.reference,
      decision: 'decline',
      reasons,
      noticeSentOn: MEETING,
      noticeSentOnAssumed: true,
      mediation: { adviserContactBy: '2027-01-26' },
      appeal: { lastAppealDate: '2027-01-26', mayMoveLater: true, tribunal: expect.stringContaining('First-tier Tribunal') },
    });
    expect(letter.mediation.requirement).toMatch(/mediation adviser.*2 months/);
    // Sent Mon 30 Nov: 30 Jan 2027 is a Saturday, so Monday 1 Feb.
    const later = await ok(t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter?noticeSentOn=2026-11-30`), 200);
    expect(later.appeal.lastAppealDate).toBe('2027-02-01');
    const withCertificate = await ok(
      t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter?noticeSentOn=2026-11-30&mediationCertificateIssuedOn=2027-01-20`),
      200,
    );
    expect(withCertificate.appeal).toMatchObject({ lastAppealDate: '2027-02-22', mayMoveLater: false }); // 20 Feb is a Saturday
    const trail = await ok(t.http.get(`/api/cases/${child.id}/events`), 200);
    expect(trail.at(-1).payload).toMatchObject({ decision: 'decline', reasons, panelMeetingId: meeting.id, panelRecommendation: { decision: 'decline' } });
    // The notice to the family is a fact of its own, recorded when sent: the decision does not claim it (issue 11 item 4).
    expect(trail.at(-1).payload).not.toHaveProperty('noticeOfRights');
  });

  it('defer changes nothing on the case and puts it on the next meeting’s agenda', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting, panel } = await quorateMeeting();
    const next = await scheduleMeeting(t, panel.id, '2026-12-10');
    expect(next.agenda).toEqual([]); // it is on the 26 November agenda, undecided
    const before = await storedState(t, child.id);
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'defer', reasons: 'Ask for the school’s SEN support plans.' }), 201);
    expect(decision).toMatchObject({ caseStatus: 'awaiting_decision', carriedForwardTo: next.id });
    expect(await storedState(t, child.id)).toEqual(before);
    const nextAgenda = (await ok(t.http.get(`/api/panel-meetings/${next.id}`), 200)).agenda;
    expect(nextAgenda).toEqual([expect.objectContaining({ caseId: child.id, origin: 'carried_forward', flags: ['limit_passed_before_meeting', 'due_before_following_meeting'] })]);
    expect(nextAgenda[0].addedReason).toMatch(/Deferred.*2026-11-26.*SEN support plans/);
  });

  it('a deferred case is proposed again when the next meeting is scheduled later', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting, panel } = await quorateMeeting();
    await ok(decide(t, meeting.id, { caseId: child.id, decision: 'defer', reasons: 'More evidence.' }), 201);
    const next = await scheduleMeeting(t, panel.id, '2026-11-27');
    expect(next.agenda.map((i: any) => i.caseId)).toEqual([child.id]);
  });

  it('issue panels record not_issue with reasons and the letter gives the appeal deadline', async () => {
    const child = await caseReceived(t, '2026-09-01');
    await postEvent(t, child.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-01', decision: 'assess' });
    const { panel, members } = await createPanel(t, 'decision_to_issue', 'Issue panel');
    const meeting = await scheduleMeeting(t, panel.id, MEETING);
    expect(meeting.agenda).toEqual([expect.objectContaining({ caseId: child.id, deadline: 'issueDecision', dueOn: '2026-12-22' })]);
    t.clock.setToday(MEETING);
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id]);
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'not_issue', reasons: 'Needs can be met at SEN support.' }), 201);
    expect(decision.caseStatus).toBe('declined_to_issue');
    expect(decision.letter.appeal.lastAppealDate).toBe('2027-01-26');
  });

  it('a decision the case’s machine refuses is not recorded either (one transaction)', async () => {
    const child = await caseReceived(t, '2026-09-01');
    await postEvent(t, child.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-01', decision: 'assess' });
    const { panel, members } = await createPanel(t, 'decision_to_issue', 'Issue panel');
    const meeting = await scheduleMeeting(t, panel.id, MEETING);
    t.clock.setToday('2026-11-27');
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id]);
    // Advice requested the day after the meeting: a decision dated the meeting day would precede it.
    await postEvent(t, child.id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-27', contributor: 'health' });
    const response = await decide(t, meeting.id, { caseId: child.id, decision: 'issue' });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CASE_EVENT_REFUSED');
    expect(await t.db.query('SELECT * FROM panel_decision')).toEqual([]);
  });

  it('records the conflicts and decides without the conflicted member when the rest are quorate', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting, members, panel } = await quorateMeeting();
    const trust = await ok(t.http.post(`/api/panels/${panel.id}/members`).send({ name: 'Tia Trust', role: 'trust_leader' }), 201);
    const other = await ok(t.http.post(`/api/panels/${panel.id}/members`).send({ name: 'Ola Other', role: 'head_teacher' }), 201);
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id, trust.id, other.id]);
    await ok(t.http.patch(`/api/panel-meetings/${meeting.id}/agenda/${child.id}`).send({ childSchool: 'oak primary' }), 200);
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'assess', conflicts: [members.senco.id] }), 201);
    expect(decision.votingMemberIds.sort()).toEqual([members.chair.id, trust.id, other.id].sort());
    expect(decision.caseStatus).toBe('assessing');
    expect(decision.conflicts.map((c: any) => c.name).sort()).toEqual(['Hana Head', 'Sid Senco']);
  });

  it('a caseworker removes an item with a reason, kept in the meeting’s record', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { panel } = await createPanel(t);
    const meeting = await scheduleMeeting(t, panel.id, MEETING);
    const after = await ok(t.http.delete(`/api/panel-meetings/${meeting.id}/agenda/${child.id}`).send({ reason: 'Family withdrawing the request' }), 200);
    expect(after.agenda).toEqual([]);
    expect(after.removed).toEqual([expect.objectContaining({ caseId: child.id, reason: 'Family withdrawing the request' })]);
    const readded = await ok(t.http.post(`/api/panel-meetings/${meeting.id}/agenda`).send({ caseId: child.id, reason: 'Family changed its mind', childSchool: 'Elm Academy' }), 201);
    expect(readded.agenda).toEqual([expect.objectContaining({ caseId: child.id, origin: 'added', addedReason: 'Family changed its mind', childSchool: 'Elm Academy' })]);
    expect(readded.agenda[0].conflicts.map((c: any) => c.name)).toEqual(['Sid Senco']);
  });

  it('documents the panel routes and the fields they return in the OpenAPI document', async () => {
    const child = await caseReceived(t, '2026-10-19');
    const { meeting } = await quorateMeeting();
    const decision = await ok(decide(t, meeting.id, { caseId: child.id, decision: 'decline', reasons: 'Test not met.' }), 201);
    const staffView = await ok(t.http.get(`/api/panel-meetings/${meeting.id}`), 200);
    const letter = await ok(t.http.get(`/api/panel-meetings/${meeting.id}/decisions/${child.id}/letter`), 200);
    const docs = (await t.http.get('/api/docs/openapi.json')).body;
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/panels',
        '/api/panels/{id}/members',
        '/api/panels/{id}/meetings',
        '/api/panels/{id}/figures',
        '/api/panel-meetings/{id}',
        '/api/panel-meetings/{id}/agenda',
        '/api/panel-meetings/{id}/agenda/{caseId}',
        '/api/panel-meetings/{id}/attendance',
        '/api/panel-meetings/{id}/decisions',
        '/api/panel-meetings/{id}/decisions/{caseId}/letter',
      ]),
    );
    const documented = (name: string) => Object.keys(docs.components.schemas[name].properties).sort();
    expect(documented('MeetingResponse')).toEqual(Object.keys(staffView).sort());
    expect(documented('AgendaItemResponse')).toEqual(Object.keys(staffView.agenda[0]).sort());
    expect(documented('DecisionResponse')).toEqual(Object.keys(decision).sort());
    expect(documented('DecisionLetterResponse')).toEqual(Object.keys(letter).sort());
  });

  it('reports figures per meeting and for the period', async () => {
    const a = await caseReceived(t, '2026-10-19', 'A');
    const b = await caseReceived(t, '2026-10-26', 'B');
    const c = await caseReceived(t, '2026-11-02', 'C');
    const { meeting, panel } = await quorateMeeting();
    await ok(decide(t, meeting.id, { caseId: a.id, decision: 'assess' }), 201);
    await ok(decide(t, meeting.id, { caseId: b.id, decision: 'decline', reasons: 'Test not met.' }), 201);
    await ok(decide(t, meeting.id, { caseId: c.id, decision: 'defer', reasons: 'Need the EP’s view.' }), 201);
    const figures = await ok(t.http.get(`/api/panels/${panel.id}/figures?from=2026-11-01&to=2026-11-30`), 200);
    const expected = { considered: 3, agreed: 1, declined: 1, deferred: 1, daysFromRequestToDecision: { count: 2, mean: 34.5, median: 34.5, max: 38 } }; // 38 and 31 days
    expect(figures.period).toEqual(expected);
    expect(figures.meetings).toEqual([{ meetingId: meeting.id, meetingDate: MEETING, ...expected }]);
    const empty = await ok(t.http.get(`/api/panels/${panel.id}/figures?from=2026-12-01&to=2026-12-31`), 200);
    expect(empty.period.considered).toBe(0);
  });
});
