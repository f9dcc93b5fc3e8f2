import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { createPlan } from '../support/plan-factory.js';
import { emptyQueues } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { binary, pdfAttachment, pdfText } from '../support/pdf-documents.js';

/**
 * A maintained plan's notices, sent on Monday 7 December 2026 (dates by hand). Leo's review
 * meeting was on Monday 16 November; the authority decided on Friday 4 December to amend the plan
 * and had sent nothing yet, so the review decision (due 14 December, 4 weeks from the meeting) and
 * the annual review are met only when the notice is served, and the family's 15 days and the
 * 8 weeks for the amended plan run from that notice (reg 22(2)–(3), Devon [2022]).
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function planEvent(t: TestApp, planId: string, event: Record<string, unknown>) {
  const res = await t.http.post(`/api/plans/${planId}/events`).send(event);
  if (res.status !== 200) throw new Error(`${event.type} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A plan reviewed on 16 November, the decision to amend made on 4 December with no notice recorded. */
async function amendingPlan(t: TestApp): Promise<string> {
  const plan = await createPlan(t, { startedOn: '2025-12-08' });
  await planEvent(t, plan.id, { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-10-01', meetingOn: '2026-11-16' });
  await planEvent(t, plan.id, { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-16' });
  await planEvent(t, plan.id, { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-11-23' });
  await planEvent(t, plan.id, { type: 'REVIEW_DECISION', occurredOn: '2026-12-04', decision: 'amend', reasons: 'Leo now needs speech and language therapy each week.' });
  return plan.id;
}

/** A plan whose authority decided on Tuesday 1 December to cease it, telling nobody yet. */
async function ceasingPlan(t: TestApp, planId?: string): Promise<string> {
  const id = planId ?? (await createPlan(t, { startedOn: '2025-12-08' })).id;
  await planEvent(t, id, { type: 'CEASE_DECISION', occurredOn: '2026-12-01', reasons: 'Leo’s needs are now met at SEN support.', ceaseReason: 2 });
  return id;
}

describe('POST /api/plans/:id/notices/:notice/send, with a mail server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), { RUN_WORKERS: 'true', QUEUE_PREFIX: `ehctest${randomBytes(4).toString('hex')}`, SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await emptyQueues(t.app);
    await t.close();
    await smtp.close();
  }, 60_000);
  beforeEach(async () => {
    await t.reset();
    smtp.received.length = 0;
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
  });

  it('emails the review decision with the proposed amendments, and the plan’s limits run from the day it is served', async () => {
    const planId = await amendingPlan(t);
    const before = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    expect(before.deadlines.reviewDecision).toMatchObject({ dueOn: '2026-12-14', metOn: '2026-12-04', noticeAssumed: true });
    expect(before.deadlines.amendedPlan).toMatchObject({ dueOn: '2027-01-29' });

    const preview = await t.http.get(`/api/plans/${planId}/notices/review_decision`).expect(200);
    expect(preview.text).toContain('We propose to amend the EHC plan for Leo Marsh');

    const res = await t.http.post(`/api/plans/${planId}/notices/review_decision/send`).set('If-Match', String(before.version)).send({ method: 'email', to: 'parent@example.org' }).expect(200);
    expect(res.body.notice).toMatchObject({ notice: 'review_decision', version: 1, method: 'email', sentTo: 'parent@example.org', sentOn: TODAY, servedOn: TODAY, eventSeq: before.version + 1 });
    // Served today: the decision met in time, the 15 days to 21 December, the 8 weeks to 1 February 2027.
    expect(res.body.plan.deadlines.reviewDecision).toMatchObject({ metOn: TODAY, status: 'met', noticeAssumed: false });
    // The review is done once its decision is notified; the next runs 12 months from its meeting.
    expect(res.body.plan.deadlines['annualReview.1']).toMatchObject({ metOn: TODAY, status: 'met' });
    expect(res.body.plan.deadlines.annualReview).toMatchObject({ dueOn: '2027-11-15', metOn: null });
    expect(res.body.plan.deadlines.amendmentRepresentations).toMatchObject({ dueOn: '2026-12-21' });
    expect(res.body.plan.deadlines.amendedPlan).toMatchObject({ dueOn: '2027-02-01', status: 'pending' });
    const trail = (await t.http.get(`/api/plans/${planId}/events`).expect(200)).body;
    expect(trail.at(-1)).toMatchObject({ type: 'NOTICE_SENT', payload: { notice: 'review_decision', sentOn: TODAY, method: 'email', recipient: 'family' } });

    const mail = mailText(await eventually(async () => smtp.received[0], 'the notice’s email'));
    expect(smtp.received[0].to).toEqual(['parent@example.org']);
    expect(mail).toMatch(/Subject: Local authority: our decision after the review of an EHC plan \(our reference PLAN-2025-\d+\)/);
    expect(mail).not.toMatch(/Subject:[^\n]*Leo/);
    expect(mail).toMatch(/Content-Type: application\/pdf; name=PLAN-2025-\d+-review_decision-v1\.pdf/);
    const sent = await eventually(async () => {
      const [listed] = (await t.http.get(`/api/plans/${planId}/notices`).expect(200)).body;
      return listed.deliveries[0].status === 'sent' ? listed : undefined;
    }, 'the delivery to be marked sent');

    const pdf = await t.http.get(`/api/plans/${planId}/notices/review_decision/versions/1`).set('Accept', 'application/pdf').buffer(true).parse(binary as never).expect(200);
    expect(sha256(pdf.body as Buffer)).toBe(sent.pdfSha256);
    const text = await pdfText(pdf.body as Buffer);
    for (const part of [
      'We propose to amend the EHC plan for Leo Marsh',
      'review meeting on 16 November 2026',
      'Leo now needs speech and language therapy each week.',
      'Last day to comment, ask for a school or college, or ask for a meeting: 21 December 2026',
      'Latest date for the amended plan, or our decision not to amend: 1 February 2027',
      'reg 22(2)',
    ]) expect(text).toContain(part);
    const reads = await t.db.query(`SELECT route, plan_id FROM access_log WHERE action = 'plan_notice_read' ORDER BY accessed_at`);
    expect(reads).toEqual(expect.arrayContaining([{ route: 'GET /api/plans/:id/notices/:notice', plan_id: planId }, { route: 'GET /api/plans/:id/notices/:notice/versions/:version', plan_id: planId }]));
  });

  it('emails each notice of a plan, its PDF carrying the child, the dates and the rights its regulation requires', async () => {
    const build = async (givenName: string, events: Record<string, unknown>[], overrides: Record<string, unknown> = {}) => {
      const plan = await createPlan(t, { child: { givenName, familyName: 'Marsh', dateOfBirth: '2015-05-10' }, startedOn: '2025-12-08', ...overrides });
      for (const event of events) await planEvent(t, plan.id, event);
      return plan.id;
    };
    const reviewed = (decision: Record<string, unknown>) => [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-10-01', meetingOn: '2026-11-16' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-16' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-11-23' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-12-04', ...decision },
    ];
    // An amendment proposed after the October review, its notice emailed on 19 October.
    const amending = [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-09-01', meetingOn: '2026-10-05' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-10-05' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-10-12' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-10-19', decision: 'amend', notice: { sentOn: '2026-10-19', method: 'email' } },
    ];
    const requested = { type: 'REASSESSMENT_REQUESTED', occurredOn: '2026-11-30', requestedBy: 'parent' };
    // Emailed today, each is served today: 2 months on is Sunday 7 February 2027, so the last day to appeal is Monday 8 February.
    const appeal = ['Contact a mediation adviser by: 7 February 2027', 'Last day to appeal to the Tribunal: 8 February 2027', 'First-tier Tribunal', 'Global Mediation', 'Example Disagreement Resolution Service', 'Exampleshire SENDIASS'];
    const expected: [string, string, string, string[], string[]][] = [
      [await build('Ada', reviewed({ decision: 'maintain' })), 'review_decision', 'We will keep the EHC plan for Ada Marsh as it is', ['born 10 May 2015', 'Next review due by: 15 November 2027', 'regs 20 and 21', ...appeal], []],
      [await build('Bea', [{ type: 'AMENDMENT_NOTICE_SENT', occurredOn: '2026-12-04', method: 'hand' }]), 'amendment_notice', 'We propose to amend the EHC plan for Bea Marsh',
        ['Last day to comment, ask for a school or college, or ask for a meeting: 21 December 2026', 'Latest date for the amended plan, or our decision not to amend: 1 February 2027', 'reg 22(2)', 'Our local offer lists'], ['Tribunal']],
      [await build('Cal', [...amending, { type: 'AMENDED_PLAN_ISSUED', occurredOn: '2026-12-04', namedSetting: 'Oak Academy' }]), 'amended_plan', 'The amended EHC plan for Cal Marsh',
        ['Amended plan issued: 4 December 2026', 'It names Oak Academy in section I.', 'sections B, F and I', 'reg 22(3)', ...appeal], []],
      [await build('Dot', [...amending, { type: 'DECISION_NOT_TO_AMEND', occurredOn: '2026-12-04', reasons: 'The school can meet the need within the current plan.' }]), 'decision_not_to_amend', 'We have decided not to amend the EHC plan for Dot Marsh',
        ['The school can meet the need within the current plan.', 'reg 22(4)', ...appeal], []],
      [await build('Eve', [requested, { type: 'REASSESSMENT_DECISION', occurredOn: '2026-12-04', decision: 'reassess' }]), 'reassessment_decision', 'We will re-assess the education, health and care needs of Eve Marsh',
        ['Request received: 30 November 2026', 'Latest date for the amended plan, or our decision not to amend: 15 March 2027', 'regs 24–27'], ['Tribunal']],
      [await build('Fay', [requested, { type: 'REASSESSMENT_DECISION', occurredOn: '2026-12-04', decision: 'refuse', reasons: 'Fay was assessed less than 6 months ago.' }]), 'reassessment_decision', 'We will not re-assess the education, health and care needs of Fay Marsh',
        ['Fay was assessed less than 6 months ago.', ...appeal], []],
      [await build('Gus', [{ type: 'CEASE_DECISION', occurredOn: '2026-12-01', reasons: 'Gus’s needs are now met at SEN support.', ceaseReason: 2 }]), 'cease_decision', 'We propose to stop maintaining the EHC plan for Gus Marsh',
        ['Gus’s needs are now met at SEN support.', 'We keep maintaining the plan until at least: 22 February 2027', 'regs 29–31', ...appeal], []],
      // Transferred in on 30 November: reviewed by the later of 7 December 2026 (12 months) and 27 February 2027 (3 months from the transfer).
      [await build('Hal', [], { transferredInOn: '2026-11-30', fromAuthority: 'Northshire County Council' }), 'transfer_notice', 'The EHC plan for Hal Marsh is now maintained by Local authority',
        ['Plan transferred to us: 30 November 2026', 'We will review the plan by: 27 February 2027', 'We do not propose to carry out a new EHC needs assessment', 'reg 15(3)–(5)'], ['Tribunal']],
    ];
    for (const [planId, notice] of expected) await t.http.post(`/api/plans/${planId}/notices/${notice}/send`).send({ method: 'email', to: 'family@example.org' }).expect(200);
    await eventually(async () => smtp.received.length === expected.length || undefined, 'every notice’s email');
    for (const [, notice, title, parts, absent] of expected) {
      const mail = smtp.received.find((m) => mailText(m).includes(title));
      expect([notice, title, mail !== undefined]).toEqual([notice, title, true]);
      const text = await pdfText(pdfAttachment(mail!.body));
      for (const part of [title, `Date of this notice: 7 December 2026`, ...parts]) expect([title, part, text.includes(part)]).toEqual([title, part, true]);
      for (const part of absent) expect([title, part, text.includes(part)]).toEqual([title, part, false]);
    }
  });

  it('records a cease decision posted on Friday on its deemed delivery, which moves the day the plan can cease', async () => {
    const planId = await ceasingPlan(t);
    // Not yet told: the 2 months run from the decision, 1 February 2027, then 10 working days.
    expect((await t.http.get(`/api/plans/${planId}`).expect(200)).body.deadlines.ceaseAppealWindow.dueOn).toBe('2027-02-15');
    const posted = (await t.http.post(`/api/plans/${planId}/notices/cease_decision/send`).send({ method: 'post', sentOn: '2026-12-04', to: 'Mr and Mrs Marsh, 1 High Street, Exampleton' }).expect(200)).body;
    // Posted Friday 4 December, served Tuesday 8 December: the appeal runs to Monday 8 February, the plan is kept to 22 February.
    expect(posted.notice).toMatchObject({ version: 1, method: 'post', sentOn: '2026-12-04', servedOn: '2026-12-08', deliveries: [] });
    expect(posted.plan.deadlines.ceaseAppealWindow.dueOn).toBe('2027-02-22');
    const letter = (await t.http.get(`/api/plans/${planId}/notices/cease_decision/versions/1`).expect(200)).text;
    expect(letter).toContain('<th scope="row">Last day to appeal to the Tribunal</th><td>8 February 2027</td>');
    expect(letter).toContain('<th scope="row">We keep maintaining the plan until at least</th><td>22 February 2027</td>');
    expect(letter).toContain('Leo’s needs are now met at SEN support.');

    // The same letter handed to the school is the next version, kept beside the first.
    const handed = (await t.http.post(`/api/plans/${planId}/notices/cease_decision/send`).send({ method: 'hand', recipient: 'school' }).expect(200)).body;
    expect(handed.notice).toMatchObject({ version: 2, recipient: 'school', servedOn: TODAY });
    const listed = (await t.http.get(`/api/plans/${planId}/notices`).expect(200)).body;
    expect(listed.map((n: { version: number; recipient: string }) => [n.version, n.recipient])).toEqual([[1, 'family'], [2, 'school']]);
    await t.http.get(`/api/plans/${planId}/notices/cease_decision/versions/3`).expect(404);
    const [{ jobs }] = await t.db.query(`SELECT count(*)::int AS jobs FROM outbox WHERE data->>'kind' = 'plan_notice'`);
    expect(jobs).toBe(0);
    await expect(t.db.query(`UPDATE plan_notice SET title = 'changed'`)).rejects.toThrow('plan_notice is append-only');
    await expect(t.db.query(`DELETE FROM plan_notice`)).rejects.toThrow('plan_notice is append-only');
  });

  it('refuses what it cannot send, and then has sent, kept and recorded nothing', async () => {
    const planId = await ceasingPlan(t);
    const before = (await t.http.get(`/api/plans/${planId}`).expect(200)).body;
    const send = (notice: string, body: object, ifMatch?: number) => {
      const request = t.http.post(`/api/plans/${planId}/notices/${notice}/send`);
      return (ifMatch === undefined ? request : request.set('If-Match', String(ifMatch))).send(body);
    };
    const refusals: [string, object, number, string, number?][] = [
      ['final_plan', { method: 'post' }, 400, 'notice must be one of review_decision, amendment_notice, amended_plan'],
      ['cease_decision', { method: 'email' }, 400, 'to must be the email address the notice is sent to'],
      ['cease_decision', { method: 'post', sentOn: '2026-12-08' }, 400, 'sentOn must be today or earlier'],
      ['review_decision', { method: 'post' }, 422, 'There is no review decision on this plan to send a notice of.'],
      ['cease_decision', { method: 'post', sentOn: '2026-11-30' }, 422, 'before the cease decision was made on 2026-12-01'],
      ['cease_decision', { method: 'post' }, 409, 'has changed', before.version - 1],
    ];
    for (const [notice, body, status, message, ifMatch] of refusals) {
      const res = await send(notice, body, ifMatch);
      expect([notice, body, res.status]).toEqual([notice, body, status]);
      expect(res.body.message).toContain(message);
    }
    expect((await t.http.get(`/api/plans/${planId}`).expect(200)).body.version).toBe(before.version);
    const [{ kept, jobs }] = await t.db.query(`SELECT (SELECT count(*)::int FROM plan_notice) AS kept, (SELECT count(*)::int FROM outbox WHERE data->>'kind' = 'plan_notice') AS jobs`);
    expect({ kept, jobs }).toEqual({ kept: 0, jobs: 0 });
    expect(smtp.received).toEqual([]);
  });

  it('keeps the plan’s notices in the subject-access export, of the case that made it or of the plan itself, and out of reach of others', async () => {
    const child = { givenName: 'Ella', familyName: 'Brown', dateOfBirth: '2016-01-20' };
    const caseId = (await createCase(t, { child, requestReceivedOn: '2026-06-01' })).id;
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-07-06', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-09-14', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-10-05' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-11-02', placement: 'Oak Primary School' },
    ]) expect((await postEvent(t, caseId, event)).status).toBe(200);
    const planId = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body.planId;
    await ceasingPlan(t, planId);
    await t.http.post(`/api/plans/${planId}/notices/cease_decision/send`).send({ method: 'hand' }).expect(200);

    const exported = (await t.http.get(`/api/cases/${caseId}/export`).expect(200)).body;
    expect(exported.plan.notices).toHaveLength(1);
    const [notice] = exported.plan.notices;
    expect(sha256(Buffer.from(notice.pdfBase64, 'base64'))).toBe(notice.pdfSha256);
    expect(notice.text).toContain('We propose to stop maintaining the EHC plan for Ella Brown');

    // A plan entered directly, which no case made, has its own export.
    const entered = await ceasingPlan(t);
    await t.http.post(`/api/plans/${entered}/notices/cease_decision/send`).send({ method: 'post' }).expect(200);
    const planExport = (await t.http.get(`/api/plans/${entered}/export`).expect(200)).body;
    expect(planExport).toMatchObject({ caseId: null, child: { record: { plans: [expect.objectContaining({ id: entered })] } }, plan: { plan: { id: entered, child: { givenName: 'Leo', familyName: 'Marsh' } }, notices: [{ notice: 'cease_decision', version: 1, method: 'post' }] } });
    expect(planExport.plan.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'plan_export', route: 'GET /api/plans/:id/export', planId: entered })]));
    expect((await t.http.get(`/api/plans/${planId}/export`).expect(200)).body.caseId).toBe(caseId);

    const auditor = await t.signInAs(['auditor']);
    await auditor.http.post(`/api/plans/${planId}/notices/cease_decision/send`).send({ method: 'post' }).expect(403);
    expect((await auditor.http.get(`/api/plans/${planId}/notices`).expect(200)).body).toHaveLength(1);
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    await other.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await other.http.get(`/api/plans/${planId}/notices/cease_decision`).expect(404);
    await other.http.post(`/api/plans/${planId}/notices/cease_decision/send`).send({ method: 'post' }).expect(404);
    await other.http.get(`/api/plans/${planId}/notices`).expect(404);
    await other.http.get(`/api/plans/${planId}/notices/cease_decision/versions/1`).expect(404);
    await other.http.get(`/api/plans/${planId}/export`).expect(404);
  });
});
