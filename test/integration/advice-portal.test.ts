import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { ADVICE_PDF, PROGRAM_AS_PDF, sendAdvice, tokenIn } from '../support/advice-portal.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { emptyQueues } from '../support/queue-backends.js';
import { binary } from '../support/pdf-documents.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * The advice portal on Monday 7 December 2026 (dates by hand). Amara's assessment began on
 * 2 November; health advice was asked of the community paediatrics team on Monday 9 November,
 * so it is due by Monday 21 December (6 weeks, reg 8(1)) and its link works until 28 days after,
 * Monday 18 January 2027. Today is 10 working days before the due date: the first reminder is due.
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };
const CONTACT = { name: 'Dr Priya Shah', organisation: 'Exampleshire NHS Trust', email: 'paediatrics@trust.example' };
const MAX_BYTES = 4096;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');


describe('The advice portal', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let caseId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), {
      RUN_WORKERS: 'true',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `ehctest${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://ehc.council.example/',
      ADVICE_MAX_BYTES: String(MAX_BYTES),
      ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000',
    });
  }, 60_000);
  afterAll(async () => {
    await emptyQueues(t.app);
    await t.close();
    await smtp.close();
  }, 60_000);
  beforeEach(async () => {
    await emptyQueues(t.app);
    await t.reset();
    t.clock.setToday(TODAY);
    smtp.received.length = 0;
    caseId = await healthAdviceAsked();
  });

  async function healthAdviceAsked(child = AMARA): Promise<string> {
    const id = (await createCase(t, { child, requestReceivedOn: '2026-10-26' })).id;
    expect((await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' })).status).toBe(200);
    expect((await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', body: 'Community paediatrics', contact: CONTACT })).status).toBe(200);
    return id;
  }

  const linkMails = () => smtp.received.filter((mail) => mailText(mail).includes('Subject: Local authority: a request for advice for an EHC needs assessment'));
  const firstLinkMail = () => eventually(async () => linkMails()[0], 'the advice link’s email');
  const adviceDocuments = async (id = caseId) => (await t.http.get(`/api/cases/${id}/advice-documents`).expect(200)).body;

  it('emails the contact a link to a page showing what is asked; a PDF sent through it records the advice received today, and the link then no longer works', async () => {
    const mail = await firstLinkMail();
    expect(mail.to).toEqual([CONTACT.email]);
    const text = mailText(mail);
    // The subject shows on lock screens: never the child.
    expect(text).not.toMatch(/Subject:[^\n]*Amara/);
    expect(text).toContain('Please send it by 21 December 2026');
    expect(text).toContain('https://ehc.council.example/advice/');
    expect(text).toContain('It can be used once, until 18 January 2027');
    const token = tokenIn(mail)!;
    // Only the digest is kept.
    const [{ n: stored }] = await t.db.query(`SELECT count(*)::int AS n FROM advice_link_token WHERE token_sha256 = $1`, [createHash('sha256').update(token).digest()]);
    expect(stored).toBe(1);
    expect(JSON.stringify(await t.db.query(`SELECT * FROM advice_link_token`))).not.toContain(token);

    const page = await t.anonymous.get(`/advice/${token}`).expect(200);
    for (const shown of ['Amara Okafor', '12 April 2017', 'Health – Community paediatrics', 'Dr Priya Shah, Exampleshire NHS Trust', '9 November 2026', '21 December 2026', 'Local authority']) expect(page.text).toContain(shown);

    const { sent } = await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'Amara health advice.pdf' }, text: 'Amara is seen by the community paediatrics team every six months.' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Advice sent');

    const after = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    expect(after.deadlines['advice.health']).toMatchObject({ metOn: TODAY, status: 'met' });
    const trail = (await t.http.get(`/api/cases/${caseId}/events`).expect(200)).body;
    expect(trail.at(-1)).toMatchObject({ type: 'ADVICE_RECEIVED', occurredOn: TODAY, actor: `advice-link:${CONTACT.email}`, payload: { contributor: 'health', request: 'advice.health' } });

    const documents = await adviceDocuments();
    expect(documents).toEqual([
      expect.objectContaining({ filename: 'Amara health advice.pdf', contentType: 'application/pdf', sizeBytes: ADVICE_PDF.length, sha256: sha256(ADVICE_PDF), receivedOn: TODAY, request: 'advice.health', eventSeq: trail.at(-1).seq }),
      expect.objectContaining({ filename: 'advice.txt', contentType: 'text/plain; charset=utf-8' }),
    ]);
    const pdf = await t.http.get(`/api/cases/${caseId}/advice-documents/${documents[0].id}`).buffer(true).parse(binary as never).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="Amara health advice.pdf"; filename*=UTF-8''Amara%20health%20advice.pdf`);
    expect(sha256(pdf.body as Buffer)).toBe(sha256(ADVICE_PDF));
    const typed = await t.http.get(`/api/cases/${caseId}/advice-documents/${documents[1].id}`).expect(200);
    expect(typed.text).toBe('Amara is seen by the community paediatrics team every six months.');

    // Used once: the page now says so, and a second upload keeps nothing.
    const again = await t.anonymous.get(`/advice/${token}`).expect(410);
    expect(again.text).toContain('This link has already been used');
    expect(again.text).not.toContain('Amara');
    expect((await sendAdvice(t, token, { text: 'Again' })).sent.status).toBe(410);
    expect(await adviceDocuments()).toHaveLength(2);
    expect((await t.http.get(`/api/cases/${caseId}/advice-links`).expect(200)).body).toEqual([expect.objectContaining({ request: 'advice.health', state: 'used', contactEmail: CONTACT.email })]);

    // The caseworker is told in the alerts inbox.
    const alerts = (await t.http.get(`/api/alerts?caseId=${caseId}&kind=advice_received`).expect(200)).body.items;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'advice_received', deadline: 'advice.health', message: expect.stringContaining('was received through the advice link') })]);

    // Every showing of the page and the upload are in the access log, under the contact's address.
    const log = (await t.http.get(`/api/access-log?caseId=${caseId}`).expect(200)).body as { action: string; actor: string; route: string; userId: string | null }[];
    const portal = log.filter((line) => line.actor === `advice-link:${CONTACT.email}`).map((line) => [line.action, line.route, line.userId]);
    expect(portal.sort()).toEqual([['advice_link_read', 'GET /advice/:token', null], ['advice_link_read', 'GET /advice/:token', null], ['advice_upload', 'POST /advice/:token', null]]);
    // The caseworker's reads: the list, both downloads, the list again.
    expect(log.filter((line) => line.action === 'advice_document_read').map((line) => line.route).sort()).toEqual([
      'GET /api/cases/:id/advice-documents', 'GET /api/cases/:id/advice-documents', 'GET /api/cases/:id/advice-documents/:documentId', 'GET /api/cases/:id/advice-documents/:documentId',
    ]);
    // And the subject-access export carries them.
    const exported = (await t.http.get(`/api/cases/${caseId}/export`).expect(200)).body;
    expect(exported.advice.documents.map((d: { contentBase64: string }) => Buffer.from(d.contentBase64, 'base64').toString('latin1'))).toEqual([ADVICE_PDF.toString('latin1'), 'Amara is seen by the community paediatrics team every six months.']);
    expect(JSON.stringify(exported.advice.links)).not.toContain(token);
  });

  it('sends the link again with the contributor’s reminder, and the first link keeps working', async () => {
    const first = tokenIn(await firstLinkMail())!;
    const reminder = await eventually(async () => smtp.received.find((mail) => mailText(mail).includes('Health advice (SEND Regs 2014 reg 8(1)) is due on 2026-12-21')), 'the reminder');
    expect(reminder.to).toEqual([CONTACT.email]);
    const second = tokenIn(reminder)!;
    expect(second).not.toBe(first);
    await t.anonymous.get(`/advice/${first}`).expect(200);
    expect((await sendAdvice(t, second, { text: 'No concerns from health.' })).sent.status).toBe(200);
    await t.anonymous.get(`/advice/${first}`).expect(410);
  });

  it('refuses a program named .pdf, a file over the limit and an empty form, keeping nothing', async () => {
    const token = tokenIn(await firstLinkMail())!;
    const before = await storedState(t, caseId);
    const refused: [Parameters<typeof sendAdvice>[2], number, string][] = [
      [{ file: { content: PROGRAM_AS_PDF, name: 'advice.pdf' } }, 400, 'The file must be a PDF or a Word document (.docx or .doc)'],
      [{ file: { content: Buffer.concat([ADVICE_PDF, Buffer.alloc(MAX_BYTES)]), name: 'big.pdf' }, text: 'and some words' }, 413, 'The file must be smaller than 4 KB'],
      [{ text: '   ' }, 400, 'Choose a file with your advice, or type your advice in the box'],
    ];
    for (const [advice, status, message] of refused) {
      const { sent } = await sendAdvice(t, token, advice);
      expect(sent.status).toBe(status);
      expect(sent.text).toContain('There is a problem');
      expect(sent.text).toContain(message);
    }
    expect(await adviceDocuments()).toEqual([]);
    const after = await storedState(t, caseId);
    expect(after.events).toEqual(before.events);
    expect(after.caseRow.version).toBe(before.caseRow.version);
    // The link still works.
    await t.anonymous.get(`/advice/${token}`).expect(200);
  });

  it('shows a plain page for an expired link, and the same one for a revoked link as for an unknown one; a new link works', async () => {
    const token = tokenIn(await firstLinkMail())!;
    t.clock.setToday('2027-01-18');
    await t.anonymous.get(`/advice/${token}`).expect(200);
    t.clock.setToday('2027-01-19');
    const expired = await t.anonymous.get(`/advice/${token}`).expect(410);
    expect(expired.text).toContain('This link has expired');
    expect(expired.text).not.toContain('Amara');
    expect((await t.http.get(`/api/cases/${caseId}/advice-links`).expect(200)).body[0].state).toBe('expired');
    t.clock.setToday(TODAY);

    const revoked = await t.http.post(`/api/cases/${caseId}/advice-links/revoke`).send({ request: 'advice.health' }).expect(200);
    expect(revoked.body).toMatchObject({ state: 'revoked', revokedBy: expect.any(String) });
    const revokedPage = await t.anonymous.get(`/advice/${token}`).expect(404);
    const unknownPage = await t.anonymous.get(`/advice/${randomBytes(32).toString('base64url')}`).expect(404);
    const main = (html: string) => /<main[^]*<\/main>/.exec(html)![0];
    expect(main(revokedPage.text)).toBe(main(unknownPage.text));
    expect(revokedPage.text).toContain('This link does not work');
    expect((await sendAdvice(t, token, { text: 'Too late' })).sent.status).toBe(404);
    await t.http.post(`/api/cases/${caseId}/advice-links/revoke`).send({ request: 'advice.health' }).expect(404);

    const reissued = await t.http.post(`/api/cases/${caseId}/advice-links`).send({ request: 'advice.health' }).expect(201);
    expect(reissued.body).toMatchObject({ state: 'sent', expiresOn: '2027-01-18', contactEmail: CONTACT.email });
    const newer = await eventually(async () => linkMails().map(tokenIn).find((found) => found !== token), 'the new link’s email');
    expect((await sendAdvice(t, newer!, { text: 'No concerns from health.' })).sent.status).toBe(200);
    await t.anonymous.get(`/advice/${token}`).expect(404);
    // Bad input changes nothing.
    await t.http.post(`/api/cases/${caseId}/advice-links`).send({ request: 'health' }).expect(400);
    await t.http.post(`/api/cases/${caseId}/advice-links`).send({ request: 'advice.health' }).expect(422);
    await t.http.post(`/api/cases/${caseId}/advice-links`).send({ request: 'advice.social_care' }).expect(422);
  });

  it('keeps nothing when any part of receiving fails', async () => {
    const token = tokenIn(await firstLinkMail())!;
    const before = await storedState(t, caseId);
    await t.db.query(`CREATE FUNCTION refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox unavailable'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_notification BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION refuse_notification()`);
    try {
      expect((await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'advice.pdf' } })).sent.status).toBe(500);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_notification ON notification`);
      await t.db.query(`DROP FUNCTION refuse_notification()`);
    }
    expect(await adviceDocuments()).toEqual([]);
    const after = await storedState(t, caseId);
    expect(after.events).toEqual(before.events);
    expect((await t.http.get(`/api/cases/${caseId}/advice-links`).expect(200)).body[0].state).toBe('sent');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'advice_upload'`))[0].n).toBe(0);
    expect((await sendAdvice(t, token, { text: 'No concerns from health.' })).sent.status).toBe(200);
  });

  it('lets no other authority, and no other case, reach the links or the advice', async () => {
    const token = tokenIn(await firstLinkMail())!;
    expect((await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'advice.pdf' } })).sent.status).toBe(200);
    const [document] = await adviceDocuments();
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    await other.http.get(`/api/cases/${caseId}/advice-documents`).expect(404);
    await other.http.get(`/api/cases/${caseId}/advice-documents/${document.id}`).expect(404);
    await other.http.get(`/api/cases/${caseId}/advice-links`).expect(404);
    await other.http.post(`/api/cases/${caseId}/advice-links/revoke`).send({ request: 'advice.health' }).expect(404);
    await other.http.post(`/api/cases/${caseId}/advice-links`).send({ request: 'advice.health' }).expect(404);
    const otherCase = (await createCase(t, { requestReceivedOn: '2026-10-26' })).id;
    await t.http.get(`/api/cases/${otherCase}/advice-documents/${document.id}`).expect(404);
    expect(await adviceDocuments(otherCase)).toEqual([]);
  });

  it('limits the portal’s requests per address', async () => {
    const limited = await createTestApp(TODAY, testDatabaseUrl(), { ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const unknown = `/advice/${randomBytes(32).toString('base64url')}`;
      await limited.anonymous.get(unknown).expect(404);
      await limited.anonymous.get(unknown).expect(404);
      const third = await limited.anonymous.get(unknown).expect(429);
      expect(third.headers['retry-after']).toMatch(/^\d+$/);
    } finally {
      await limited.close();
    }
  });
});

