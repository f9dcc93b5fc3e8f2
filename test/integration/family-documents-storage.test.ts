import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startSmtpServer } from '../support/alert-receivers.js';
import { ADVICE_PDF } from '../support/advice-portal.js';
import { createCase } from '../support/case-factory.js';
import { startFakeClamd, TEST_VIRUS_MARKER, TEST_VIRUS_NAME, type FakeClamd } from '../support/fake-clamd.js';
import { familySignsIn, sendFamilyMessage } from '../support/family.js';
import { freePort } from '../support/free-port.js';
import { binary } from '../support/pdf-documents.js';
import { startS3Server, type TestS3 } from '../support/s3-server.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * A family's documents pass the same virus check and go to the same file store as the advice
 * portal's, on Monday 7 December 2026. clamd is a small server in test/support speaking its
 * INSTREAM protocol; the S3 store is a real S3 server (s3rver) in the test.
 */
const TODAY = '2026-12-07';
const GRACE = 'grace@example.org';
jest.setTimeout(120_000);

type Smtp = Awaited<ReturnType<typeof startSmtpServer>>;

/** Amara's case, which Grace may see. */
async function graceCanSee(t: TestApp): Promise<string> {
  const { id } = await createCase(t, { requestReceivedOn: '2026-10-26', child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
  await t.http.post(`/api/cases/${id}/family-contacts`).send({ email: GRACE, name: 'Grace Okafor', relationship: 'parent' }).expect(201);
  return id;
}

const kept = async (t: TestApp) => (await t.db.query(`SELECT (SELECT count(*) FROM family_message)::int + (SELECT count(*) FROM family_document)::int + (SELECT count(*) FROM notification)::int AS n`))[0].n;

describe('A family’s document through the virus check', () => {
  let clamd: FakeClamd;
  let smtp: Smtp;
  let t: TestApp;

  beforeAll(async () => {
    [clamd, smtp] = await Promise.all([startFakeClamd(), startSmtpServer()]);
    t = await createTestApp(TODAY, testDatabaseUrl(), { CLAMD_URL: clamd.url, SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([clamd.close(), smtp.close()]);
  });
  beforeEach(async () => {
    await t.reset();
    clamd.streams.length = 0;
  });

  it('refuses an infected file with the virus named on the page, keeping nothing of the message; a clean one is sent', async () => {
    const caseId = await graceCanSee(t);
    const grace = await familySignsIn(t, smtp, GRACE);
    const refused = await sendFamilyMessage(grace, caseId, { body: 'The school report is attached.', file: { content: Buffer.concat([ADVICE_PDF, TEST_VIRUS_MARKER]), name: 'report.pdf' } });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(`“report.pdf” was not sent: the virus check found ${TEST_VIRUS_NAME} in it. Nothing has been kept.`);
    // What was typed is kept on the form, so only the file needs replacing.
    expect(refused.text).toContain('The school report is attached.');
    expect(await kept(t)).toBe(0);

    expect((await sendFamilyMessage(grace, caseId, { body: 'The school report is attached.', file: { content: ADVICE_PDF, name: 'report.pdf' } })).status).toBe(303);
    expect(clamd.streams.at(-1)).toEqual(ADVICE_PDF);
    const [message] = (await t.http.get(`/api/cases/${caseId}/family-messages`).expect(200)).body;
    expect(message.documents.map((d: { filename: string }) => d.filename)).toEqual(['report.pdf']);
  });

  it('refuses the file when nothing listens at CLAMD_URL, rather than keep it unscanned', async () => {
    const closed = await createTestApp(TODAY, testDatabaseUrl(), { CLAMD_URL: `tcp://127.0.0.1:${await freePort()}`, SMTP_URL: smtp.url });
    try {
      const caseId = await graceCanSee(closed);
      const grace = await familySignsIn(closed, smtp, GRACE);
      const refused = await sendFamilyMessage(grace, caseId, { body: 'See attached', file: { content: ADVICE_PDF, name: 'report.pdf' } });
      expect(refused.status).toBe(503);
      expect(refused.text).toContain('could not be checked for viruses just now, so nothing has been sent');
      expect(await kept(closed)).toBe(0);
    } finally {
      await closed.close();
    }
  });
});

describe('A family’s document in an S3-compatible store', () => {
  let s3: TestS3;
  let smtp: Smtp;
  let t: TestApp;

  beforeAll(async () => {
    [s3, smtp] = await Promise.all([startS3Server(), startSmtpServer()]);
    t = await createTestApp(TODAY, testDatabaseUrl(), { ...s3.env, SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await Promise.all([s3.close(), smtp.close()]);
  });
  beforeEach(async () => {
    await s3.empty();
    await t.reset();
  });

  it('keeps the bytes in the bucket under a key of their own, and gives them back to the caseworker', async () => {
    const caseId = await graceCanSee(t);
    const grace = await familySignsIn(t, smtp, GRACE);
    expect((await sendFamilyMessage(grace, caseId, { body: 'The school report is attached.', file: { content: ADVICE_PDF, name: 'report.pdf' } })).status).toBe(303);
    const [row] = await t.db.query(`SELECT content, storage_key FROM family_document`);
    expect(row.content).toBeNull();
    expect(await s3.keys()).toEqual([row.storage_key]);
    expect(Buffer.compare(await s3.object(row.storage_key), ADVICE_PDF)).toBe(0);
    const [message] = (await t.http.get(`/api/cases/${caseId}/family-messages`).expect(200)).body;
    const file = await t.http.get(message.documents[0].href).buffer(true).parse(binary as never).expect(200);
    expect(Buffer.compare(file.body as Buffer, ADVICE_PDF)).toBe(0);
  });

  it('keeps nothing in the bucket or the database when the store does not answer', async () => {
    const caseId = await graceCanSee(t);
    const grace = await familySignsIn(t, smtp, GRACE);
    await s3.stop();
    try {
      const refused = await sendFamilyMessage(grace, caseId, { body: 'See attached', file: { content: ADVICE_PDF, name: 'report.pdf' } });
      expect(refused.status).toBe(503);
      expect(await kept(t)).toBe(0);
    } finally {
      await s3.start();
    }
    expect(await s3.keys()).toEqual([]);
  });
});
