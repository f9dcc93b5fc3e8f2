import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { emptyQueues } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { binary, pdfAttachment, pdfText } from '../support/pdf-documents.js';

/**
 * Sending a statutory notice on Monday 7 December 2026 (dates by hand). Amara's request came on
 * 26 October, so the decision whether to assess is due by 7 December (6 weeks, reg 4(1)); the
 * authority decided not to assess on Thursday 3 December and had told the family nothing yet, so
 * the limit is met only on the day the notice is served (reg 5(1)). An email sent today is served
 * today, in time; a letter posted on Friday 4 December is served on Tuesday 8 December, two working
 * days later, one day late.
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A case declined on 3 December with no notice recorded. */
async function declinedCase(t: TestApp): Promise<string> {
  const id = (await createCase(t, { child: AMARA, requestReceivedOn: '2026-10-26' })).id;
  expect((await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-12-03', decision: 'decline', reasons: 'Needs can be met at SEN support.' })).status).toBe(200);
  return id;
}

describe('POST /api/cases/:id/notices/:notice/send, with a mail server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let caseId: string;

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
    caseId = await declinedCase(t);
  });

  it('emails the notice with its PDF, keeps the copy as sent, and meets the limit on the day it goes', async () => {
    const before = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    expect(before.deadlines.decisionToAssess).toMatchObject({ metOn: '2026-12-03', noticeAssumed: true });

    const res = await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).set('If-Match', String(before.version)).send({ method: 'email', to: 'parent@example.org' }).expect(200);
    expect(res.body.notice).toMatchObject({
      notice: 'decision_to_assess', version: 1, method: 'email', recipient: 'family', sentTo: 'parent@example.org', sentOn: TODAY, servedOn: TODAY,
      title: 'We will not carry out an EHC needs assessment for Amara Okafor', eventSeq: before.version + 1,
      deliveries: [expect.objectContaining({ channel: 'email', target: 'parent@example.org' })],
    });
    expect(res.body.case.version).toBe(before.version + 1);
    expect(res.body.case.deadlines.decisionToAssess).toMatchObject({ metOn: TODAY, status: 'met', noticeAssumed: false });
    const trail = (await t.http.get(`/api/cases/${caseId}/events`).expect(200)).body;
    expect(trail.at(-1)).toMatchObject({ seq: before.version + 1, type: 'NOTICE_SENT', payload: { notice: 'decision_to_assess', sentOn: TODAY, method: 'email', recipient: 'family' } });

    const mail = mailText(await eventually(async () => smtp.received[0], 'the notice’s email'));
    expect(smtp.received[0].to).toEqual(['parent@example.org']);
    // The subject shows on lock screens: the authority and the reference, never the child.
    expect(mail).toMatch(/Subject: Local authority: our decision about an EHC needs assessment \(our reference EHC-2026-\d+\)/);
    expect(mail).not.toMatch(/Subject:[^\n]*Amara/);
    expect(mail).toContain('Reply-To: send@example.gov.uk');
    expect(mail).toContain('Content-Type: text/html');
    expect(mail).toMatch(/Content-Type: application\/pdf; name=EHC-2026-\d+-decision_to_assess-v1\.pdf/);
    expect(mail).toContain('We will not carry out an EHC needs assessment for Amara Okafor');
    const sent = await eventually(async () => {
      const [listed] = (await t.http.get(`/api/cases/${caseId}/notices`).expect(200)).body;
      return listed.deliveries[0].status === 'sent' ? listed : undefined;
    }, 'the delivery to be marked sent');
    expect(sent.deliveries[0]).toMatchObject({ attempts: 1, lastError: null, sentAt: expect.any(String) });

    const pdf = await t.http.get(`/api/cases/${caseId}/notices/decision_to_assess/versions/1`).set('Accept', 'application/pdf').buffer(true).parse(binary as never).expect(200);
    expect(sha256(pdf.body as Buffer)).toBe(sent.pdfSha256);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Date of this notice: 7 December 2026');
    expect(text).toContain('Last day to appeal to the Tribunal: 8 February 2027');
  });

  it('emails each notice of the assessment, its PDF carrying the child, the dates and the rights its regulation requires', async () => {
    const ben = { givenName: 'Ben', familyName: 'Brown', dateOfBirth: '2016-01-20' };
    const build = async (child: typeof ben, requestReceivedOn: string, events: Record<string, unknown>[]) => {
      const id = (await createCase(t, { child, requestReceivedOn })).id;
      for (const event of events) expect((await postEvent(t, id, event)).status).toBe(200);
      return id;
    };
    // Requested 3 August: the final plan is due by 21 December (20 weeks). The draft of 4 December, emailed today, leaves until 21 December (15 days from today).
    const drafted = await build(ben, '2026-08-03', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-07', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-11-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-12-04' },
    ]);
    const assessing = await build({ ...ben, givenName: 'Cara' }, '2026-10-26', [{ type: 'DECISION_TO_ASSESS', occurredOn: '2026-12-01', decision: 'assess' }]);
    const notIssued = await build({ ...ben, givenName: 'Dev' }, '2026-07-06', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-08-10', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-12-01', decision: 'not_issue', reasons: 'Needs can be met from the school’s resources.' },
    ]);
    const finalised = await build({ ...ben, givenName: 'Ella' }, '2026-06-01', [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-07-06', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-09-14', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-10-05' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-11-02', placement: 'Oak Primary School' },
    ]);
    // Emailed today, each is served today: 2 months on is Sunday 7 February 2027, so the last day to appeal is Monday 8 February (HESC r.12).
    const appeal = ['Contact a mediation adviser by: 7 February 2027', 'Last day to appeal to the Tribunal: 8 February 2027', 'First-tier Tribunal', 'Global Mediation', 'Example Disagreement Resolution Service', 'Exampleshire SENDIASS'];
    const expected: [string, string, string, string[]][] = [
      [caseId, 'decision_to_assess', 'We will not carry out an EHC needs assessment for Amara Okafor', ['born 12 April 2017', 'Needs can be met at SEN support.', 'regs 4(1), 5(1) and 5(3)', ...appeal]],
      [assessing, 'decision_to_assess', 'We will carry out an EHC needs assessment for Cara Brown', ['Latest date for the final EHC plan, or a decision not to issue one: 15 March 2027']],
      [drafted, 'decision_to_issue', 'We will prepare an EHC plan for Ben Brown', ['Latest date for the final EHC plan: 21 December 2026', 'at least 15 days']],
      [notIssued, 'decision_to_issue', 'We will not issue an EHC plan for Dev Brown', ['Needs can be met from the school’s resources.', 'regs 10(1) and 10(3)', ...appeal]],
      [drafted, 'draft_plan', 'The draft EHC plan for Ben Brown', ['Draft plan served: 7 December 2026', 'Last day to comment, ask for a school or college, or ask for a meeting: 21 December 2026', 'Our local offer lists the schools, colleges and other settings available', 'reg 13(1)']],
      [finalised, 'final_plan', 'The final EHC plan for Ella Brown', ['Final plan issued: 2 November 2026', 'Oak Primary School', ...appeal]],
    ];
    for (const [id, notice] of expected) {
      await t.http.post(`/api/cases/${id}/notices/${notice}/send`).send({ method: 'email', to: `${notice}.${id.slice(0, 8)}@example.org` }).expect(200);
    }
    await eventually(async () => (smtp.received.length >= expected.length ? true : undefined), 'every notice’s email', 60_000);
    for (const [id, notice, title, parts] of expected) {
      const mail = smtp.received.find((m) => m.to.includes(`${notice}.${id.slice(0, 8)}@example.org`))!;
      expect(mailText(mail)).toContain(title);
      const text = await pdfText(pdfAttachment(mail.body));
      for (const part of [title, 'Date of this notice: 7 December 2026', ...parts]) expect([notice, text]).toEqual([notice, expect.stringContaining(part)]);
    }
  });

  it('records a letter posted earlier on its served date, numbers each sending, and keeps each copy as it went out', async () => {
    const posted = await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post', sentOn: '2026-12-04', to: 'Mrs A Okafor, 1 High Street, Exampleton' }).expect(200);
    expect(posted.body.notice).toMatchObject({ version: 1, method: 'post', sentOn: '2026-12-04', servedOn: '2026-12-08', sentTo: 'Mrs A Okafor, 1 High Street, Exampleton', deliveries: [] });
    expect(posted.body.case.deadlines.decisionToAssess).toMatchObject({ dueOn: '2026-12-07', metOn: '2026-12-08', status: 'met_late' });
    const [{ jobs }] = await t.db.query(`SELECT count(*)::int AS jobs FROM outbox WHERE data->>'kind' = 'case_notice'`);
    expect(jobs).toBe(0);

    // The authority's details change after the letter went: the kept copy is the letter as sent.
    await t.http.put('/api/notices/settings').send({ ...NOTICE_DETAILS, team: 'SEND Casework Team' }).expect(200);
    const handed = await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'hand', recipient: 'young person' }).expect(200);
    expect(handed.body.notice).toMatchObject({ version: 2, method: 'hand', recipient: 'young person', servedOn: TODAY, sentTo: null });
    const first = (await t.http.get(`/api/cases/${caseId}/notices/decision_to_assess/versions/1`).expect(200)).text;
    const second = (await t.http.get(`/api/cases/${caseId}/notices/decision_to_assess/versions/2`).expect(200)).text;
    expect(first).toContain('SEND Assessment Team');
    expect(first).toContain('Date of this notice: 4 December 2026');
    expect(second).toContain('SEND Casework Team');
    await t.http.get(`/api/cases/${caseId}/notices/decision_to_assess/versions/3`).expect(404);
    const listed = (await t.http.get(`/api/cases/${caseId}/notices`).expect(200)).body;
    expect(listed.map((n: { version: number; method: string }) => [n.version, n.method])).toEqual([[1, 'post'], [2, 'hand']]);

    const exported = (await t.http.get(`/api/cases/${caseId}/export`).expect(200)).body;
    expect(exported.notices).toHaveLength(2);
    for (const notice of exported.notices) {
      expect(sha256(Buffer.from(notice.pdfBase64, 'base64'))).toBe(notice.pdfSha256);
      expect(notice.text).toContain('We will not carry out an EHC needs assessment for Amara Okafor');
    }
    expect(exported.notices[1].html).toContain('SEND Casework Team');
    const reads = await t.db.query(`SELECT route FROM access_log WHERE action = 'notice_read' ORDER BY accessed_at`);
    expect(reads.map((r: { route: string }) => r.route)).toEqual(['GET /api/cases/:id/notices/:notice/versions/:version', 'GET /api/cases/:id/notices/:notice/versions/:version', 'GET /api/cases/:id/notices']);
  });

  it('refuses what it cannot send, and then has sent, kept and recorded nothing', async () => {
    const before = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    const send = (notice: string, body: object, ifMatch?: number) => {
      const request = t.http.post(`/api/cases/${caseId}/notices/${notice}/send`);
      return (ifMatch === undefined ? request : request.set('If-Match', String(ifMatch))).send(body);
    };
    const refusals: [string, object, number, string, number?][] = [
      ['decision_to_assess', { method: 'email' }, 400, 'to must be the email address the notice is sent to'],
      ['decision_to_assess', { method: 'email', to: 'not an address' }, 400, 'to must be the email address'],
      ['decision_to_assess', { method: 'email', to: 'parent@example.org', sentOn: '2026-12-04' }, 400, 'an emailed notice goes today'],
      ['decision_to_assess', { method: 'post', sentOn: '2026-12-08' }, 400, 'sentOn must be today or earlier'],
      ['decision_to_assess', { method: 'portal' }, 400, 'method must be one of the following values: email, post, hand'],
      ['cease_decision', { method: 'post' }, 400, 'notice must be one of decision_to_assess, decision_to_issue, draft_plan, final_plan'],
      ['decision_to_issue', { method: 'post' }, 422, 'There is no decision to issue on this case yet'],
      ['decision_to_assess', { method: 'post', sentOn: '2026-12-02' }, 422, 'before the step it tells of (2026-12-03)'],
      ['decision_to_assess', { method: 'post' }, 409, 'The case has changed since you loaded it', before.version - 1],
    ];
    for (const [notice, body, status, message, ifMatch] of refusals) {
      const res = await send(notice, body, ifMatch);
      expect([notice, body, res.status]).toEqual([notice, body, status]);
      expect(res.body.message).toContain(message);
    }
    expect((await t.http.get(`/api/cases/${caseId}`).expect(200)).body.version).toBe(before.version);
    expect((await t.http.get(`/api/cases/${caseId}/notices`).expect(200)).body).toEqual([]);
    const [{ kept, jobs }] = await t.db.query(`SELECT (SELECT count(*)::int FROM case_notice) AS kept, (SELECT count(*)::int FROM outbox WHERE data->>'kind' = 'case_notice') AS jobs`);
    expect({ kept, jobs }).toEqual({ kept: 0, jobs: 0 });
    expect(smtp.received).toEqual([]);
  });

  it('meets a Tribunal order to assess with the notice that tells the family, in the same transaction', async () => {
    const refused = (await createCase(t, { child: AMARA, requestReceivedOn: '2026-09-07' })).id;
    expect((await postEvent(t, refused, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-10-19', decision: 'decline', reasons: 'Needs can be met at SEN support.' })).status).toBe(200);
    const dispute = (await t.http.post('/api/disputes').send({ caseId: refused, decision: 'refusal_to_assess', noticeSentOn: '2026-10-19' }).expect(201)).body.id;
    await t.http.post(`/api/disputes/${dispute}/events`).send({ type: 'APPEAL_REGISTERED', occurredOn: '2026-11-02' }).expect(200);
    // Conceded on Monday 30 November: the family must be told within 2 weeks (reg 44(2)(a)), by 14 December.
    const conceded = (await t.http.post(`/api/disputes/${dispute}/events`).send({ type: 'APPEAL_CONCEDED', occurredOn: '2026-11-30', actions: ['assess'] }).expect(200)).body;
    expect(conceded.deadlines.orderNotice).toMatchObject({ dueOn: '2026-12-14', status: 'pending' });
    const sent = (await t.http.post(`/api/cases/${refused}/notices/decision_to_assess/send`).send({ method: 'email', to: 'parent@example.org' }).expect(200)).body;
    // The notice is the order's: the authority will now assess, within the order's weeks.
    expect(sent.notice.title).toBe('We will carry out an EHC needs assessment for Amara Okafor');
    const html = (await t.http.get(`/api/cases/${refused}/notices/decision_to_assess/versions/1`).expect(200)).text;
    expect(html).toContain(`in the disagreement about that decision (our reference ${conceded.reference})`);
    expect(html).toContain('<th scope="row">Latest date for our decision whether to issue an EHC plan</th><td>8 February 2027</td>');
    expect((await t.http.get(`/api/disputes/${dispute}`).expect(200)).body.deadlines.orderNotice).toMatchObject({ metOn: TODAY, status: 'met' });
  });

  it('lets a caseworker send but not an auditor, and keeps another authority’s cases out', async () => {
    const auditor = await t.signInAs(['auditor']);
    await auditor.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post' }).expect(403);
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    await other.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await other.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post' }).expect(404);
    await other.http.get(`/api/cases/${caseId}/notices`).expect(404);
    const caseworker = await t.signInAs(['caseworker']);
    await caseworker.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post' }).expect(200);
    expect((await auditor.http.get(`/api/cases/${caseId}/notices`).expect(200)).body).toHaveLength(1);
  });
});

describe('POST /api/cases/:id/notices/:notice/send, without a mail server', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  afterAll(() => t.close());

  it('refuses an emailed notice, changing nothing, and still sends a letter', async () => {
    await t.reset();
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    const caseId = await declinedCase(t);
    const refused = await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'email', to: 'parent@example.org' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'NOTICE_EMAIL_NOT_CONFIGURED', message: expect.stringContaining('send it by post') });
    expect((await t.http.get(`/api/cases/${caseId}/notices`).expect(200)).body).toEqual([]);
    await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post' }).expect(200);
  });
});
