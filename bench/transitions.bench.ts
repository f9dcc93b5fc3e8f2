/**
 * Events per second through the whole HTTP API (8 clients, each on its own case) next to
 * the bare SQL of a transition (lock, update, insert) on the same database in the same run;
 * then the latency of transitions sent open-loop, at a fixed rate whatever the answers' pace.
 * The API runs in its own process with its workers, as `npm start` runs it, so the clients do
 * not share its thread.
 * Usage: npm run bench:transitions  (BENCH_SECONDS=10, BENCH_OPEN_LOOP_RATE=100 per second,
 * BENCH_OPEN_LOOP_SECONDS=30 by default)
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createBenchDatabase, percentile } from './bench-database.js';
import { startApiProcess, type HttpJsonClient } from './api-process.js';
import { runBench } from './bench-run.js';

const CLIENTS = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OPEN_LOOP_RATE = Number(process.env.BENCH_OPEN_LOOP_RATE ?? 100);
const OPEN_LOOP_SECONDS = Number(process.env.BENCH_OPEN_LOOP_SECONDS ?? 30);
/** Enough cases that requests sent at a fixed rate rarely meet on one case. */
const OPEN_LOOP_CASES = 50;

interface Phase {
  operations: number;
  seconds: number;
  latenciesMs: number[];
}

async function runPhase(clients: number, operation: (client: number, n: number) => Promise<void>): Promise<Phase> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        await operation(client, n);
        latenciesMs.push(performance.now() - t0);
      }
    }),
  );
  latenciesMs.sort((a, b) => a - b);
  return { operations: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
}

async function createCases(api: HttpJsonClient, count = CLIENTS): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await api.post('/api/cases', {
      child: { givenName: 'Bench', familyName: `Child ${i}`, dateOfBirth: '2016-05-01' },
      requestReceivedOn: '2026-01-05',
      requestSource: 'school',
    });
    if (created.status !== 201) throw new Error(`creating a case answered ${created.status}`);
    ids.push((created.body as { id: string }).id);
  }
  return ids;
}

async function assign(api: HttpJsonClient, caseId: string, n: number): Promise<void> {
  const event = { type: 'ASSIGNED', occurredOn: '2026-01-06', assigneeId: `caseworker-${n % 5}` };
  const response = await api.post(`/api/cases/${caseId}/events`, event);
  if (response.status !== 200) throw new Error(`event answered ${response.status}`);
}

async function httpPhase(api: HttpJsonClient, caseIds: string[]): Promise<Phase> {
  return runPhase(CLIENTS, (client, n) => assign(api, caseIds[client], n));
}

/**
 * Requests sent at OPEN_LOOP_RATE per second for OPEN_LOOP_SECONDS, each timed from the moment
 * it was due to be sent, so a stall shows in every request it delays (no coordinated omission).
 */
async function openLoopPhase(operation: (n: number) => Promise<void>): Promise<Phase> {
  const total = OPEN_LOOP_RATE * OPEN_LOOP_SECONDS;
  const intervalMs = 1000 / OPEN_LOOP_RATE;
  const latenciesMs: number[] = [];
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const dueAt = started + n * intervalMs;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(operation(n).then(() => void latenciesMs.push(performance.now() - dueAt)));
  }
  await Promise.all(sent);
  latenciesMs.sort((a, b) => a - b);
  return { operations: latenciesMs.length, seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** The irreducible database work of one transition (lock, update, insert), with nothing of the application around it. */
async function bareSqlTransition(pool: pg.Pool, caseId: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT version, local_authority_id FROM ehc_case WHERE id = $1 FOR UPDATE', [caseId]);
    await client.query('UPDATE ehc_case SET version = version + 1, updated_at = now() WHERE id = $1', [caseId]);
    await client.query(
      `INSERT INTO case_event (case_id, seq, local_authority_id, type, occurred_on, actor, machine_version, payload)
       VALUES ($1, $2, $3, 'ASSIGNED', '2026-01-06', 'bench', 1, $4)`,
      [caseId, rows[0].version + 1, rows[0].local_authority_id, JSON.stringify({ assigneeId: 'caseworker-1' })],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

async function withPool<T>(url: string, use: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

function describePhase(name: string, phase: Phase): string {
  const rate = phase.operations / phase.seconds;
  return `${name.padEnd(34)} ${rate.toFixed(0).padStart(7)}/s   p50 ${percentile(phase.latenciesMs, 50).toFixed(2).padStart(6)} ms   p99 ${percentile(phase.latenciesMs, 99).toFixed(2).padStart(6)} ms`;
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('ehc_bench');
  const api = await startApiProcess(database.url);
  try {
    const caseIds = await createCases(api);
    await httpPhase(api, caseIds); // warm-up: JIT, connection pool, plan cache
    const http = await httpPhase(api, caseIds);
    const sqlCaseIds = await createCases(api);
    const sql = await withPool(database.url, (pool) => runPhase(CLIENTS, (client) => bareSqlTransition(pool, sqlCaseIds[client])));
    const ratio = http.operations / http.seconds / (sql.operations / sql.seconds);
    const openLoopCases = await createCases(api, OPEN_LOOP_CASES);
    const openLoop = await openLoopPhase((n) => assign(api, openLoopCases[n % OPEN_LOOP_CASES], n));
    // The same rate of bare SQL transitions: the tail this machine's database and scheduler give anything.
    const openLoopSql = await withPool(database.url, (pool) => openLoopPhase((n) => bareSqlTransition(pool, openLoopCases[n % OPEN_LOOP_CASES])));
    console.log(`Transitions, ${CLIENTS} concurrent clients on distinct cases, ${SECONDS} s each (node ${process.version})`);
    console.log(describePhase('HTTP POST /api/cases/:id/events', http));
    console.log(describePhase('bare SQL (lock, update, insert)', sql));
    console.log(`ratio HTTP / bare SQL: ${ratio.toFixed(2)} (aim: at least 0.5)`);
    console.log(`Open loop: ${OPEN_LOOP_RATE} transitions a second for ${OPEN_LOOP_SECONDS} s over ${OPEN_LOOP_CASES} cases, API and workers in one process`);
    console.log(describePhase('HTTP POST /api/cases/:id/events', openLoop));
    console.log(describePhase('bare SQL (lock, update, insert)', openLoopSql));
    console.log(`p99 ${percentile(openLoop.latenciesMs, 99).toFixed(1)} ms (aim: under 20 ms)`);
  } finally {
    await api.stop();
    await database.drop();
  }
}

runBench(main);
