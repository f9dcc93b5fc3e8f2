import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { ADVICE_PDF, confirmStillStands, mintToken, sendAdvice } from '../support/advice-portal.js';
import type { Http } from '../support/auth.js';
import { newCaseBody, storedState } from '../support/case-factory.js';
import { binary } from '../support/pdf-documents.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

/**
 * "Tell it once" (SEND Regs 2014 reg 6(4)) on Monday 7 December 2026 (dates by hand). Amara's
 * earlier assessment, in autumn 2025, had health advice from Dr Shah twice: on Sunday 7 December
 * 2025 (exactly a year ago, so too old) and, asked again, on Monday 8 December 2025 (364 days ago). The same
 * day the trust's speech and language therapists and Amara's school sent theirs, and Dr Shah sent
 * advice on another child, Bola, and on an Amara of another authority. Amara's new assessment
 * asked Dr Shah for health advice on 9 November 2026: only the advice of 8 December 2025 is offered.
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };
const BOLA = { givenName: 'Bola', familyName: 'Adeyemi', dateOfBirth: '2016-09-30' };
const CONTACT = { name: 'Dr Priya Shah', organisation: 'Exampleshire NHS Trust', email: 'paediatrics@trust.example' };
const SALT = { name: 'Sam Lee', organisation: 'Exampleshire NHS Trust', email: 'salt@trust.example' };
const PAEDIATRICS = 'Community paediatrics';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Earlier {
  /** Amara's earlier case and its child record. */
  caseId: string;
  childId: string;
  /** The documents of 8 December 2025 from Dr Shah: a PDF and typed advice. */
  offered: string[];
  /** Everything received that must not be offered, by why. */
  tooOld: string;
  otherBody: string;
  otherContributor: string;
  otherChild: string;
  otherAuthority: string;
}

describe('Reusing earlier advice through the advice portal', () => {
  let t: TestApp;
  let other: Http;
  let earlier: Earlier;
  let caseId: string;
  let linkId: string;
  let token: string;

  beforeAll(async () => {
    // A mail server is named so that requests get links; no worker runs to send them (tokens are minted as the email would carry them).
    t = await createTestApp(TODAY, testDatabaseUrl(), { SMTP_URL: 'smtp://127.0.0.1:2525', ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(async () => t.close(), 60_000);
  beforeEach(async () => {
    await t.reset();
    other = (await t.signInAs(['caseworker', 'manager'], 'OTHER')).http;
    earlier = await earlierAdvice();
    t.clock.setToday(TODAY);
    caseId = await caseOf(t.http, { child: AMARA, childId: earlier.childId, requestReceivedOn: '2026-10-26' }, [['2026-11-09', 'health', PAEDIATRICS, CONTACT]]);
    linkId = await linkOf(caseId, 'advice.health');
    token = await mintToken(t, linkId);
  });

  type Asked = [occurredOn: string, contributor: string, body: string | undefined, contact: object];

  async function caseOf(http: Http, body: Record<string, unknown>, requests: Asked[]): Promise<string> {
    const created = await http.post('/api/cases').send({ ...newCaseBody(), ...body }).expect(201);
    const id: string = created.body.id;
    const assessedOn = requests[0][0];
    await http.post(`/api/cases/${id}/events`).send({ type: 'DECISION_TO_ASSESS', occurredOn: assessedOn, decision: 'assess' }).expect(200);
    for (const [occurredOn, contributor, requestBody, contact] of requests) {
      const requested = await http.post(`/api/cases/${id}/events`).send({ type: 'ADVICE_REQUESTED', occurredOn, contributor, ...(requestBody && { body: requestBody }), contact });
      if (requested.status !== 200) throw new Error(JSON.stringify(requested.body));
    }
    return id;
  }

  const linkOf = async (id: string, request: string): Promise<string> =>
    (await t.db.query(`SELECT id FROM advice_link WHERE case_id = $1 AND request = $2`, [id, request]))[0].id;

  /** Sends advice through the request's link on `on`; answers the documents kept. */
  async function adviceSent(id: string, request: string, on: string, advice: Parameters<typeof sendAdvice>[2]): Promise<string[]> {
    t.clock.setToday(on);
    const { sent } = await sendAdvice(t, await mintToken(t, await linkOf(id, request)), advice);
    expect(sent.status).toBe(200);
    return (await t.db.query(`SELECT id FROM advice_document WHERE case_id = $1 AND request = $2 ORDER BY created_at, filename`, [id, request])).map((row: { id: string }) => row.id);
  }

  async function earlierAdvice(): Promise<Earlier> {
    t.clock.setToday('2025-10-27');
    const amara = await caseOf(t.http, { child: AMARA, requestReceivedOn: '2025-10-06' }, [
      ['2025-10-27', 'health', PAEDIATRICS, CONTACT],
      ['2025-10-27', 'health', 'Speech and language therapy', SALT],
      ['2025-10-27', 'education', undefined, { email: 'head@oak.example' }],
    ]);
    const bola = await caseOf(t.http, { child: BOLA, requestReceivedOn: '2025-10-06' }, [['2025-10-27', 'health', PAEDIATRICS, CONTACT]]);
    const elsewhere = await caseOf(other, { child: AMARA, requestReceivedOn: '2025-10-06' }, [['2025-10-27', 'health', PAEDIATRICS, CONTACT]]);
    const [tooOld] = await adviceSent(amara, 'advice.health', '2025-12-07', { text: 'Amara’s hearing was tested in the summer.' });
    // Dr Shah is asked again after a new diagnosis, and answers the next day.
    await t.http.post(`/api/cases/${amara}/events`).send({ type: 'ADVICE_REQUESTED', occurredOn: '2025-12-07', contributor: 'health', body: PAEDIATRICS, contact: CONTACT }).expect(200);
    const offered = await adviceSent(amara, 'advice.health.3', '2025-12-08', { file: { content: ADVICE_PDF, name: 'Amara paediatric advice.pdf' }, text: 'Amara needs a quiet place to work.' });
    const [otherBody] = await adviceSent(amara, 'advice.health.2', '2025-12-08', { text: 'Amara’s speech is clear.' });
    const [otherContributor] = await adviceSent(amara, 'advice.education', '2025-12-08', { text: 'Amara reads at the expected level.' });
    const [otherChild] = await adviceSent(bola, 'advice.health', '2025-12-08', { text: 'Bola has asthma.' });
    const [otherAuthority] = await adviceSent(elsewhere, 'advice.health', '2025-12-08', { text: 'Another council’s Amara.' });
    await t.http.post(`/api/cases/${amara}/events`).send({ type: 'WITHDRAWN', occurredOn: '2025-12-08', reason: 'The family moved away for a year' }).expect(200);
    const { childId } = (await t.http.get(`/api/cases/${amara}`).expect(200)).body;
    return { caseId: amara, childId, offered, tooOld, otherBody, otherContributor, otherChild, otherAuthority };
  }

  const reusable = async (http = t.http) => http.get(`/api/cases/${caseId}/advice-links/${linkId}/reusable`);
  const documents = async () => (await t.http.get(`/api/cases/${caseId}/advice-documents`).expect(200)).body;

  it('offers only the same body’s advice on the same child in this authority, received less than a year ago, with a way to read it', async () => {
    const offered = (await reusable()).body;
    expect(offered.map((advice: { id: string }) => advice.id).sort()).toEqual([...earlier.offered].sort());
    expect(offered[0]).toMatchObject({ caseId: earlier.caseId, request: 'advice.health.3', receivedOn: '2025-12-08', givenBy: CONTACT });

    const page = await t.anonymous.get(`/advice/${token}`).expect(200);
    for (const shown of ['Advice you have already given', 'Read Amara paediatric advice.pdf', 'Read Typed advice', '8 December 2025', 'Dr Priya Shah, Exampleshire NHS Trust, paediatrics@trust.example', 'This advice still stands']) {
      expect(page.text).toContain(shown);
    }
    for (const hidden of ['7 December 2025', 'salt@trust.example', 'head@oak.example']) expect(page.text).not.toContain(hidden);

    const pdf = await t.anonymous.get(`/advice/${token}/earlier/${earlier.offered[0]}`).buffer(true).parse(binary as never).expect(200);
    expect(pdf.headers['content-disposition']).toContain('Amara paediatric advice.pdf');
    expect(sha256(pdf.body as Buffer)).toBe(sha256(ADVICE_PDF));
    for (const notOffered of [earlier.tooOld, earlier.otherBody, earlier.otherContributor, earlier.otherChild, earlier.otherAuthority, randomUUID(), 'not-an-id']) {
      const refused = await t.anonymous.get(`/advice/${token}/earlier/${notOffered}`).expect(404);
      expect(refused.text).not.toContain('Bola');
    }
    // The earlier case's advice was shown and read by the contributor: its access log says so.
    const log = (await t.http.get(`/api/access-log?caseId=${earlier.caseId}`).expect(200)).body as { action: string; actor: string; route: string }[];
    const portal = log.filter((line) => line.actor === `advice-link:${CONTACT.email}` && line.route.includes(':token')).map((line) => [line.action, line.route]);
    expect(portal).toEqual(expect.arrayContaining([['advice_link_read', 'GET /advice/:token'], ['advice_document_read', 'GET /advice/:token/earlier/:documentId']]));

    // Another authority reaches neither the link nor what it offers.
    expect((await reusable(other)).status).toBe(404);
  });

  it('takes the same organisation’s request to another address, for the same body, as the same body; another organisation’s is not', async () => {
    const asked = async (contact: object) => {
      const id = await caseOf(t.http, { child: AMARA, childId: earlier.childId, requestReceivedOn: '2026-10-26' }, [['2026-11-09', 'health', 'community paediatrics', contact]]);
      return (await t.http.get(`/api/cases/${id}/advice-links/${await linkOf(id, 'advice.health')}/reusable`).expect(200)).body.map((advice: { id: string }) => advice.id).sort();
    };
    expect(await asked({ name: 'Dr Ola Ade', organisation: ' exampleshire NHS trust', email: 'o.ade@trust.example' })).toEqual([...earlier.offered].sort());
    expect(await asked({ name: 'Dr Ola Ade', organisation: 'Northshire Healthcare', email: 'o.ade@northshire.example' })).toEqual([]);
  });

  it('offers nothing once the earlier advice is a year old', async () => {
    t.clock.setToday('2026-12-08');
    expect((await reusable()).body).toEqual([]);
    const page = await t.anonymous.get(`/advice/${token}`).expect(200);
    expect(page.text).not.toContain('Advice you have already given');
    expect(page.text).toContain('Your advice');
  });

  it('records the advice received today when its contributor confirms it still stands, with copies naming the originals, and the link is then used', async () => {
    const { sent } = await confirmStillStands(t, token, earlier.offered);
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Advice sent');
    expect(sent.text).toContain('You confirmed that this earlier advice still stands');

    const trail = (await t.http.get(`/api/cases/${caseId}/events`).expect(200)).body;
    expect(trail.filter((event: { type: string }) => event.type === 'ADVICE_RECEIVED')).toHaveLength(1);
    expect(trail.at(-1)).toMatchObject({ type: 'ADVICE_RECEIVED', occurredOn: TODAY, actor: `advice-link:${CONTACT.email}`, payload: { contributor: 'health', request: 'advice.health' } });
    expect(trail.at(-1).payload.note).toMatch(/^Confirmed on 7 December 2026 by the contributor as still standing \(SEND Regs 2014 reg 6\(4\)\): Amara paediatric advice\.pdf received 8 December 2025 \(case [^)]+\); typed advice received 8 December 2025/);
    expect((await t.http.get(`/api/cases/${caseId}`).expect(200)).body.deadlines['advice.health']).toMatchObject({ metOn: TODAY, status: 'met' });

    const kept = await documents();
    expect(kept.map((d: { reusedFrom: string }) => d.reusedFrom).sort()).toEqual([...earlier.offered].sort());
    expect(kept).toEqual(expect.arrayContaining([
      expect.objectContaining({ filename: 'Amara paediatric advice.pdf', sha256: sha256(ADVICE_PDF), receivedOn: TODAY, reusedReceivedOn: '2025-12-08', request: 'advice.health', eventSeq: trail.at(-1).seq }),
      expect.objectContaining({ filename: 'advice.txt', reusedReceivedOn: '2025-12-08' }),
    ]));
    const typed = kept.find((d: { filename: string }) => d.filename === 'advice.txt');
    expect((await t.http.get(`/api/cases/${caseId}/advice-documents/${typed.id}`).expect(200)).text).toBe('Amara needs a quiet place to work.');

    // The caseworker is told, and told the family must agree too.
    const alerts = (await t.http.get(`/api/alerts?caseId=${caseId}&kind=advice_received`).expect(200)).body.items;
    expect(alerts).toEqual([expect.objectContaining({ message: expect.stringContaining('it is sufficient only if the authority and the parent or young person agree too') })]);

    // Used once: a second confirmation or upload keeps nothing.
    await t.anonymous.get(`/advice/${token}`).expect(410);
    expect((await confirmStillStands(t, token, earlier.offered)).sent.status).toBe(410);
    expect(await documents()).toHaveLength(2);
    expect((await t.http.get(`/api/cases/${caseId}/advice-links`).expect(200)).body[0].state).toBe('used');
    expect((await reusable()).body).toEqual([]);

    const log = (await t.http.get(`/api/access-log?caseId=${caseId}`).expect(200)).body as { action: string; actor: string; route: string }[];
    expect(log.filter((line) => line.action === 'advice_upload').map((line) => [line.actor, line.route])).toEqual([[`advice-link:${CONTACT.email}`, 'POST /advice/:token/still-stands']]);
  });

  it('refuses no choice, or a choice the page did not offer, with the page saying so, keeping nothing', async () => {
    const before = await storedState(t, caseId);
    const refused: [string[], string][] = [
      [[], 'Select the advice that still stands, or send new advice below'],
      [[earlier.otherChild], 'Select only advice shown on this page'],
      [[earlier.offered[0], earlier.otherAuthority], 'Select only advice shown on this page'],
      [[earlier.tooOld], 'Select only advice shown on this page'],
      [['not-an-id'], 'Select only advice shown on this page'],
    ];
    for (const [ids, message] of refused) {
      const { sent } = await confirmStillStands(t, token, ids);
      expect(sent.status).toBe(400);
      expect(sent.text).toContain('There is a problem');
      expect(sent.text).toContain(message);
      expect(sent.text).not.toContain('Bola');
    }
    const after = await storedState(t, caseId);
    expect(after.events).toEqual(before.events);
    expect(after.notifications).toEqual(before.notifications);
    expect(await documents()).toEqual([]);
    expect((await t.http.get(`/api/cases/${caseId}/advice-links`).expect(200)).body[0].state).toBe('sent');
    // Still offered, and confirming it still works.
    expect((await confirmStillStands(t, token, [earlier.offered[0]])).sent.status).toBe(200);
    expect(await documents()).toEqual([expect.objectContaining({ reusedFrom: earlier.offered[0] })]);
  });
});
