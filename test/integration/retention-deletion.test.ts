import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { alertSettingsOf } from '../../src/alerts/alert-settings.js';
import { ManagerDigests } from '../../src/alerts/digest/manager-digests.service.js';
import { NotificationsService } from '../../src/alerts/notifications.service.js';
import { CHILD_DELETION_SETTING, DELETION_SETTING, ERASED_TABLES } from '../../src/data-protection/case-erasure.js';
import { RetentionDeletionsService } from '../../src/data-protection/retention-deletions.service.js';
import { createCase, newCaseBody, postEvent } from '../support/case-factory.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { createPanel, decide, ok, recordAttendance, scheduleMeeting } from './panels-fixtures.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { binary } from '../support/pdf-documents.js';
import { ADVICE_PDF, confirmStillStands, mintToken, sendAdvice } from '../support/advice-portal.js';

const TODAY = '2026-11-23';
/** A child no other fixture names, so finding the name anywhere means something of this child survived. */
const CHILD = { givenName: 'Ottoline', familyName: 'Brackenridge', dateOfBirth: '2009-05-14' };
const REASON = 'Retention review November 2026: closed over six years ago, no complaint or claim open.';

interface ClosedCase {
  id: string;
  reference: string;
  notificationId: string;
}

describe(RetentionDeletionsService.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    // SMTP is configured so that the notification gets deliveries and outbox jobs; no worker runs to send them.
    t = await createTestApp(TODAY, testDatabaseUrl(), { SMTP_URL: 'smtp://127.0.0.1:2525' });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
  });

  /**
   * A case received in January 2019 and lived through in 2019 by moving the clock: alerts with
   * deliveries, a digest, reads, a panel item and decision, a correction, and a withdrawal on
   * 2019-03-04, so its retention period (6 years) ended on 2025-03-04.
   */
  async function closedLongAgo(): Promise<ClosedCase> {
    t.clock.setToday('2019-02-19');
    const created = await createCase(t, { requestReceivedOn: '2019-01-07', child: CHILD });
    await ok(t.http.put('/api/alert-settings').send({ warningWorkingDays: [10, 5], alertTime: '08:00', managerEmails: ['sen.manager@test.example'], escalationEmails: {} }), 200);
    await t.app.get(ManagerDigests).raiseDue();
    const notificationId = await raiseBreach(created.id, created.reference);
    const caseworker = await t.signInAs(['caseworker']);
    await caseworker.http.get(`/api/cases/${created.id}`).expect(200);

    t.clock.setToday('2019-02-25');
    const { panel, members } = await createPanel(t);
    const meeting = await scheduleMeeting(t, panel.id, '2019-02-25');
    await recordAttendance(t, meeting.id, [members.chair.id, members.head.id, members.senco.id]);
    await ok(decide(t, meeting.id, { caseId: created.id, decision: 'defer', reasons: 'The school’s evidence is due next week.' }), 201);

    t.clock.setToday('2019-03-04');
    await ok(postEvent(t, created.id, { type: 'WITHDRAWN', occurredOn: '2019-03-01', reason: 'moved away' }), 200);
    const [{ seq }] = await t.db.query(`SELECT max(seq) AS seq FROM case_event WHERE case_id = $1`, [created.id]);
    const replacement = { type: 'WITHDRAWN', occurredOn: '2019-03-04', reason: 'moved out of the area' };
    await ok(t.http.post(`/api/cases/${created.id}/corrections`).send({ eventSeq: seq, reason: 'Wrong date and reason', replacement }), 200);

    t.clock.setToday(TODAY);
    return { id: created.id, reference: created.reference, notificationId };
  }

  async function raiseBreach(caseId: string, reference: string): Promise<string> {
    const [{ local_authority_id: authorityId }] = await t.db.query(`SELECT local_authority_id FROM ehc_case WHERE id = $1`, [caseId]);
    const settings = await alertSettingsOf(t.db.manager, authorityId);
    const breach = { kind: 'deadline_breach' as const, deadline: 'decisionToAssess', dueOn: '2019-02-18', slot: 'breach', on: '2019-02-19', at: t.clock.now() };
    expect(await t.app.get(NotificationsService).raise({ kind: 'case', id: caseId, localAuthorityId: authorityId, reference, advice: [] }, breach, settings)).toBe(true);
    const [{ id }] = await t.db.query(`SELECT id FROM notification WHERE case_id = $1`, [caseId]);
    return id;
  }

  /** The tables (with how many rows) whose rows contain `text` anywhere, jsonb and arrays included; rows that also contain `unless` are not counted. */
  async function tablesContaining(text: string, unless?: string): Promise<Record<string, number>> {
    const tables: { tablename: string }[] = await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const found: Record<string, number> = {};
    for (const { tablename } of tables) {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE strpos(x::text, $1) > 0 AND ($2::text IS NULL OR strpos(x::text, $2) = 0)`, [text, unless ?? null]);
      if (n > 0) found[tablename] = n;
    }
    return found;
  }

  /** Every row of every table, to prove a refused deletion changed nothing. */
  async function everything(): Promise<Record<string, string>> {
    const tables: { tablename: string }[] = await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const prints: Record<string, string> = {};
    for (const { tablename } of tables) {
      const [row] = await t.db.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS print FROM "${tablename}" x`);
      prints[tablename] = row.print;
    }
    return prints;
  }

  const deletion = (http: TestApp['http'], caseId: string, reason = REASON) => http.post('/api/retention/deletions').send({ caseId, reason });

  it('deletes a case past retention and everything derived from it, and records who deleted it and why', async () => {
    const closed = await closedLongAgo();
    const kept = await createCase(t, { child: CHILD });
    const before = await tablesContaining(closed.id);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['access_log', 'agenda_item', 'case_deadline', 'case_event', 'case_event_supersession', 'ehc_case', 'manager_digest', 'notification', 'outbox', 'panel_decision']),
    );
    expect(Object.keys(await tablesContaining(closed.notificationId))).toEqual(expect.arrayContaining(['notification_delivery', 'outbox']));
    const reads = `SELECT count(*)::int AS total, count(*) FILTER (WHERE case_id IS NULL)::int AS unlinked, count(*) FILTER (WHERE case_id = $1)::int AS ofCase FROM access_log`;
    const [readsBefore] = await t.db.query(reads, [closed.id]);
    expect(readsBefore.ofcase).toBeGreaterThan(0);

    const manager = await t.signInAs(['manager']);
    const response = await deletion(manager.http, closed.id);
    expect(response.status).toBe(201);
    const record = { caseId: closed.id, reference: closed.reference, status: 'withdrawn', closedOn: '2019-03-04', retainUntil: '2025-03-04', reason: REASON };
    expect(response.body).toEqual({ ...record, id: expect.any(String), deletedById: manager.id, deletedBy: manager.email, deletedAt: t.clock.now().toISOString() });

    expect(await tablesContaining(closed.id)).toEqual({ retention_deletion: 1 });
    expect(await tablesContaining(closed.notificationId)).toEqual({});
    // The other case of the same child is untouched; nothing else names the child.
    expect(await tablesContaining(CHILD.familyName, kept.id)).toEqual({});
    // Who read how many cases when stays on record, without the case.
    expect((await t.db.query(reads, [closed.id]))[0]).toEqual({ total: readsBefore.total, unlinked: readsBefore.unlinked + readsBefore.ofcase, ofcase: 0 });
    await t.http.get(`/api/cases/${kept.id}`).expect(200);
    const [digest] = (await t.http.get('/api/digests/2019-02-19').expect(200)).body.content.teams;
    expect(digest.overdue).toEqual([expect.objectContaining({ caseId: null, reference: closed.reference, deadline: 'decisionToAssess' })]);

    await t.http.get(`/api/cases/${closed.id}`).expect(404);
    expect((await t.http.get('/api/retention/due')).body).toEqual([]);
    const auditor = await t.signInAs(['auditor']);
    const listed = await auditor.http.get('/api/retention/deletions').expect(200);
    expect(listed.body).toEqual({ items: [response.body], page: 1, pageSize: 50, total: 1 });
    expect(listed.text).not.toMatch(new RegExp(`${CHILD.givenName}|${CHILD.familyName}|${CHILD.dateOfBirth}`));
  });

  it('deletes a dispute of the case’s decision with the case: its row, trail, limits and re-planning jobs', async () => {
    t.clock.setToday('2019-02-19');
    const created = await createCase(t, { requestReceivedOn: '2019-01-07', child: CHILD });
    await ok(postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2019-02-04', decision: 'decline', reasons: 'Needs met at SEN support' }), 200);
    const dispute = await t.http.post('/api/disputes').send({ caseId: created.id, decision: 'refusal_to_assess', noticeSentOn: '2019-02-05' });
    expect(dispute.status).toBe(201);
    await ok(t.http.post(`/api/disputes/${dispute.body.id}/events`).send({ type: 'WITHDRAWN', occurredOn: '2019-02-18' }), 200);
    // A digest sent while the dispute had an order step overdue keeps the line, without the dispute's id.
    const line = { disputeId: dispute.body.id, reference: dispute.body.reference, deadline: 'orderNotice', dueOn: '2019-02-12', days: 5 };
    const content = { digestOn: '2019-02-17', totals: { overdue: 0, dueSoon: 0, adviceOverdue: 0 }, teams: [], disputes: { totals: { ordersOverdue: 1, ordersDueSoon: 0 }, teams: [{ assignee: null, ordersOverdue: [line], ordersDueSoon: [] }] } };
    await t.db.query(`INSERT INTO manager_digest (local_authority_id, digest_on, content) SELECT local_authority_id, '2019-02-17', $2 FROM ehc_case WHERE id = $1`, [created.id, content]);
    t.clock.setToday(TODAY);
    expect(Object.keys(await tablesContaining(dispute.body.id))).toEqual(expect.arrayContaining(['dispute', 'dispute_event', 'outbox', 'manager_digest']));
    const manager = await t.signInAs(['manager']);
    expect((await deletion(manager.http, created.id)).status).toBe(201);
    expect(await tablesContaining(dispute.body.id)).toEqual({});
    const kept = (await t.http.get('/api/digests/2019-02-17').expect(200)).body.content.disputes.teams[0].ordersOverdue;
    expect(kept).toEqual([{ ...line, disputeId: null }]);
    expect(await tablesContaining(created.id)).toEqual({ retention_deletion: 1 });
  });

  it('deletes the notices sent on the case with it: the copies as sent, their email and its job', async () => {
    await ok(t.http.put('/api/notices/settings').send(NOTICE_DETAILS), 200);
    t.clock.setToday('2019-02-05');
    const created = await createCase(t, { requestReceivedOn: '2019-01-07', child: CHILD });
    await ok(postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2019-02-04', decision: 'decline', reasons: 'Needs met at SEN support' }), 200);
    const sent = await ok(t.http.post(`/api/cases/${created.id}/notices/decision_to_assess/send`).send({ method: 'email', to: 'parent@test.example' }), 200);
    t.clock.setToday(TODAY);
    expect(Object.keys(await tablesContaining(sent.notice.id))).toEqual(expect.arrayContaining(['case_notice', 'case_notice_delivery', 'outbox']));
    // The copy as sent cannot be changed or deleted outside the deletion.
    await expect(t.db.query(`DELETE FROM case_notice WHERE id = $1`, [sent.notice.id])).rejects.toThrow('case_notice is append-only');
    const manager = await t.signInAs(['manager']);
    expect((await deletion(manager.http, created.id)).status).toBe(201);
    expect(await tablesContaining(sent.notice.id)).toEqual({});
    expect(await tablesContaining(CHILD.familyName)).toEqual({});
    expect(await tablesContaining(created.id)).toEqual({ retention_deletion: 1 });
  });

  it('deletes the advice portal’s links with the case: their tokens, emails and jobs, and the advice received through them', async () => {
    t.clock.setToday('2019-02-19');
    const created = await createCase(t, { requestReceivedOn: '2019-01-07', child: CHILD });
    await ok(postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2019-02-04', decision: 'assess' }), 200);
    await ok(postEvent(t, created.id, { type: 'ADVICE_REQUESTED', occurredOn: '2019-02-05', contributor: 'health', contact: { email: 'paediatrics@trust.example' } }), 200);
    const [{ id: linkId }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [created.id]);
    const { sent } = await sendAdvice(t, await mintToken(t, linkId), { file: { content: ADVICE_PDF, name: 'health.pdf' }, text: `No health needs for ${CHILD.givenName}.` });
    expect(sent.status).toBe(200);
    t.clock.setToday('2019-03-04');
    await ok(postEvent(t, created.id, { type: 'WITHDRAWN', occurredOn: '2019-03-04', reason: 'moved away' }), 200);
    const documents: { id: string }[] = await t.db.query(`SELECT id FROM advice_document WHERE case_id = $1`, [created.id]);
    expect(documents).toHaveLength(2);
    t.clock.setToday(TODAY);
    expect(Object.keys(await tablesContaining(linkId))).toEqual(expect.arrayContaining(['advice_link', 'advice_link_token', 'advice_link_delivery', 'advice_document', 'outbox']));

    const manager = await t.signInAs(['manager']);
    expect((await deletion(manager.http, created.id)).status).toBe(201);
    expect(await tablesContaining(linkId)).toEqual({});
    for (const { id } of documents) expect(await tablesContaining(id)).toEqual({});
    expect(await tablesContaining(created.id)).toEqual({ retention_deletion: 1 });
  });

  it('keeps the copy of advice another case of the child reused when the original is erased (reg 6(4))', async () => {
    t.clock.setToday('2019-02-19');
    const created = await createCase(t, { requestReceivedOn: '2019-01-07', child: CHILD });
    const contact = { email: 'paediatrics@trust.example' };
    await ok(postEvent(t, created.id, { type: 'DECISION_TO_ASSESS', occurredOn: '2019-02-04', decision: 'assess' }), 200);
    await ok(postEvent(t, created.id, { type: 'ADVICE_REQUESTED', occurredOn: '2019-02-05', contributor: 'health', contact }), 200);
    const [{ id: firstLink }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [created.id]);
    expect((await sendAdvice(t, await mintToken(t, firstLink), { file: { content: ADVICE_PDF, name: 'health.pdf' } })).sent.status).toBe(200);
    const [{ id: original }] = await t.db.query(`SELECT id FROM advice_document WHERE case_id = $1`, [created.id]);
    t.clock.setToday('2019-03-04');
    await ok(postEvent(t, created.id, { type: 'WITHDRAWN', occurredOn: '2019-03-04', reason: 'moved away' }), 200);
    // Back that summer: a new assessment of the same child, whose paediatrician confirms the advice still stands.
    t.clock.setToday('2019-09-09');
    const { childId } = (await t.http.get(`/api/cases/${created.id}`).expect(200)).body;
    const again = (await t.http.post('/api/cases').send({ ...newCaseBody({ requestReceivedOn: '2019-08-05', child: CHILD }), childId }).expect(201)).body.id;
    await ok(postEvent(t, again, { type: 'DECISION_TO_ASSESS', occurredOn: '2019-08-19', decision: 'assess' }), 200);
    await ok(postEvent(t, again, { type: 'ADVICE_REQUESTED', occurredOn: '2019-09-02', contributor: 'health', contact }), 200);
    const [{ id: secondLink }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [again]);
    expect((await confirmStillStands(t, await mintToken(t, secondLink), [original])).sent.status).toBe(200);
    t.clock.setToday(TODAY);

    const manager = await t.signInAs(['manager']);
    expect((await deletion(manager.http, created.id)).status).toBe(201);
    expect(await tablesContaining(created.id)).toEqual({ retention_deletion: 1 });
    expect(await tablesContaining(original)).toEqual({});
    const [copy] = (await t.http.get(`/api/cases/${again}/advice-documents`).expect(200)).body;
    expect(copy).toMatchObject({ filename: 'health.pdf', receivedOn: '2019-09-09', reusedFrom: null, reusedReceivedOn: '2019-02-19' });
    const kept = await t.http.get(`/api/cases/${again}/advice-documents/${copy.id}`).buffer(true).parse(binary as never).expect(200);
    expect((kept.body as Buffer).equals(ADVICE_PDF)).toBe(true);
  });

  it('deletes the child record with its last case: its identity items, their changes and the child link of its reads', async () => {
    const closed = await closedLongAgo();
    const { childId } = (await t.http.get(`/api/cases/${closed.id}`).expect(200)).body;
    await ok(t.http.put(`/api/children/${childId}/identity`).send({ sex: 'F', ethnicity: 'WIRI', postcode: 'YO1 7HH' }), 200);
    await t.http.get(`/api/children/${childId}`).expect(200);
    expect(Object.keys(await tablesContaining(childId))).toEqual(expect.arrayContaining(['child', 'child_identity_change', 'access_log', 'ehc_case']));
    const reads = `SELECT count(*)::int AS total, count(*) FILTER (WHERE child_id = $1)::int AS ofchild FROM access_log`;
    const [readsBefore] = await t.db.query(reads, [childId]);
    expect(readsBefore.ofchild).toBeGreaterThan(0);

    const manager = await t.signInAs(['manager']);
    await deletion(manager.http, closed.id).expect(201);
    expect(await tablesContaining(childId)).toEqual({});
    expect(await tablesContaining('YO1 7HH')).toEqual({});
    expect((await t.db.query(reads, [childId]))[0]).toEqual({ total: readsBefore.total, ofchild: 0 });
    await t.http.get(`/api/children/${childId}`).expect(404);
    // The append-only tables let go of that child only during its case's deletion.
    const other = await createCase(t);
    await ok(t.http.put(`/api/children/${other.childId}/identity`).send({ sex: 'M' }), 200);
    await expect(inTransaction([`SELECT set_config('${CHILD_DELETION_SETTING}', '${other.childId}', true)`, `DELETE FROM child_identity_change WHERE child_id = '${other.childId}'`])).rejects.toThrow(/append-only/);
  });

  it('keeps the child record while another case or a plan names it', async () => {
    const closed = await closedLongAgo();
    const { childId } = (await t.http.get(`/api/cases/${closed.id}`).expect(200)).body;
    await ok(t.http.put(`/api/children/${childId}/identity`).send({ sex: 'F' }), 200);
    const later = await ok(t.http.post('/api/cases').send({ child: CHILD, requestReceivedOn: '2026-10-05', requestSource: 'parent', childId }), 201);
    const manager = await t.signInAs(['manager']);
    await deletion(manager.http, closed.id).expect(201);
    const kept = (await t.http.get(`/api/children/${childId}`).expect(200)).body;
    expect(kept).toMatchObject({ sex: 'F', version: 2, cases: [{ id: later.id }], plans: [] });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM child_identity_change WHERE child_id = $1`, [childId]))[0].n).toBe(1);
  });

  it('has a step for every table with a case_id column, so a new one cannot be forgotten', async () => {
    const columns: { table_name: string }[] = await t.db.query(
      `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND (c.column_name = 'case_id' OR c.column_name LIKE '%\\_case\\_id') AND c.table_name <> 'retention_deletion'`,
    );
    const unhandled = columns.map((c) => c.table_name).filter((table) => !ERASED_TABLES.includes(table));
    expect(unhandled).toEqual([]);
  });

  it('refuses an open case, and a closed one still within its retention period, changing nothing until its time comes', async () => {
    const open = await createCase(t, { requestReceivedOn: '2018-01-08', child: CHILD });
    const recent = await createCase(t, { requestReceivedOn: '2024-01-08', child: CHILD });
    await ok(postEvent(t, recent.id, { type: 'WITHDRAWN', occurredOn: '2024-02-05', reason: 'moved away' }), 200);
    const manager = await t.signInAs(['manager']);
    const before = await everything();

    const refusedOpen = await deletion(manager.http, open.id);
    expect(refusedOpen.status).toBe(422);
    expect(refusedOpen.body).toMatchObject({ code: 'RETENTION_DELETION_REFUSED', message: `Case ${open.reference} is still open (status awaiting_decision): only a closed case past its retention period can be deleted.` });
    t.clock.setToday('2030-02-05');
    const refusedRecent = await deletion(manager.http, recent.id);
    expect(refusedRecent.status).toBe(422);
    expect(refusedRecent.body.message).toBe(`Case ${recent.reference} closed on 2024-02-05 and is kept until 2030-02-05 (6 years): it can be deleted from the day after.`);
    expect(await everything()).toEqual(before);

    t.clock.setToday('2030-02-06');
    expect((await deletion(manager.http, recent.id)).status).toBe(201);
    expect(await tablesContaining(recent.id)).toEqual({ retention_deletion: 1 });
  });

  it('refuses malformed requests with 400 and changes nothing', async () => {
    const closed = await closedLongAgo();
    const before = await everything();
    for (const body of [{ caseId: closed.id }, { caseId: closed.id, reason: '   too short   ' }, { caseId: 'not-a-uuid', reason: REASON }, { reason: REASON }, { caseId: closed.id, reason: REASON, force: true }]) {
      const response = await t.http.post('/api/retention/deletions').send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect((await deletion(t.http, '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d')).status).toBe(404);
    expect(await everything()).toEqual(before);
  });

  it('lets managers delete, auditors only read, caseworkers neither, and another authority nothing of this one', async () => {
    const closed = await closedLongAgo();
    const caseworker = await t.signInAs(['caseworker']);
    const auditor = await t.signInAs(['auditor']);
    const managerOfB = await t.signInAs(['manager'], 'RETB');
    const before = await everything();

    expect((await deletion(caseworker.http, closed.id)).status).toBe(403);
    expect((await caseworker.http.get('/api/retention/deletions')).status).toBe(403);
    expect((await deletion(auditor.http, closed.id)).status).toBe(403);
    const notFound = await deletion(managerOfB.http, closed.id);
    expect(notFound.status).toBe(404);
    expect(notFound.body.message).toBe(`No case with id ${closed.id} exists.`);
    expect(await everything()).toEqual(before);

    expect((await deletion(t.http, closed.id)).status).toBe(201);
    expect((await managerOfB.http.get('/api/retention/deletions').expect(200)).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    expect((await auditor.http.get('/api/retention/deletions?pageSize=1').expect(200)).body).toMatchObject({ items: [{ caseId: closed.id }], pageSize: 1, total: 1 });
  });

  it('deletes a case once when two deletions race', async () => {
    const closed = await closedLongAgo();
    const [first, second] = await Promise.all([deletion(t.http, closed.id), deletion(t.http, closed.id)]);
    expect([first.status, second.status].sort()).toEqual([201, 404]);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM retention_deletion WHERE case_id = $1`, [closed.id]);
    expect(n).toBe(1);
  });

  it('leaves everything as it was when any part of the deletion fails', async () => {
    const closed = await closedLongAgo();
    // A table the erasure does not know about, holding the case: the case row cannot go, so nothing may.
    await t.db.query(`CREATE TABLE retention_test_unknown (case_id uuid NOT NULL REFERENCES ehc_case(id))`);
    try {
      await t.db.query(`INSERT INTO retention_test_unknown VALUES ($1)`, [closed.id]);
      const before = await everything();
      expect((await deletion(t.http, closed.id)).status).toBe(500);
      expect(await everything()).toEqual(before);
    } finally {
      await t.db.query(`DROP TABLE retention_test_unknown`);
    }
  });

  it('keeps the record and the trails append-only: only a deletion being recorded in the same transaction lifts them, for its own case', async () => {
    const closed = await closedLongAgo();
    const other = await createCase(t);
    await deletion(t.http, closed.id).expect(201);
    await expect(t.db.query(`UPDATE retention_deletion SET reason = 'something else entirely'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM retention_deletion`)).rejects.toThrow(/append-only/);

    // The setting alone, naming a case with no deletion recorded in this transaction, lifts nothing.
    await expect(inTransaction([`SELECT set_config('${DELETION_SETTING}', '${other.id}', true)`, `DELETE FROM case_event WHERE case_id = '${other.id}'`])).rejects.toThrow(/append-only/);
    // Nor does an earlier transaction's record of that case.
    await expect(inTransaction([`SELECT set_config('${DELETION_SETTING}', '${closed.id}', true)`, `DELETE FROM case_event WHERE case_id = '${other.id}'`])).rejects.toThrow(/append-only/);
    await t.http.get(`/api/cases/${other.id}`).expect(200);
    await expect(inTransaction([`SELECT set_config('${DELETION_SETTING}', '${other.id}', true)`, `UPDATE access_log SET actor = 'someone else' WHERE case_id = '${other.id}'`])).rejects.toThrow(/append-only/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [other.id]);
    expect(n).toBe(1);
  });

  async function inTransaction(statements: string[]): Promise<void> {
    await t.db.transaction(async (tx) => {
      for (const sql of statements) await tx.query(sql);
    });
  }
});
