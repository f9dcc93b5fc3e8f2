import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PASSWORD = 'a long enough passphrase';
const SETTINGS = { warningWorkingDays: [3], alertTime: '09:30', managerEmails: ['head.of.send@council.example'], escalationEmails: {}, webhookUrl: null };

describe('Account changes: the rules and their audit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23');
  });
  afterAll(async () => t.close());
  beforeEach(async () => t.reset());

  /** An authority of its own, so the test user (an administrator of TEST) does not count. */
  const newAuthority = () => `A${randomBytes(3).toString('hex').toUpperCase()}`;
  const activeAdministrators = async (authorityCode: string): Promise<number> =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM user_account u JOIN local_authority a ON a.id = u.local_authority_id WHERE a.code = $1 AND NOT u.disabled AND 'admin' = ANY(u.roles)`,
        [authorityCode],
      )
    )[0].n;
  const auditRows = async (): Promise<number> => (await t.db.query(`SELECT count(*)::int AS n FROM account_audit`))[0].n;

  it('refuses an administrator’s change to their own roles, and changes nothing', async () => {
    const admin = await t.signInAs(['admin']);
    const refused = await admin.http.patch(`/api/users/${admin.id}`).send({ roles: ['admin', 'manager'] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_CHANGE_REFUSED', message: expect.stringMatching(/your own roles/) });
    expect((await t.db.query(`SELECT roles FROM user_account WHERE id = $1`, [admin.id]))[0].roles).toEqual(['admin']);
    expect(await auditRows()).toBe(0);
    // Another administrator may.
    expect((await t.http.patch(`/api/users/${admin.id}`).send({ roles: ['admin', 'manager'] })).status).toBe(200);
  });

  it('refuses an administrator’s grant or removal of platform_operator, which the deployment gives', async () => {
    const admin = await t.signInAs(['admin']);
    const created = await admin.http.post('/api/users').send({ email: 'ops@council.example', roles: ['platform_operator'] });
    expect([created.status, created.body.code]).toEqual([422, 'ACCOUNT_CHANGE_REFUSED']);
    const operator = await t.signInAs(['platform_operator']);
    expect((await admin.http.patch(`/api/users/${operator.id}`).send({ roles: ['caseworker'] })).status).toBe(422);
    const caseworker = await t.signInAs(['caseworker']);
    expect((await admin.http.patch(`/api/users/${caseworker.id}`).send({ roles: ['caseworker', 'platform_operator'] })).status).toBe(422);
    expect(await auditRows()).toBe(0);
  });

  it('keeps at least one active administrator in an authority', async () => {
    const code = newAuthority();
    const first = await t.signInAs(['admin'], code);
    const second = await t.signInAs(['admin'], code);
    expect((await first.http.patch(`/api/users/${second.id}`).send({ roles: ['caseworker'] })).status).toBe(200);
    const disableSelf = await first.http.patch(`/api/users/${first.id}`).send({ disabled: true });
    expect(disableSelf.status).toBe(422);
    expect(disableSelf.body.message).toMatch(/last active administrator/);
    expect(await activeAdministrators(code)).toBe(1);
  });

  it('lets only one of two administrators who disable each other at the same moment succeed', async () => {
    for (let round = 0; round < 5; round++) {
      const code = newAuthority();
      const [a, b] = [await t.signInAs(['admin'], code), await t.signInAs(['admin'], code)];
      const answers = await Promise.all([a.http.patch(`/api/users/${b.id}`).send({ disabled: true }), b.http.patch(`/api/users/${a.id}`).send({ disabled: true })]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
      expect(await activeAdministrators(code)).toBe(1);
    }
  });

  it('records who created, changed, disabled and unlocked accounts and changed alert settings, for auditors to read', async () => {
    const admin = await t.signInAs(['admin']);
    const created = (await admin.http.post('/api/users').send({ email: 'Jo.Bloggs@Council.example', password: PASSWORD, roles: ['caseworker'] })).body;
    await admin.http.patch(`/api/users/${created.id}`).send({ roles: ['caseworker', 'manager'] }).expect(200);
    await admin.http.patch(`/api/users/${created.id}`).send({ disabled: true }).expect(200);
    await t.db.query(`UPDATE user_account SET locked_until = '2026-12-01T10:00:00Z' WHERE id = $1`, [created.id]);
    await admin.http.patch(`/api/users/${created.id}`).send({ unlock: true, disabled: false }).expect(200);
    const manager = await t.signInAs(['manager']);
    await manager.http.put('/api/alert-settings').send(SETTINGS).expect(200);

    const auditor = await t.signInAs(['auditor']);
    const all = await auditor.http.get('/api/audit/account-changes');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(5);
    const [settings, unlocked, disabled, promoted, creation] = all.body.items;
    expect(creation).toMatchObject({
      actor: admin.email,
      actorId: admin.id,
      action: 'account_created',
      accountId: created.id,
      changes: { email: { from: null, to: 'jo.bloggs@council.example' }, roles: { from: null, to: ['caseworker'] }, disabled: { from: null, to: false }, passwordSet: { from: null, to: true } },
    });
    expect(promoted.changes).toEqual({ roles: { from: ['caseworker'], to: ['caseworker', 'manager'] } });
    expect(disabled.changes).toEqual({ disabled: { from: false, to: true } });
    expect(unlocked.changes).toEqual({ disabled: { from: true, to: false }, lockedUntil: { from: '2026-12-01T10:00:00.000Z', to: null } });
    expect(settings).toMatchObject({ actor: manager.email, action: 'alert_settings_changed', accountId: null });
    expect(settings.changes).toEqual({
      warningWorkingDays: { from: [10, 5], to: [3] },
      alertTime: { from: '08:00', to: '09:30' },
      managerEmails: { from: [], to: ['head.of.send@council.example'] },
    });
    expect(JSON.stringify(all.body)).not.toMatch(/scrypt|passwordHash/);

    const ofAccount = await auditor.http.get(`/api/audit/account-changes?accountId=${created.id}&action=account_changed&pageSize=2&page=2`);
    expect(ofAccount.body).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ changes: { roles: expect.anything() } }] });
    expect((await auditor.http.get(`/api/audit/account-changes?actorId=${manager.id}`)).body.total).toBe(1);
    expect((await auditor.http.get('/api/audit/account-changes?from=2000-01-01&to=2000-12-31')).body.total).toBe(0);
    expect((await auditor.http.get('/api/audit/account-changes?action=password_guessed')).status).toBe(400);
    expect((await admin.http.get('/api/audit/account-changes')).status).toBe(403);
    expect((await manager.http.get('/api/audit/account-changes')).status).toBe(403);
  });

  it('writes nothing for a refused change, and cannot be rewritten or deleted', async () => {
    const admin = await t.signInAs(['admin']);
    await admin.http.patch(`/api/users/${admin.id}`).send({ roles: ['auditor'] }).expect(422);
    expect(await auditRows()).toBe(0);
    await admin.http.post('/api/users').send({ email: 'sam@council.example', roles: ['caseworker'] }).expect(201);
    await expect(t.db.query(`UPDATE account_audit SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM account_audit`)).rejects.toThrow(/append-only/);
    expect(await auditRows()).toBe(1);
  });
});
