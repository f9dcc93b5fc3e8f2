import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { AlertSweep } from '../../src/alerts/alert-sweep.service.js';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { ADVICE_PDF, PROGRAM_AS_PDF } from '../support/advice-portal.js';
import { TEST_USER } from '../support/auth.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { type FamilyAgent, familySignsIn, sendFamilyMessage } from '../support/family.js';
import { binary } from '../support/pdf-documents.js';
import { emptyQueues } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * Messages from the family, from Monday 7 December 2026 (dates by hand). Amara's assessment is
 * under way and assigned to a caseworker; her mother writes on the family pages. The authority's
 * target is 10 working days unless it sets another: a message on 7 December is to be answered by
 * Monday 21 December, and is missed from Tuesday 22 December.
 */
const TODAY = '2026-12-07';
const MAX_BYTES = 4096;
jest.setTimeout(120_000);

const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };
const GRACE = 'grace@example.org';
const MESSAGE = 'Amara saw the paediatrician on Friday.\nShe now has a diagnosis of autism: the letter is attached.';

describe('Messages from the family, and what the family is told', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), {
      RUN_WORKERS: 'true',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `ehctest${randomBytes(4).toString('hex')}`,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://ehc.council.example/',
      ADVICE_MAX_BYTES: String(MAX_BYTES),
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
    const created = await createCase(t, { child: AMARA, requestReceivedOn: '2026-10-26' });
    [caseId, reference] = [created.id, created.reference];
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' },
      { type: 'ASSIGNED', occurredOn: '2026-11-02', assigneeId: TEST_USER.id },
    ]) expect((await postEvent(t, caseId, event)).status).toBe(200);
    await t.http.post(`/api/cases/${caseId}/family-contacts`).send({ email: GRACE, name: 'Grace Okafor', relationship: 'parent' }).expect(201);
  });

  const staffList = async () => (await t.http.get(`/api/cases/${caseId}/family-messages`).expect(200)).body;
  const stored = async () => (await t.db.query(`SELECT count(*)::int AS n FROM family_message`))[0].n + (await t.db.query(`SELECT count(*)::int AS n FROM family_document`))[0].n;
  const alertsOf = async (kind: string, deadline?: string) =>
    (await t.http.get(`/api/alerts?caseId=${caseId}&kind=${kind}`).expect(200)).body.items.filter((alert: { deadline: string }) => deadline === undefined || alert.deadline === deadline);

  async function graceWrites(body = MESSAGE): Promise<{ grace: FamilyAgent; messageId: string }> {
    const grace = await familySignsIn(t, smtp, GRACE);
    const sent = await sendFamilyMessage(grace, caseId, { body, file: { content: ADVICE_PDF, name: 'paediatrician letter.pdf' } });
    expect(sent.status).toBe(303);
    const [, messageId] = /\?sent=([0-9a-f-]{36})#messages$/.exec(sent.headers.location)!;
    return { grace, messageId };
  }

  it('reaches the caseworker’s inbox and email at once, with its answer due in 10 working days, and changes nothing in the case', async () => {
    const before = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    const { grace, messageId } = await graceWrites();

    const page = (await grace.get(`/family/case/${caseId}?sent=${messageId}`).expect(200)).text;
    expect(page).toContain('Your message has been sent');
    expect(page).toContain('We aim to answer it by 21 December 2026');
    expect(page).toContain('Waiting for an answer');
    expect(page).toContain('With paediatrician letter.pdf');

    const [inbox] = await alertsOf('family_message');
    expect(inbox).toMatchObject({ deadline: `familyMessage.${messageId}`, dueOn: '2026-12-21', message: `${reference}: The family sent a message on the family pages: answer it by 2026-12-21, and record the answer on the case page. A document came with it.` });
    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(TEST_USER.email)), 'the caseworker’s email');
    expect(mailText(mail)).toContain('The family sent a message on the family pages');

    const [message] = await staffList();
    expect(message).toMatchObject({
      id: messageId,
      from: { name: 'Grace Okafor', relationship: 'parent', email: GRACE },
      body: MESSAGE,
      receivedOn: TODAY,
      answerDueOn: '2026-12-21',
      status: 'pending',
      answer: null,
      documents: [{ filename: 'paediatrician letter.pdf', contentType: 'application/pdf', sizeBytes: ADVICE_PDF.length }],
    });
    const file = await t.http.get(message.documents[0].href).buffer(true).parse(binary as never).expect(200);
    expect(Buffer.compare(file.body as Buffer, ADVICE_PDF)).toBe(0);
    expect(file.headers['content-disposition']).toContain('paediatrician letter.pdf');
    const logged = await t.db.query(`SELECT action, route FROM access_log WHERE action LIKE 'family_%' AND case_id = $1 ORDER BY accessed_at, action`, [caseId]);
    expect(logged.map((line: { action: string }) => line.action)).toEqual(expect.arrayContaining(['family_message_read', 'family_document_read']));

    // The statutory record is as it was: a message is not an event of the case.
    const after = (await t.http.get(`/api/cases/${caseId}`).expect(200)).body;
    expect([after.version, after.status]).toEqual([before.version, before.status]);
  });

  it('shows a reply to the family and emails them what changed; the answer is kept once', async () => {
    const { grace, messageId } = await graceWrites();
    t.clock.setToday('2026-12-09');
    const reply = 'Thank you. We have added the letter to Amara’s assessment and asked health to take it into account.';
    const answered = (await t.http.post(`/api/cases/${caseId}/family-messages/${messageId}/answer`).send({ method: 'reply', answer: reply }).expect(200)).body;
    expect(answered).toMatchObject({ status: 'met', answer: { answeredOn: '2026-12-09', answeredBy: TEST_USER.email, method: 'reply', text: reply, workingDays: 2 } });

    const mail = await eventually(async () => smtp.received.find((m) => m.to.includes(GRACE) && mailText(m).includes('has been answered')), 'the family’s email');
    const text = mailText(mail);
    // The subject shows on lock screens: the reference, never the child.
    const subject = /^Subject: (.*)$/m.exec(text)![1];
    expect(subject).toMatch(new RegExp(`: your message about our reference ${reference} has been answered$`));
    expect(subject).not.toContain('Amara');
    expect(text).toContain(`answered the message you sent on 7 December 2026 about Amara's education, health and care (EHC) needs assessment (our reference ${reference}), on 9 December 2026`);
    expect(text).toContain(`Sign in to read the answer: https://ehc.council.example/family/case/${caseId}#messages`);
    // The answer stays behind the sign-in.
    expect(text).not.toContain('asked health');

    const page = (await grace.get(`/family/case/${caseId}`).expect(200)).text;
    expect(page).toContain('We replied on 9 December 2026');
    expect(page).toContain('asked health to take it into account');
    expect(page).not.toContain('Waiting for an answer');

    const again = await t.http.post(`/api/cases/${caseId}/family-messages/${messageId}/answer`).send({ method: 'phone', answer: 'Rang her' });
    expect([again.status, again.body.code]).toEqual([409, 'FAMILY_MESSAGE_ANSWERED']);
    expect((await staffList())[0].answer.text).toBe(reply);

    // The subject-access export carries what the family sent, was answered and was emailed.
    const { family } = (await t.http.get(`/api/cases/${caseId}/export`).expect(200)).body;
    expect(family.contacts).toEqual([expect.objectContaining({ email: GRACE, relationship: 'parent' })]);
    expect(family.messages).toEqual([expect.objectContaining({ id: messageId, body: MESSAGE, answer: expect.objectContaining({ text: reply }) })]);
    expect(Buffer.from(family.messages[0].documents[0].contentBase64, 'base64').equals(ADVICE_PDF)).toBe(true);
    expect(family.updates).toEqual([expect.objectContaining({ kind: 'answer', messageId, sentTo: GRACE, deliveries: [expect.objectContaining({ channel: 'email', target: GRACE })] })]);
  });

  it('keeps an answer given another way for the record, without showing its note to the family', async () => {
    const { grace, messageId } = await graceWrites();
    await t.http.post(`/api/cases/${caseId}/family-messages/${messageId}/answer`).send({ method: 'phone', answer: 'Spoke to Grace: the letter is on file; she is worried about transport.' }).expect(200);
    const page = (await grace.get(`/family/case/${caseId}`).expect(200)).text;
    expect(page).toContain('We answered by phone on 7 December 2026');
    expect(page).not.toContain('worried about transport');
    // Only a reply is emailed: she was told on the phone.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.received.filter((m) => m.to.includes(GRACE) && mailText(m).includes('has been answered'))).toEqual([]);
  });

  it('alerts "due today" on the last day and "missed" the day after, once each, and nothing once answered', async () => {
    const { messageId } = await graceWrites();
    const sweep = () => t.app.get(AlertSweep).sweep();
    const deadline = `familyMessage.${messageId}`;

    // Friday 18 December: nothing yet (no warnings before the day: the message's own notification was the first).
    t.clock.setNow(new Date('2026-12-18T09:00:00Z'));
    await sweep();
    expect(await alertsOf('deadline_warning', deadline)).toEqual([]);

    // Monday 21 December, 08:00 in London (GMT): due today.
    t.clock.setNow(new Date('2026-12-21T08:00:00Z'));
    await sweep();
    expect(await alertsOf('deadline_warning', deadline)).toEqual([
      expect.objectContaining({ deadline, dueOn: '2026-12-21', message: `${reference}: The answer to the family’s message (the authority’s target for answering the family (not a statutory limit)) is due today (2026-12-21).` }),
    ]);

    // Tuesday 22 December: missed, raised once however often the sweep runs.
    t.clock.setNow(new Date('2026-12-22T08:00:00Z'));
    await sweep();
    await sweep();
    const breaches = await alertsOf('deadline_breach', deadline);
    expect(breaches).toEqual([expect.objectContaining({ deadline, dueOn: '2026-12-21' })]);
    expect(breaches[0].message).toContain('was due on 2026-12-21 and has not been recorded: the target is missed.');
    expect((await staffList())[0].status).toBe('breached');

    // Answered late on Wednesday 23 December: the record says so, and no alert follows.
    t.clock.setNow(new Date('2026-12-23T10:00:00Z'));
    const answered = (await t.http.post(`/api/cases/${caseId}/family-messages/${messageId}/answer`).send({ method: 'letter', answer: 'Letter sent explaining the next steps.' }).expect(200)).body;
    expect(answered).toMatchObject({ status: 'met_late', answer: { workingDays: 12 } });
    const raised = (await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE deadline = $1`, [deadline]))[0].n;
    t.clock.setNow(new Date('2026-12-30T08:00:00Z'));
    await sweep();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM notification WHERE deadline = $1`, [deadline]))[0].n).toBe(raised);
  });

  it('fixes each message’s target from the authority’s setting when it arrives', async () => {
    await graceWrites('Written under the 10-day target.');
    const settings = (await t.http.get('/api/alert-settings').expect(200)).body;
    expect(settings.familyAnswerWorkingDays).toBe(10);
    await t.http.put('/api/alert-settings').send({ ...settings, familyAnswerWorkingDays: 5 }).expect(200);
    // A client that does not send it keeps the authority's target.
    const { familyAnswerWorkingDays: _, ...older } = settings;
    expect((await t.http.put('/api/alert-settings').send(older).expect(200)).body.familyAnswerWorkingDays).toBe(5);
    expect((await t.http.put('/api/alert-settings').send({ ...settings, familyAnswerWorkingDays: 0 })).status).toBe(400);

    t.clock.setNow(new Date(`${TODAY}T15:00:00Z`));
    const grace = await familySignsIn(t, smtp, GRACE);
    expect((await sendFamilyMessage(grace, caseId, { body: 'Written under the 5-day target.' })).status).toBe(303);
    const dues = (await staffList()).map((m: { body: string; answerDueOn: string }) => [m.body, m.answerDueOn]);
    expect(dues).toEqual([['Written under the 5-day target.', '2026-12-14'], ['Written under the 10-day target.', '2026-12-21']]);
  });

  it('refuses a message with nothing in it, a file too big, empty or of the wrong kind, keeping nothing', async () => {
    const grace = await familySignsIn(t, smtp, GRACE);
    const cases: [string, Parameters<typeof sendFamilyMessage>[2], number, string][] = [
      ['no message', { body: '   ' }, 400, 'Enter your message'],
      ['a program named as a PDF', { body: 'See attached', file: { content: PROGRAM_AS_PDF, name: 'letter.pdf' } }, 400, 'The file must be a PDF, a Word document (.docx or .doc) or a photo (JPEG or PNG)'],
      ['an empty file', { body: 'See attached', file: { content: Buffer.alloc(0), name: 'letter.pdf' } }, 400, 'The file is empty'],
      ['a file over the limit', { body: 'See attached', file: { content: Buffer.concat([ADVICE_PDF, Buffer.alloc(MAX_BYTES)]), name: 'big.pdf' } }, 413, 'The file must be smaller than 4 KB'],
      ['a message too long', { body: 'x'.repeat(5001) }, 400, 'Your message must be 5,000 characters or fewer'],
    ];
    for (const [what, message, status, says] of cases) {
      const refused = await sendFamilyMessage(grace, caseId, message);
      expect([what, refused.status, refused.text.includes(says)]).toEqual([what, status, true]);
    }
    expect(await stored()).toBe(0);
    expect(await alertsOf('family_message')).toEqual([]);
  });

  it('keeps each family to its own case: a revoked contact or another family cannot write, and staff of another authority cannot read or answer', async () => {
    const { messageId } = await graceWrites();
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    const ben = (await other.http.post('/api/cases').send({ child: { givenName: 'Ben', familyName: 'Brown', dateOfBirth: '2016-01-20' }, requestReceivedOn: '2026-11-16', requestSource: 'parent' }).expect(201)).body.id;
    await other.http.post(`/api/cases/${ben}/family-contacts`).send({ email: 'dan@example.org', name: 'Dan Brown', relationship: 'parent' }).expect(201);
    const dan = await familySignsIn(t, smtp, 'dan@example.org');
    expect((await sendFamilyMessage(dan, caseId, { body: 'Not my case' })).status).toBe(404);
    expect((await dan.get(`/family/case/${ben}`).expect(200)).text).not.toContain('paediatrician');

    await other.http.get(`/api/cases/${caseId}/family-messages`).expect(404);
    await other.http.post(`/api/cases/${caseId}/family-messages/${messageId}/answer`).send({ method: 'reply', answer: 'Hello' }).expect(404);
    const [{ documents: [document] }] = await staffList();
    await other.http.get(document.href).expect(404);

    const [contact] = (await t.http.get(`/api/cases/${caseId}/family-contacts`).expect(200)).body;
    const grace = await familySignsIn(t, smtp, GRACE);
    await t.http.post(`/api/cases/${caseId}/family-contacts/${contact.id}/revoke`).expect(200);
    expect((await sendFamilyMessage(grace, caseId, { body: 'After revocation' })).status).toBe(404);
    expect((await staffList()).map((m: { body: string }) => m.body)).toEqual([MESSAGE]);
  });

  it('refuses a bad answer with a reason, changing nothing', async () => {
    const { messageId } = await graceWrites();
    const answer = (body: Record<string, unknown>, id = messageId, http = t.http) => http.post(`/api/cases/${caseId}/family-messages/${id}/answer`).send(body);
    expect((await answer({ method: 'carrier pigeon', answer: 'Sent' })).body.message).toContain('method must be one of reply, phone, meeting, letter, email');
    expect((await answer({ method: 'reply', answer: '' })).status).toBe(400);
    expect((await answer({ method: 'reply', answer: 'Yes', answeredOn: '2026-12-08' })).body.message).toContain('is in the future');
    expect((await answer({ method: 'reply', answer: 'Yes', answeredOn: '2026-12-04' })).body.message).toContain('is before the message arrived on 2026-12-07');
    expect((await answer({ method: 'reply', answer: 'Yes' }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const auditor = await t.signInAs(['auditor']);
    expect((await answer({ method: 'reply', answer: 'Yes' }, messageId, auditor.http)).status).toBe(403);
    expect((await staffList())[0]).toMatchObject({ status: 'pending', answer: null });
  });

  const updatesTo = (email: string) => smtp.received.filter((m) => m.to.includes(email) && mailText(m).includes('an update on our reference'));

  it('tells the family what changed since they were last told, in one email, once, and never who gave advice', async () => {
    const sweep = () => t.app.get(AlertSweep).sweep();
    // Named after the decision to assess: that is on their page, not in an email.
    await sweep();
    expect(await t.db.query(`SELECT id FROM family_update`)).toEqual([]);

    for (const event of [
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-12-07', contributor: 'health', contact: { name: 'Dr Rao', email: 'dr.rao@nhs.example' } },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-12-07', contributor: 'educational_psychology' },
    ]) expect((await postEvent(t, caseId, event)).status).toBe(200);
    // Two sweeps at once tell it once.
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const mail = await eventually(async () => updatesTo(GRACE)[0], 'the family’s update');
    const text = mailText(mail);
    expect(text).toContain(`What has changed on Amara's education, health and care (EHC) needs assessment (our reference ${reference}):`);
    expect(text).toContain('- 7 December 2026: We asked for health advice.');
    expect(text).toContain('- 7 December 2026: We asked for educational psychologist advice.');
    expect(text).toContain('The next date: Advice: Educational psychologist (6 weeks), by 18 January 2027.');
    expect(text).toContain(`https://ehc.council.example/family/case/${caseId}`);
    expect(text).not.toContain('Dr Rao');
    expect(/^Subject: (.*)$/m.exec(text)![1]).not.toContain('Amara');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(updatesTo(GRACE)).toHaveLength(1);

    // A revoked contact is told nothing more; one named now only what happens from now on.
    const [grace] = (await t.http.get(`/api/cases/${caseId}/family-contacts`).expect(200)).body;
    await t.http.post(`/api/cases/${caseId}/family-contacts/${grace.id}/revoke`).expect(200);
    await t.http.post(`/api/cases/${caseId}/family-contacts`).send({ email: 'young.person@example.org', name: 'Amara Okafor', relationship: 'young_person' }).expect(201);
    await sweep();
    expect(await t.db.query(`SELECT contact_id FROM family_update`)).toHaveLength(1);
    expect((await postEvent(t, caseId, { type: 'ADVICE_RECEIVED', occurredOn: '2026-12-07', contributor: 'health' })).status).toBe(200);
    await sweep();
    const second = mailText(await eventually(async () => updatesTo('young.person@example.org')[0], 'the young person’s update'));
    expect(second).toContain('- 7 December 2026: We received the health advice.');
    expect(second).not.toContain('We asked for');
    expect(updatesTo(GRACE)).toHaveLength(1);
  });
});
