import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ensureAuthority, type Http } from '../support/auth.js';
import { newPlanBody } from '../support/plan-factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

jest.setTimeout(120_000);

/**
 * The authority's appeal buffer (domain 5.6: working days after the last appeal date for an appeal
 * registered on it to reach the authority), set per authority and kept by each decision to cease
 * and each dispute as it was when they were made. Dates by hand: a decision to cease emailed Mon 2
 * Nov 2026 can be appealed until Sat 2 Jan 2027, moved to Mon 4 Jan (HESC r.12). Five working days
 * after it run to Mon 11 Jan (5–8, 11 Jan), ten to Mon 18 Jan (the default), twenty to Mon 1 Feb
 * (5–8, 11–15, 18–22, 25–29 Jan, 1 Feb).
 */
describe('The appeal buffer, set by the authority', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-02');
    await t.reset();
  });
  afterAll(() => t.close());

  /** A new account in authority `code` whose buffer is `days`; an account new to the application reads its authority afresh. */
  async function staffWithBuffer(code: string, days: number): Promise<Http> {
    await ensureAuthority(t.db, code);
    await t.db.query('UPDATE local_authority SET appeal_buffer_working_days = $2 WHERE code = $1', [code, days]);
    return (await t.signInAs(['caseworker', 'manager'], code)).http;
  }

  async function ceaseDisputed(http: Http, givenName: string) {
    const plan = (await http.post('/api/plans').send(newPlanBody({ child: { givenName, familyName: 'Buffer', dateOfBirth: '2008-01-01' } })).expect(201)).body;
    const ceased = await http.post(`/api/plans/${plan.id}/events`).send({ type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved to higher education', ceaseReason: 3, notice: { sentOn: '2026-11-02', method: 'email' } });
    expect(ceased.status).toBe(200);
    const dispute = (await http.post('/api/disputes').send({ planId: plan.id, decision: 'decision_to_cease', noticeSentOn: '2026-11-02' }).expect(201)).body;
    return { planId: plan.id as string, ceaseWindow: ceased.body.deadlines.ceaseAppealWindow.dueOn as string, dispute };
  }

  it('holds a cease decision and a dispute for the authority’s own number of working days, and a later change moves neither', async () => {
    const five = await staffWithBuffer('BUFA', 5);
    const first = await ceaseDisputed(five, 'Ada');
    expect(first.ceaseWindow).toBe('2027-01-11');
    expect(first.dispute).toMatchObject({ lastAppealDate: '2027-01-04', closableAsNotAppealedFrom: '2027-01-12' });

    // The default authority keeps 10.
    const usual = await ceaseDisputed(t.http, 'Ben');
    expect(usual.ceaseWindow).toBe('2027-01-18');
    expect(usual.dispute.closableAsNotAppealedFrom).toBe('2027-01-19');

    const twenty = await staffWithBuffer('BUFA', 20);
    expect((await twenty.get(`/api/plans/${first.planId}`).expect(200)).body.deadlines.ceaseAppealWindow.dueOn).toBe('2027-01-11');
    expect((await twenty.get(`/api/disputes/${first.dispute.id}`).expect(200)).body.closableAsNotAppealedFrom).toBe('2027-01-12');
    const later = await ceaseDisputed(twenty, 'Cal');
    expect(later.ceaseWindow).toBe('2027-02-01');
    expect(later.dispute.closableAsNotAppealedFrom).toBe('2027-02-02');
  });

  it('is the engine’s to record: a client cannot send the buffer with a decision to cease, and the database refuses one out of range', async () => {
    const plan = (await t.http.post('/api/plans').send(newPlanBody({ child: { givenName: 'Dee', familyName: 'Buffer', dateOfBirth: '2008-01-01' } })).expect(201)).body;
    const sent = await t.http.post(`/api/plans/${plan.id}/events`).send({ type: 'CEASE_DECISION', occurredOn: '2026-11-02', reasons: 'Moved away', ceaseReason: 5, appealBufferWorkingDays: 0 });
    expect(sent.status).toBe(400);
    expect(sent.body.message).toMatch(/appealBufferWorkingDays/);
    expect((await t.http.get(`/api/plans/${plan.id}`)).body.status).toBe('maintained');
    await expect(t.db.query(`UPDATE local_authority SET appeal_buffer_working_days = 31 WHERE code = 'BUFA'`)).rejects.toThrow(/local_authority_appeal_buffer_range/);
  });
});
