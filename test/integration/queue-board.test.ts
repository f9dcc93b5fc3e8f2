import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import supertest from 'supertest';
import { ALERTS_QUEUE, DELIVERIES_QUEUE, PLAN_CASE_JOB } from '../../src/queues/queue-names.js';
import { eventually } from '../support/eventually.js';
import { QUEUE_BACKENDS } from '../support/queue-backends.js';
import { createTestApp, testDatabaseUrl, type TestApp } from '../support/test-app.js';
import { signInToPages } from '../support/web.js';


describe.each(QUEUE_BACKENDS)('Bull Board for platform operators, on the %s backend', (_, backendEnv) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('2026-11-23', testDatabaseUrl(), { ...backendEnv, RUN_WORKERS: 'true', QUEUE_PREFIX: `ehcboard${randomBytes(4).toString('hex')}` });
    await t.reset();
    // BullMQ's PostgreSQL backend keeps every queue of the database in one table: start from empty queues.
    await emptyQueues();
  }, 60_000);
  const emptyQueues = async () => {
    for (const name of [ALERTS_QUEUE, DELIVERIES_QUEUE]) await t.app.get<Queue>(getQueueToken(name)).obliterate({ force: true });
  };
  afterAll(async () => {
    await emptyQueues();
    await t.close();
  }, 60_000);

  it('shows a platform operator both queues and a failed job with its reason, and lets nobody change them', async () => {
    const alerts = t.app.get<Queue>(getQueueToken(ALERTS_QUEUE));
    await alerts.add(PLAN_CASE_JOB, { caseId: 42 }, { jobId: 'poison-for-the-board' });
    await eventually(async () => ((await alerts.getFailed()).some((job) => job.id === 'poison-for-the-board') ? true : undefined), 'the job to fail');
    const admin = await signInToPages(t, ['platform_operator']);

    const page = await admin.agent.get('/admin/queues/board');
    expect(page.status).toBe(200);
    expect(page.text).toContain('EHC queues');
    const listed = await admin.agent.get('/admin/queues/board/api/queues').query({ activeQueue: ALERTS_QUEUE, status: 'failed' });
    expect(listed.status).toBe(200);
    const queues = listed.body.queues as { name: string; readOnlyMode: boolean; counts: { failed: number }; jobs: { id: string; failedReason: string }[] }[];
    expect(queues.map((queue) => queue.name).sort()).toEqual([ALERTS_QUEUE, DELIVERIES_QUEUE].map((name) => expect.stringContaining(name)).sort());
    const board = queues.find((queue) => queue.name.endsWith(ALERTS_QUEUE))!;
    expect(board.readOnlyMode).toBe(true);
    expect(board.counts.failed).toBe(1);
    expect(board.jobs.map((job) => [job.id, job.failedReason])).toEqual([['poison-for-the-board', expect.stringMatching(/no caseId/)]]);

    const retry = await admin.agent.put(`/admin/queues/board/api/queues/${encodeURIComponent(board.name)}/poison-for-the-board/retry/failed`);
    expect(retry.status).toBeGreaterThanOrEqual(400);
    expect(await (await alerts.getJob('poison-for-the-board'))!.isFailed()).toBe(true);
  });

  it('is refused to roles without queues:admin, an authority’s administrator included, and sends a browser with no session to sign in', async () => {
    const manager = await signInToPages(t, ['manager']);
    expect((await manager.agent.get('/admin/queues/board/api/queues')).status).toBe(403);
    // The queues hold every authority's jobs: an authority's administrator sees neither the board nor the health route.
    const administrator = await signInToPages(t, ['admin']);
    expect((await administrator.agent.get('/admin/queues/board')).status).toBe(403);
    expect((await (await t.signInAs(['admin'])).http.get('/api/admin/queues')).status).toBe(403);
    expect((await (await t.signInAs(['platform_operator'])).http.get('/api/admin/queues')).status).toBe(200);
    const anonymous = await supertest(t.app.getHttpServer()).get('/admin/queues/board');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent('/admin/queues/board')}`);
  });
});
