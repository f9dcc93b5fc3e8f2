import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import supertest from 'supertest';
import { mailText, startSmtpServer } from '../support/alert-receivers.js';
import { TEST_USER } from '../support/auth.js';
import { createCase, postEvent } from '../support/case-factory.js';
import { postPlanEvent } from '../support/plan-factory.js';
import { familyUpdateEmail } from '../../src/family/family-update-emails.js';
import { FamilyUpdatesService } from '../../src/family/family-updates.service.js';
import { NOTICE_DETAILS } from '../support/notice-details.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { csrfFieldOf } from '../support/web.js';
import { familySignsIn as signIn } from '../support/family.js';

/**
 * The family's own view, on Monday 7 December 2026. Amara's request came on 26 October; the
 * authority decided on 2 November to assess and asked health for advice by email on 9 November,
 * due by 21 December (6 weeks, reg 8(1)); her final plan is due by 15 March 2027 (20 weeks).
 */
const TODAY = '2026-12-07';
jest.setTimeout(120_000);

const AMARA = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2017-04-12' };

describe('The family’s own view of their case', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let caseId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(TODAY, testDatabaseUrl(), { SMTP_URL: smtp.url });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await t.reset();
    t.clock.setToday(TODAY);
    smtp.received.length = 0;
    caseId = (await createCase(t, { child: AMARA, requestReceivedOn: '2026-10-26' })).id;
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-11-02', decision: 'assess' },
      { type: 'ADVICE_REQUESTED', occurredOn: '2026-11-09', contributor: 'health', contact: { name: 'Dr Rao', email: 'dr.rao@nhs.example', organisation: 'Exampleshire Community Paediatrics' } },
      { type: 'ASSIGNED', occurredOn: '2026-11-02', assigneeId: TEST_USER.id },
    ]) expect((await postEvent(t, caseId, event)).status).toBe(200);
  });

  const addContact = (id: string, email: string, http = t.http) => http.post(`/api/cases/${id}/family-contacts`).send({ email, name: 'Grace Okafor', relationship: 'parent' });

  const familySignsIn = (email: string) => signIn(t, smtp, email);

  it('lets a parent the caseworker named sign in with the emailed code and see where the case is, and nothing of others', async () => {
    expect((await addContact(caseId, 'Grace@Example.org')).status).toBe(201);
    const family = await familySignsIn('grace@example.org');
    expect(smtp.received[0].to).toEqual(['grace@example.org']);
    expect(mailText(smtp.received[0])).not.toContain('Amara');

    const list = await family.get('/family').expect(200);
    expect(list.text).toContain(`href="/family/case/${caseId}"`);
    const page = (await family.get(`/family/case/${caseId}`).expect(200)).text;
    for (const part of ['Amara Okafor', 'Assessing', 'We are carrying out the EHC needs assessment', 'Next date: <strong>21 December 2026</strong>', 'Advice: Health (6 weeks)', 'Health advice: requested 9 November 2026, due 21 December 2026', TEST_USER.email]) {
      expect([part, page.includes(part)]).toEqual([part, true]);
    }
    // Never a third party's contact details.
    expect(page).not.toContain('dr.rao@nhs.example');
    expect(page).not.toContain('Dr Rao');
    const [read] = await t.db.query(`SELECT actor, route, case_id FROM access_log WHERE action = 'family_case_read'`);
    expect(read).toEqual({ actor: 'family:grace@example.org', route: 'GET /family/case/:id', case_id: caseId });
    // A family session is not a staff one.
    expect((await family.get(`/case/${caseId}`)).headers.location).toMatch(/^\/sign-in/);
    expect((await family.get(`/api/cases/${caseId}`)).status).toBe(401);
  });

  it('shows the notices sent, as they were sent', async () => {
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await t.http.post(`/api/cases/${caseId}/notices/decision_to_assess/send`).send({ method: 'post', sentOn: '2026-11-02' }).expect(200);
    await addContact(caseId, 'grace@example.org').expect(201);
    const family = await familySignsIn('grace@example.org');
    const page = (await family.get(`/family/case/${caseId}`).expect(200)).text;
    expect(page).toContain('We will carry out an EHC needs assessment for Amara Okafor');
    expect(page).toContain('Post, 2 November 2026; received 4 November 2026');
    const copy = await family.get(`/family/case/${caseId}/notices/decision_to_assess/versions/1`).expect(200);
    expect(copy.text).toContain('Date of this notice: 2 November 2026');
  });

  it('shows the EHC plan the assessment made: its stage, the school named and the next date', async () => {
    const issued = (await createCase(t, { child: { givenName: 'Kofi', familyName: 'Okafor', dateOfBirth: '2016-09-01' }, requestReceivedOn: '2026-01-05' })).id;
    for (const event of [
      { type: 'DECISION_TO_ASSESS', occurredOn: '2026-02-09', decision: 'assess' },
      { type: 'DECISION_TO_ISSUE', occurredOn: '2026-04-20', decision: 'issue' },
      { type: 'DRAFT_PLAN_ISSUED', occurredOn: '2026-04-27' },
      { type: 'FINAL_PLAN_ISSUED', occurredOn: '2026-05-18', placement: 'Oak Tree School', notice: { sentOn: '2026-05-18', method: 'email' } },
    ]) expect((await postEvent(t, issued, event)).status).toBe(200);
    await addContact(issued, 'grace@example.org').expect(201);
    await addContact(caseId, 'grace@example.org').expect(201);
    const family = await familySignsIn('grace@example.org');
    const page = (await family.get(`/family/case/${issued}`).expect(200)).text;
    for (const part of ['Your child’s EHC plan', 'Maintained', 'We review it at least once every 12 months', 'School or college named', 'Oak Tree School', 'Plan started', '18 May 2026',
      'Next date: <strong>17 May 2027</strong>', 'Annual review (within 12 months)']) {
      expect([part, page.includes(part)]).toEqual([part, true]);
    }
    // An assessment still under way has no plan to show.
    expect((await family.get(`/family/case/${caseId}`).expect(200)).text).not.toContain('Your child’s EHC plan');
    expect((await family.get(`/family/case/${caseId}/plan-notices/review_decision/versions/1`)).status).toBe(404);

    // Reviewed in November, kept as it is: the review's notice is among the plan's letters, as it went out.
    const { planId } = (await t.http.get(`/api/cases/${issued}`).expect(200)).body;
    for (const event of [
      { type: 'REVIEW_MEETING_SCHEDULED', occurredOn: '2026-10-01', meetingOn: '2026-11-16' },
      { type: 'REVIEW_MEETING_HELD', occurredOn: '2026-11-16' },
      { type: 'REVIEW_REPORT_RECEIVED', occurredOn: '2026-11-23' },
      { type: 'REVIEW_DECISION', occurredOn: '2026-12-04', decision: 'maintain' },
    ]) expect((await postPlanEvent(t, planId, event)).status).toBe(200);
    await t.http.put('/api/notices/settings').send(NOTICE_DETAILS).expect(200);
    await t.http.post(`/api/plans/${planId}/notices/review_decision/send`).send({ method: 'post', sentOn: '2026-12-04' }).expect(200);
    const reviewed = (await family.get(`/family/case/${issued}`).expect(200)).text;
    expect(reviewed).toContain('Letters about the plan');
    expect(reviewed).toContain('Last annual review meeting');
    expect(reviewed).toContain('16 November 2026');
    expect(reviewed).toContain(`href="/family/case/${issued}/plan-notices/review_decision/versions/1"`);
    const copy = await family.get(`/family/case/${issued}/plan-notices/review_decision/versions/1`).expect(200);
    expect(copy.text).toContain('We will keep the EHC plan for Kofi Okafor as it is');
    const [read] = await t.db.query(`SELECT actor, case_id FROM access_log WHERE route = 'GET /family/case/:id/plan-notices/:notice/versions/:version'`);
    expect(read).toEqual({ actor: 'family:grace@example.org', case_id: issued });

    // Named after the plan was made, she is told by email of the review, as her page words it (no worker runs here: the email is built as the worker would).
    expect(await t.app.get(FamilyUpdatesService).tellAll()).toBe(1);
    const [update] = await t.db.query(`SELECT u.id FROM family_update u JOIN family_contact f ON f.id = u.contact_id WHERE f.case_id = $1`, [issued]);
    const { text } = await familyUpdateEmail(t.db.manager, update.id, 'https://ehc.council.example');
    for (const part of [
      'What has changed on Kofi\'s education, health and care (EHC) needs assessment (our reference',
      'and the EHC plan it made:',
      '- 1 October 2026: We arranged the annual review meeting, for 16 November 2026.',
      '- 16 November 2026: The annual review meeting was held.',
      '- 4 December 2026: We decided after the annual review to keep the EHC plan as it is.',
      '- 4 December 2026: We sent a letter about the EHC plan:',
      'The next date: Annual review (within 12 months), by 15 November 2027.',
    ]) expect([part, text.includes(part)]).toEqual([part, true]);
    expect(text).not.toContain('REVIEW_REPORT_RECEIVED');
    expect(await t.app.get(FamilyUpdatesService).tellAll()).toBe(0);
  });

  it('keeps each family to its own case, across authorities', async () => {
    await addContact(caseId, 'grace@example.org').expect(201);
    const other = await t.signInAs(['caseworker', 'manager'], 'OTHER');
    const ben = (await other.http.post('/api/cases').send({ child: { givenName: 'Ben', familyName: 'Brown', dateOfBirth: '2016-01-20' }, requestReceivedOn: '2026-11-16', requestSource: 'parent' }).expect(201)).body.id;
    await addContact(ben, 'dan@example.org', other.http).expect(201);
    // Staff of one authority cannot name a family on another's case.
    await addContact(ben, 'grace@example.org').expect(404);

    const dan = await familySignsIn('dan@example.org');
    const danList = (await dan.get('/family').expect(200)).text;
    expect(danList).toContain('Ben Brown');
    expect(danList).not.toContain('Amara');
    expect((await dan.get(`/family/case/${caseId}`)).status).toBe(404);
    expect((await dan.get(`/family/case/${caseId}/notices/decision_to_assess/versions/1`)).status).toBe(404);
    const grace = await familySignsIn('grace@example.org');
    expect((await grace.get(`/family/case/${ben}`)).status).toBe(404);
    expect((await grace.get(`/family/case/${caseId}`)).status).toBe(200);
  });

  it('tells no one which emails have access, and refuses wrong, reused and expired codes', async () => {
    await addContact(caseId, 'grace@example.org').expect(201);
    const agent = supertest.agent(t.app.getHttpServer());
    const post = async (path: string, fields: Record<string, string>) => {
      // The token first: the agent attaches its cookies when a request is created.
      const _csrf = csrfFieldOf((await agent.get('/family/sign-in')).text);
      return agent.post(path).type('form').send({ _csrf, ...fields });
    };

    // An email without access gets the same answer, and no email.
    const stranger = await post('/family/sign-in', { email: 'stranger@example.org' });
    expect([stranger.status, stranger.headers.location]).toEqual([303, '/family/sign-in/code']);
    expect((await agent.get('/family/sign-in/code')).text).toContain('If <strong>stranger@example.org</strong> can see');
    expect(smtp.received).toEqual([]);
    expect((await post('/family/sign-in/code', { code: '123456' })).text).toContain('The code has expired, or has been tried too many times');
    expect((await post('/family/sign-in', { email: 'not an email' })).status).toBe(400);

    await post('/family/sign-in', { email: 'grace@example.org' });
    const code = /Your code is (\d{6})/.exec(mailText(smtp.received[0]))![1];
    const wrong = code === '000000' ? '000001' : '000000';
    for (let n = 0; n < 5; n++) expect((await post('/family/sign-in/code', { code: wrong })).text).toContain('The code is not right');
    // Five wrong tries use the code up: the right one no longer works.
    expect((await post('/family/sign-in/code', { code })).text).toContain('The code has expired, or has been tried too many times');
    expect((await agent.get('/family')).headers.location).toBe('/family/sign-in');

    // A new code works once, within 10 minutes.
    await post('/family/sign-in', { email: 'grace@example.org' });
    const second = /Your code is (\d{6})/.exec(mailText(smtp.received[1]))![1];
    t.clock.setNow(new Date(`${TODAY}T12:11:00Z`));
    expect((await post('/family/sign-in/code', { code: second })).text).toContain('The code has expired');
    t.clock.setToday(TODAY);
    await post('/family/sign-in', { email: 'grace@example.org' });
    const third = /Your code is (\d{6})/.exec(mailText(smtp.received[2]))![1];
    // Entered twice at once, it signs in once.
    const _csrfBoth = csrfFieldOf((await agent.get('/family/sign-in/code')).text);
    const both = await Promise.all([0, 1].map(() => agent.post('/family/sign-in/code').type('form').send({ _csrf: _csrfBoth, code: third })));
    expect(both.map((r) => r.headers.location ?? 'refused').sort()).toEqual(['/family', 'refused']);
    // Used once: asking again (the only way back to the form) makes a new code, and the used one is not it.
    const again = supertest.agent(t.app.getHttpServer());
    const _csrf = csrfFieldOf((await again.get('/family/sign-in')).text);
    await again.post('/family/sign-in').type('form').send({ _csrf, email: 'grace@example.org' });
    const token = csrfFieldOf((await again.get('/family/sign-in')).text);
    expect((await again.post('/family/sign-in/code').type('form').send({ _csrf: token, code: third })).text).toContain('The code is not right');
    // Kept only as a keyed HMAC: not the code, nor a plain hash of it that six digits could be tried against.
    const stored: { code_hmac: string }[] = await t.db.query(`SELECT code_hmac FROM family_sign_in_code`);
    const plain = [third, createHash('sha256').update(third).digest('hex'), createHash('sha256').update(`grace@example.org\n${third}`).digest('hex')];
    expect(stored.filter((row) => plain.includes(row.code_hmac))).toEqual([]);
  });

  it('ends a revoked contact’s access at their next page, and keeps who added and revoked them', async () => {
    const contact = (await addContact(caseId, 'grace@example.org').expect(201)).body;
    expect((await addContact(caseId, 'grace@example.org')).body.code).toBe('FAMILY_CONTACT_EXISTS');
    const family = await familySignsIn('grace@example.org');
    await family.get(`/family/case/${caseId}`).expect(200);
    const revoked = (await t.http.post(`/api/cases/${caseId}/family-contacts/${contact.id}/revoke`).expect(200)).body;
    expect(revoked).toMatchObject({ email: 'grace@example.org', addedBy: TEST_USER.email, revokedBy: TEST_USER.email, revokedAt: expect.any(String) });
    expect((await family.get(`/family/case/${caseId}`)).status).toBe(404);
    expect((await family.get('/family')).text).not.toContain('Amara');
    await t.http.post(`/api/cases/${caseId}/family-contacts/${contact.id}/revoke`).expect(404);
    expect((await t.http.get(`/api/cases/${caseId}/family-contacts`).expect(200)).body).toHaveLength(1);
    // Named again, the contact can sign in again.
    await addContact(caseId, 'grace@example.org').expect(201);
  });

  it('refuses bad contacts and roles that may not name one, changing nothing', async () => {
    for (const body of [{ email: 'nope', name: 'Grace', relationship: 'parent' }, { email: 'g@example.org', name: '', relationship: 'parent' }, { email: 'g@example.org', name: 'Grace', relationship: 'neighbour' }]) {
      expect((await t.http.post(`/api/cases/${caseId}/family-contacts`).send(body)).status).toBe(400);
    }
    const auditor = await t.signInAs(['auditor']);
    await addContact(caseId, 'grace@example.org', auditor.http).expect(403);
    expect((await t.http.get(`/api/cases/${caseId}/family-contacts`).expect(200)).body).toEqual([]);
  });
});
