import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ADVICE_PDF, mintToken, sendAdvice } from '../support/advice-portal.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { startFakeClamd, TEST_VIRUS_MARKER, TEST_VIRUS_NAME, type FakeClamd } from '../support/fake-clamd.js';
import { freePort } from '../support/free-port.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * The advice portal with CLAMD_URL set, on Monday 7 December 2026: health advice for Amara was
 * asked on 9 November. clamd itself is not on test machines; a small server in test/support
 * speaks its INSTREAM protocol, while the client and the upload path are the application's own.
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);
/** A link is made only where it can be emailed; no worker runs to send it, and the test mints its token. */
const NO_WORKER_SMTP = { SMTP_URL: 'smtp://127.0.0.1:2525' };

const INFECTED_PDF = Buffer.concat([ADVICE_PDF, TEST_VIRUS_MARKER]);

async function adviceAsked(t: TestApp): Promise<{ caseId: string; token: string }> {
  const { id } = await createCase(t, { requestReceivedOn: '2026-10-26', child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
  expect((await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' })).status).toBe(200);
  expect((await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', contact: { email: 'paediatrics@trust.example' } })).status).toBe(200);
  const [{ id: linkId }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [id]);
  return { caseId: id, token: await mintToken(t, linkId) };
}

/** What a refused upload must not have changed: no document, no ADVICE_RECEIVED, the link still usable. */
async function expectNothingKept(t: TestApp, caseId: string, token: string, before: Awaited<ReturnType<typeof storedState>>): Promise<void> {
  expect((await t.http.get(`/api/cases/${caseId}/advice-documents`).expect(200)).body).toEqual([]);
  const after = await storedState(t, caseId);
  expect(after.events).toEqual(before.events);
  expect(after.events.map((e: { type: string }) => e.type)).not.toContain('ADVICE_RECEIVED');
  expect(after.notifications).toEqual(before.notifications);
  await t.anonymous.get(`/advice/${token}`).expect(200);
}

describe('Virus scanning of advice uploads through clamd', () => {
  let clamd: FakeClamd;
  let t: TestApp;

  beforeAll(async () => {
    clamd = await startFakeClamd();
    t = await createTestApp(TODAY, testDatabaseUrl(), { ...NO_WORKER_SMTP, CLAMD_URL: clamd.url, ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await clamd.close();
  });
  beforeEach(async () => {
    await t.reset();
    clamd.streams.length = 0;
  });

  it('scans every file before keeping it, and a clean one is received', async () => {
    const { caseId, token } = await adviceAsked(t);
    const { sent } = await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'health.pdf' }, text: 'No concerns from health.' });
    expect(sent.status).toBe(200);
    expect(clamd.streams).toEqual([ADVICE_PDF, Buffer.from('No concerns from health.')]);
    expect((await t.http.get(`/api/cases/${caseId}/advice-documents`).expect(200)).body.map((d: { filename: string }) => d.filename).sort()).toEqual(['advice.txt', 'health.pdf']);
  });

  it('reports the scanner in the health check while clamd answers PING', async () => {
    const health = await t.anonymous.get('/api/health').expect(200);
    expect(health.body.details.virusScanner).toEqual({ status: 'up' });
  });

  it('refuses an infected file with the virus named on the page, and keeps nothing of the upload', async () => {
    const { caseId, token } = await adviceAsked(t);
    const before = await storedState(t, caseId);
    const { sent } = await sendAdvice(t, token, { file: { content: INFECTED_PDF, name: 'health.pdf' }, text: 'Typed advice sent with it.' });
    expect(sent.status).toBe(422);
    expect(sent.text).toContain('There is a problem');
    expect(sent.text).toContain(`“health.pdf” was not sent: the virus check found ${TEST_VIRUS_NAME} in it. Nothing has been kept.`);
    // The form keeps what was typed, so only the file needs replacing.
    expect(sent.text).toContain('Typed advice sent with it.');
    await expectNothingKept(t, caseId, token, before);
  });
});

describe('Virus scanning when clamd does not answer', () => {
  let clamd: FakeClamd;
  let t: TestApp;

  beforeAll(async () => {
    clamd = await startFakeClamd('silent');
    t = await createTestApp(TODAY, testDatabaseUrl(), { ...NO_WORKER_SMTP, CLAMD_URL: clamd.url, CLAMD_TIMEOUT_MS: '300', ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await clamd.close();
  });
  beforeEach(async () => t.reset());

  it('reports the scanner down in the health check (503) when clamd accepts and never answers', async () => {
    const health = await t.anonymous.get('/api/health').expect(503);
    expect(health.body.details.virusScanner).toEqual({ status: 'down', message: expect.stringContaining('did not answer within 300 ms') });
  });

  it('refuses the upload, saying to try again later, when clamd accepts the file and never answers', async () => {
    const { caseId, token } = await adviceAsked(t);
    const before = await storedState(t, caseId);
    const { sent } = await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'health.pdf' } });
    expect(sent.status).toBe(503);
    expect(sent.text).toContain('Your file could not be checked for viruses just now, so nothing has been sent. Please try again later.');
    await expectNothingKept(t, caseId, token, before);
  });

  it('refuses typed advice too when nothing listens at CLAMD_URL: an unscanned upload is never kept', async () => {
    const closed = await createTestApp(TODAY, testDatabaseUrl(), { ...NO_WORKER_SMTP, CLAMD_URL: `tcp://127.0.0.1:${await freePort()}`, ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000' });
    try {
      const { caseId, token } = await adviceAsked(closed);
      const before = await storedState(closed, caseId);
      const { sent } = await sendAdvice(closed, token, { text: 'No concerns from health.' });
      expect(sent.status).toBe(503);
      expect(sent.text).toContain('Please try again later.');
      await expectNothingKept(closed, caseId, token, before);
    } finally {
      await closed.close();
    }
  });
});
