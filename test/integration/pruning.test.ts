import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { PRUNE_SCHEDULER } from '../../src/alerts/alert-workers.js';
import { ALERTS_QUEUE, PRUNE_JOB } from '../../src/queues/queue-names.js';
import { TEST_USER } from '../support/auth.js';
import { createCase } from '../support/case-factory.js';
import { eventually } from '../support/eventually.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';

describe('The nightly prune', () => {
  let t: TestApp;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23', testDatabaseUrl(), {
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      RUN_WORKERS: 'true',
      QUEUE_PREFIX: `prune${randomBytes(4).toString('hex')}`,
    });
    await t.reset();
    queue = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  it('is scheduled every night at 03:30 London time', async () => {
    expect(await queue.getJobScheduler(PRUNE_SCHEDULER)).toMatchObject({ name: PRUNE_JOB, pattern: '30 3 * * *', tz: 'Europe/London' });
  });

  it('deletes, in batches, relayed outbox rows, spent refresh tokens and abandoned sign-in attempts past their keeping, and nothing else', async () => {
    const old = `now() - interval '40 days'`;
    await t.db.query(`INSERT INTO outbox (queue, job_name, job_id, data, relayed_at) SELECT 'alerts', 'plan-case', 'old-' || i, '{}', ${old} FROM generate_series(1, 2500) i`);
    await t.db.query(`INSERT INTO outbox (queue, job_name, job_id, data, relayed_at) VALUES ('alerts', 'plan-case', 'recent', '{}', now() - interval '1 day'), ('alerts', 'plan-case', 'pending', '{}', NULL)`);
    const [{ local_authority_id: authority }] = await t.db.query(`SELECT local_authority_id FROM user_account WHERE id = $1`, [TEST_USER.id]);
    const token = (name: string, expires: string, revoked: string) =>
      t.db.query(`INSERT INTO refresh_token (user_id, local_authority_id, token_hash, expires_at, revoked_at) VALUES ($1, $2, $3, ${expires}, ${revoked})`, [TEST_USER.id, authority, Buffer.from(name)]);
    await token('expired-long-ago', old, 'NULL');
    await token('revoked-long-ago', `now() + interval '1 hour'`, old);
    await token('revoked-yesterday', `now() + interval '1 hour'`, `now() - interval '1 day'`);
    await token('live', `now() + interval '1 hour'`, 'NULL');
    await t.db.query(`INSERT INTO oidc_login_attempt (state, nonce, code_verifier, created_at) VALUES ('abandoned', 'n', 'v', now() - interval '1 hour'), ('fresh', 'n', 'v', now())`);
    await t.db.query(`INSERT INTO family_sign_in_code (email, code_hmac, created_at, expires_at) VALUES
      ('old@example.org', repeat('a', 64), now() - interval '2 days', now() - interval '2 days' + interval '10 minutes'),
      ('new@example.org', repeat('b', 64), now(), now() + interval '10 minutes')`);

    const { id: caseId } = await createCase(t);
    const link = async (request: string, ended: string) => {
      const [{ id }] = await t.db.query(
        `INSERT INTO advice_link (local_authority_id, case_id, request, contact_email, expires_on, created_by, used_at, revoked_at, revoked_by)
         SELECT local_authority_id, id, $2, 'someone@trust.example', current_date + 28, 'tester', ${ended === 'used' ? `now() - interval '100 days'` : 'NULL'},
           ${ended === 'revoked' ? `now() - interval '30 days', 'tester'` : 'NULL, NULL'}
         FROM ehc_case WHERE id = $1 RETURNING id`,
        [caseId, request],
      );
      await t.db.query(`INSERT INTO advice_link_token (token_sha256, link_id) VALUES ($1, $2)`, [randomBytes(32), id]);
    };
    await link('advice.health', 'used');
    await link('advice.education', 'revoked');
    await link('advice.social_care', 'live');
    await t.db.query(`UPDATE advice_link SET expires_on = current_date - 100 WHERE request = 'advice.social_care'`);
    await link('advice.educational_psychology', 'live');

    const job = await queue.add(PRUNE_JOB, {});
    const done = await eventually(async () => ((await job.getState()) === 'completed' ? (await queue.getJob(job.id!))!.returnvalue : undefined), 'the prune job');
    expect(done).toEqual({ outbox: 2500, refreshTokens: 2, signInAttempts: 1, familyCodes: 1, adviceTokens: 2, releasedObjects: 0 });
    // Used 100 days ago and expired 100 days ago go; revoked 30 days ago and live stay.
    const kept = await t.db.query(`SELECT l.request FROM advice_link_token t JOIN advice_link l ON l.id = t.link_id ORDER BY 1`);
    expect(kept.map((r: { request: string }) => r.request)).toEqual(['advice.education', 'advice.educational_psychology']);
    // The seeded case's own planning job was relayed just now: it stays too.
    expect((await t.db.query(`SELECT job_id FROM outbox WHERE job_id NOT LIKE 'plan-case.%' ORDER BY job_id`)).map((r: { job_id: string }) => r.job_id)).toEqual(['pending', 'recent']);
    expect((await t.db.query(`SELECT convert_from(token_hash, 'UTF8') AS name FROM refresh_token ORDER BY 1`)).map((r: { name: string }) => r.name)).toEqual(['live', 'revoked-yesterday']);
    expect(await t.db.query(`SELECT state FROM oidc_login_attempt`)).toEqual([{ state: 'fresh' }]);
    expect(await t.db.query(`SELECT email FROM family_sign_in_code`)).toEqual([{ email: 'new@example.org' }]);
  });
});
