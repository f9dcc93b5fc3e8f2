import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createCase, postEvent } from '../support/case-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { binary, pdfText } from '../support/pdf-documents.js';

/**
 * The statutory notices of an assessment, written by the engine on Monday 7 December 2026 (dates
 * by hand): a notice emailed today is served today, so its last day to appeal is 2 months on,
 * 7 February 2027, a Sunday, moved to Monday 8 February (HESC r.12); the adviser must be
 * contacted by 7 February itself. A draft posted today is served on Wednesday 9 December, two
 * working days later, and the family's 15 days end on 23 December.
 */
const TODAY = '2026-12-07';

const REASONS = 'Amara’s needs can be met from the school’s own resources <b>with the support in place</b>.';

describe('GET /api/cases/:id/notices/:notice: the statutory notices, written from the record', () => {
  let t: TestApp;
  let refused: string;
  let drafted: string;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  beforeEach(async () => {
    await t.reset();
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    refused = (await createCase(t, { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' }, requestReceivedOn: '2026-10-05' })).id;
    await postEvent(t, refused, { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-10', decision: 'decline', reasons: REASONS });
    drafted = (await createCase(t, { child: { givenName: 'Ben', familyName: 'Brown', dateOfBirth: '2016-01-20' }, requestReceivedOn: '2026-08-03' })).id;
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-09-07', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-11-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-12-04' },
    ]) {
      expect((await postEvent(t, drafted, event)).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('writes the refusal to assess as HTML with its reasons, the appeal dates and every service reg 5(3) requires', async () => {
    const res = await t.http.get(`/api/cases/${refused}/notices/decision_to_assess`).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toContain('no-store');
    const html = res.text;
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1>We will not carry out an EHC needs assessment for Amara Okafor</h1>');
    expect(html).toContain('Child or young person: Amara Okafor, born 12 April 2017');
    expect(html).toContain('Date of this notice: 7 December 2026');
    // The caseworker's reasons are text: their markup is escaped, never rendered.
    expect(html).toContain('with the support in place&lt;/b&gt;');
    expect(html).not.toContain('<b>with');
    expect(html).toContain('<th scope="row">Last day to appeal to the Tribunal</th><td>8 February 2027</td>');
    expect(html).toContain('<th scope="row">Contact a mediation adviser by</th><td>7 February 2027</td>');
    for (const text of ['First-tier Tribunal (Special Educational Needs and Disability)', 'Global Mediation (email mediation@example.org)', 'Example Disagreement Resolution Service (telephone 01234 111222)', 'Exampleshire SENDIASS', 'regs 4(1), 5(1) and 5(3)']) {
      expect(html).toContain(text);
    }
    const [logged] = await t.db.query(`SELECT action, route, case_id FROM access_log WHERE action = 'notice_read'`);
    expect(logged).toEqual({ action: 'notice_read', route: 'GET /api/cases/:id/notices/:notice', case_id: refused });
  });

  it('gives the same notice as a PDF whose text a PDF reader finds', async () => {
    const res = await t.http.get(`/api/cases/${refused}/notices/decision_to_assess`).set('Accept', 'application/pdf').buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('We will not carry out an EHC needs assessment for Amara Okafor');
    expect(text).toContain('born 12 April 2017');
    expect(text).toContain('Last day to appeal to the Tribunal: 8 February 2027');
    expect(text).toContain('First-tier Tribunal');
    expect(text).toContain('with the support in place');
  });

  it('dates a posted draft plan’s 15 days from the day it is served (reg 13(1))', async () => {
    const html = (await t.http.get(`/api/cases/${drafted}/notices/draft_plan?sentOn=${TODAY}&method=post`).expect(200)).text;
    expect(html).toContain('<th scope="row">Draft plan served</th><td>9 December 2026</td>');
    expect(html).toContain('<th scope="row">Last day to comment, ask for a school or college, or ask for a meeting</th><td>23 December 2026</td>');
    expect(html).toContain('You have until 23 December 2026');
    expect(html).toContain('https://www.example.gov.uk/local-offer');
    // 20 weeks from 3 August 2026.
    expect(html).toContain('<th scope="row">Latest date for the final EHC plan</th><td>21 December 2026</td>');
  });

  it('refuses a notice of a step the case has not taken, a date before the step, and an unknown notice', async () => {
    const final = await t.http.get(`/api/cases/${drafted}/notices/final_plan`).expect(422);
    expect(final.body).toMatchObject({ code: 'NOTICE_NOT_AVAILABLE', message: expect.stringContaining('There is no final plan on this case yet') });
    const early = await t.http.get(`/api/cases/${drafted}/notices/draft_plan?sentOn=2026-12-01`).expect(422);
    expect(early.body.message).toContain('before the step it tells of (2026-12-04)');
    const unknown = await t.http.get(`/api/cases/${drafted}/notices/cease`).expect(400);
    expect(unknown.body.message).toContain('notice must be one of decision_to_assess, decision_to_issue, draft_plan, final_plan');
    await t.http.get(`/api/cases/${drafted}/notices/draft_plan?method=pigeon`).expect(400);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM access_log WHERE action = 'notice_read'`);
    expect(n).toBe(0);
  });

  it('writes no notice until the authority has set the details it carries, and keeps another authority’s cases out', async () => {
    await t.db.query(`UPDATE local_authority SET notice_details = NULL`);
    const unset = await t.http.get(`/api/cases/${refused}/notices/decision_to_assess`).expect(409);
    expect(unset.body).toMatchObject({ code: 'NOTICE_DETAILS_NOT_SET', message: expect.stringContaining('PUT /api/notices/settings') });
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    await other.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await other.http.get(`/api/cases/${refused}/notices/decision_to_assess`).expect(404);
  });
});

describe('PUT /api/notices/settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(TODAY);
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  it('keeps the details, audits each change, and refuses a malformed one changing nothing', async () => {
    expect((await t.http.get('/api/notices/settings').expect(200)).body).toEqual({});
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await t.http.put('/api/notices/settings').send({ ...NOTICE_DETAILS, phone: '01234 999999' }).expect(200);
    expect((await t.http.get('/api/notices/settings').expect(200)).body).toEqual({ ...NOTICE_DETAILS, phone: '01234 999999' });
    const audit = await t.db.query(`SELECT changes FROM account_audit WHERE action = 'notice_settings_changed' ORDER BY id`);
    expect(audit).toHaveLength(2);
    expect(audit[1].changes).toEqual({ phone: { from: '01234 500500', to: '01234 999999' } });

    const refused = await t.http.put('/api/notices/settings').send({ ...NOTICE_DETAILS, localOfferUrl: 'http://www.example.gov.uk/local-offer', mediation: { phone: '0' } }).expect(400);
    expect(refused.body.message).toEqual(expect.stringContaining('localOfferUrl'));
    expect((await t.http.get('/api/notices/settings').expect(200)).body.localOfferUrl).toBe(NOTICE_DETAILS.localOfferUrl);
    const caseworker = await t.signInAs(['caseworker']);
    await caseworker.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(403);
  });
});
