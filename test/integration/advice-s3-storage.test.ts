import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { DocumentStore } from '../../src/documents/document-store.js';
import { ADVICE_PDF, confirmStillStands, mintToken, sendAdvice } from '../support/advice-portal.js';
import { createCase, postEvent, storedState } from '../support/case-factory.js';
import { binary } from '../support/pdf-documents.js';
import { startS3Server, type TestS3 } from '../support/s3-server.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { signInToPages } from '../support/web.js';

/**
 * The advice portal with DOCUMENT_STORE=s3, against a real S3 server (s3rver) in the test. Health
 * advice for Amara was asked on 9 November 2026 and arrives on 7 December 2026; for erasure, a
 * case withdrawn on 4 March 2019 is past its six years on the day of the test.
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);
/** A link is made only where it can be emailed; no worker runs to send it, and the test mints its token. */
const NO_WORKER_SMTP = { SMTP_URL: 'smtp://127.0.0.1:2525' };

const TEXT = 'Amara is seen by the community paediatrics team every six months.';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface DocumentRow {
  id: string;
  filename: string;
  content: Buffer | null;
  storage_key: string | null;
  sha256: string;
}

describe('Advice documents in an S3-compatible store', () => {
  let s3: TestS3;
  let t: TestApp;

  beforeAll(async () => {
    s3 = await startS3Server();
    t = await createTestApp(TODAY, testDatabaseUrl(), { ...s3.env, ...NO_WORKER_SMTP });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await s3.close();
  });
  beforeEach(async () => {
    await s3.start();
    await s3.empty();
    await t.reset();
    t.clock.setToday(TODAY);
  });

  /** A case whose health advice was asked of a contact, and the token of that request's link. */
  async function adviceAsked(requestOn = '2026-10-26', decisionOn = '2026-11-02', askedOn = '2026-11-09'): Promise<{ caseId: string; token: string }> {
    const { id } = await createCase(t, { requestReceivedOn: requestOn, child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' } });
    expect((await postEvent(t, id, { type: 'DECISION_TO_ASSESS', occurredOn: decisionOn, decision: 'assess' })).status).toBe(200);
    expect((await postEvent(t, id, { type: 'ADVICE_REQUESTED', occurredOn: askedOn, contributor: 'health', contact: { email: 'paediatrics@trust.example' } })).status).toBe(200);
    const [{ id: linkId }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [id]);
    return { caseId: id, token: await mintToken(t, linkId) };
  }

  const rowsOf = (caseId: string): Promise<DocumentRow[]> =>
    t.db.query(`SELECT id, filename, content, storage_key, sha256 FROM advice_document WHERE case_id = $1 ORDER BY filename`, [caseId]);

  it('keeps the bytes in the bucket under random keys, and the case page, the API and the export give them back', async () => {
    const { caseId, token } = await adviceAsked();
    const { sent } = await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'Amara health advice.pdf' }, text: TEXT });
    expect(sent.status).toBe(200);

    const rows = await rowsOf(caseId);
    expect(rows.map((r) => r.filename)).toEqual(['Amara health advice.pdf', 'advice.txt']);
    for (const row of rows) {
      expect(row.content).toBeNull();
      expect(row.storage_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
    // The database holds the bytes in one place only: never both, never neither.
    await expect(t.db.query(`UPDATE advice_document SET content = $2 WHERE id = $1`, [rows[0].id, ADVICE_PDF])).rejects.toThrow(/advice_document_content_in_one_place/);
    await expect(t.db.query(`UPDATE advice_document SET storage_key = NULL WHERE id = $1`, [rows[0].id])).rejects.toThrow(/advice_document_content_in_one_place/);
    // The bucket holds exactly those objects, named by key, never by the file (which names the child).
    expect(await s3.keys()).toEqual(rows.map((r) => r.storage_key).sort());
    expect(await s3.object(rows[0].storage_key!)).toEqual(ADVICE_PDF);
    expect((await s3.object(rows[1].storage_key!)).toString('utf8')).toBe(TEXT);

    const api = await t.http.get(`/api/cases/${caseId}/advice-documents/${rows[0].id}`).buffer(true).parse(binary as never).expect(200);
    expect(api.body).toEqual(ADVICE_PDF);
    const caseworker = await signInToPages(t, ['caseworker']);
    const page = await caseworker.agent.get(`/case/${caseId}/advice-documents/${rows[1].id}`).buffer(true).parse(binary as never).expect(200);
    expect(page.body.toString('utf8')).toBe(TEXT);

    const exported = (await t.http.get(`/api/cases/${caseId}/export`).expect(200)).body;
    const contents = exported.advice.documents.map((d: { filename: string; contentBase64: string; sha256: string }) => [d.filename, Buffer.from(d.contentBase64, 'base64'), d.sha256]);
    expect(contents).toEqual([
      ['Amara health advice.pdf', ADVICE_PDF, sha256(ADVICE_PDF)],
      ['advice.txt', Buffer.from(TEXT, 'utf8'), sha256(Buffer.from(TEXT, 'utf8'))],
    ]);
  });

  it('keeps a copy as an object of its own when earlier advice is confirmed as still standing (tell it once)', async () => {
    t.clock.setToday('2026-06-01');
    const first = await adviceAsked('2026-04-20', '2026-05-05', '2026-05-11');
    expect((await sendAdvice(t, first.token, { file: { content: ADVICE_PDF, name: 'health.pdf' } })).sent.status).toBe(200);
    const [original] = await rowsOf(first.caseId);
    const { childId } = (await t.http.get(`/api/cases/${first.caseId}`).expect(200)).body;
    t.clock.setToday(TODAY);
    const second = (await t.http.post('/api/cases').send({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' }, childId, requestReceivedOn: '2026-10-26', requestSource: 'parent' }).expect(201)).body.id;
    expect((await postEvent(t, second, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' })).status).toBe(200);
    expect((await postEvent(t, second, { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', contact: { email: 'paediatrics@trust.example' } })).status).toBe(200);
    const [{ id: linkId }] = await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1`, [second]);

    expect((await confirmStillStands(t, await mintToken(t, linkId), [original.id])).sent.status).toBe(200);
    const [copy] = await rowsOf(second);
    expect(copy).toMatchObject({ filename: 'health.pdf', content: null, sha256: original.sha256 });
    expect(copy.storage_key).not.toBe(original.storage_key);
    expect(await s3.keys()).toEqual([original.storage_key, copy.storage_key].sort());
    expect(await s3.object(copy.storage_key!)).toEqual(ADVICE_PDF);
    const download = await t.http.get(`/api/cases/${second}/advice-documents/${copy.id}`).buffer(true).parse(binary as never).expect(200);
    expect(download.body).toEqual(ADVICE_PDF);
  });

  it('leaves no object behind when receiving fails after the files were written', async () => {
    const { caseId, token } = await adviceAsked();
    const before = await storedState(t, caseId);
    await t.db.query(`CREATE FUNCTION refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox unavailable'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_notification BEFORE INSERT ON notification FOR EACH ROW EXECUTE FUNCTION refuse_notification()`);
    try {
      expect((await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'advice.pdf' }, text: TEXT })).sent.status).toBe(500);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_notification ON notification`);
      await t.db.query(`DROP FUNCTION refuse_notification()`);
    }
    expect(await s3.keys()).toEqual([]);
    expect(await t.db.query(`SELECT * FROM stored_object`)).toEqual([]);
    expect(await rowsOf(caseId)).toEqual([]);
    expect((await storedState(t, caseId)).events).toEqual(before.events);
    // Sending again works.
    expect((await sendAdvice(t, token, { text: TEXT })).sent.status).toBe(200);
    expect(await s3.keys()).toHaveLength(1);
  });

  it('refuses an upload while the store is unreachable, saying to try again later, and keeps nothing', async () => {
    const { caseId, token } = await adviceAsked();
    const before = await storedState(t, caseId);
    await s3.stop();
    const { sent } = await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'advice.pdf' } });
    expect(sent.status).toBe(503);
    expect(sent.text).toContain('There is a problem');
    expect(sent.text).toContain('Please try again later');
    expect(await rowsOf(caseId)).toEqual([]);
    expect((await storedState(t, caseId)).events).toEqual(before.events);
    await s3.start();
    expect(await s3.keys()).toEqual([]);
    expect((await sendAdvice(t, token, { file: { content: ADVICE_PDF, name: 'advice.pdf' } })).sent.status).toBe(200);
  });

  it('deletes the objects when the case is erased, and an erasure while the store is down leaves them listed for the prune', async () => {
    t.clock.setToday('2019-02-19');
    const first = await adviceAsked('2019-01-07', '2019-02-04', '2019-02-05');
    expect((await sendAdvice(t, first.token, { file: { content: ADVICE_PDF, name: 'health.pdf' }, text: TEXT })).sent.status).toBe(200);
    const second = await adviceAsked('2019-01-07', '2019-02-04', '2019-02-05');
    expect((await sendAdvice(t, second.token, { text: 'No health needs.' })).sent.status).toBe(200);
    t.clock.setToday('2019-03-04');
    for (const { caseId } of [first, second]) expect((await postEvent(t, caseId, { type: 'WITHDRAWN', occurredOn: '2019-03-04', reason: 'moved away' })).status).toBe(200);
    t.clock.setToday(TODAY);
    const secondKeys = (await rowsOf(second.caseId)).map((r) => r.storage_key);
    expect(await s3.keys()).toHaveLength(3);

    const manager = await t.signInAs(['manager']);
    const erase = (caseId: string) => manager.http.post('/api/retention/deletions').send({ caseId, reason: 'Retention review: closed over six years ago.' });
    expect((await erase(first.caseId)).status).toBe(201);
    expect(await s3.keys()).toEqual(secondKeys);
    expect(await rowsOf(first.caseId)).toEqual([]);

    // The store is down: the deletion goes ahead, and the key stays listed, not forgotten.
    await s3.stop();
    expect((await erase(second.caseId)).status).toBe(201);
    expect(await rowsOf(second.caseId)).toEqual([]);
    expect((await t.db.query(`SELECT storage_key FROM stored_object WHERE released_at IS NOT NULL`)).map((r: { storage_key: string }) => r.storage_key)).toEqual(secondKeys);
    await s3.start();
    expect(await s3.keys()).toEqual(secondKeys);
    // What the nightly prune runs.
    expect(await t.app.get(DocumentStore).deleteReleased(t.db)).toEqual({ deleted: 1, failed: 0 });
    expect(await s3.keys()).toEqual([]);
    expect(await t.db.query(`SELECT * FROM stored_object`)).toEqual([]);
  });

  it('reports the store in the health check: up, then down while it does not answer', async () => {
    const up = await t.http.get('/api/health').expect(200);
    expect(up.body.details.documents.status).toBe('up');
    await s3.stop();
    const down = await t.http.get('/api/health').expect(503);
    expect(down.body.details.documents.status).toBe('down');
    expect(down.body.details.database.status).toBe('up');
  });
});
