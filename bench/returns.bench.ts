/**
 * The SEN2 return for one large authority: seeds its own database in bulk with maintained plans
 * (bench/plans-seed.ts) and requests over ten years (bench/reports-seed.ts), then times the
 * validation and the XML return by calling the service their routes call — the return written
 * to a stream that counts its bytes, the access log written child by child as the route does.
 * Usage: npm run bench:returns   (BENCH_PLANS=20000, BENCH_CASES=50000 (5,000 requests a year), BENCH_RUNS=3,
 * BENCH_KEEP=1 keeps the database, BENCH_DATABASE_URL=<a kept database> times again without seeding)
 */
import 'reflect-metadata';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AccessLogService } from '../src/access-log/access-log.service.js';
import { AccountAuditService } from '../src/audit/account-audit.service.js';
import type { RequestContext } from '../src/common/request-context.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { Sen2ReturnService } from '../src/returns/sen2-return.service.js';
import { Sen2SettingsService } from '../src/returns/sen2-settings.service.js';
import { seedPlans } from './plans-seed.js';
import { FixedBenchClock, kb, timeWork } from './report-timing.js';
import { seedCases } from './reports-seed.js';
import { onBenchDatabase, runBench } from './bench-run.js';

const PLANS = Number(process.env.BENCH_PLANS ?? 20_000);
const CASES = Number(process.env.BENCH_CASES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TODAY = '2026-11-23';
/** The latest return that can be made on TODAY: census 15 January 2026, requests of 2025. */
const YEAR = 2026;

const benchAuthority = (id: string): LocalAuthority => ({ id, code: 'BENCH', name: 'Bench authority', strictDayCounting: false, appealBufferWorkingDays: 10, createdAt: new Date() });

async function seed(url: string): Promise<LocalAuthority> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [row] = (await client.query(`INSERT INTO local_authority (code, name, la_number, sen2_dmo, sen2_dco, sen2_dsco) VALUES ('BENCH', 'Bench authority', '201', 'Y', 'Y', 'N') RETURNING id`)).rows;
    await seedPlans(client, row.id, PLANS, TODAY, (line) => console.log(`  plans ${line}`));
    await seedCases(client, row.id, CASES, TODAY, (line) => console.log(`  cases ${line}`));
    await client.query('VACUUM ANALYZE');
    return benchAuthority(row.id);
  } finally {
    await client.end();
  }
}

/** Counts what the return writes, draining as a slow client would not: the figure is the engine's own time. */
class CountingStream extends Writable {
  bytes = 0;
  override _write(chunk: Buffer | string, _: BufferEncoding, done: () => void): void {
    this.bytes += Buffer.byteLength(chunk);
    done();
  }
}

async function timeReturn(db: DataSource, authority: LocalAuthority): Promise<void> {
  const clock = new FixedBenchClock(TODAY);
  const accessLog = new AccessLogService(db);
  const returns = new Sen2ReturnService(db, clock, accessLog, new Sen2SettingsService(db, new AccountAuditService(db)));
  const context: RequestContext = { authority, actor: 'bench' };
  const validation = await returns.validation(context, 'GET /api/returns/sen2/validation', YEAR);
  console.log(`\nThe ${YEAR} SEN2 return as of ${TODAY}: ${validation.persons} children, ${validation.errors} errors, ${validation.warnings} warnings (${RUNS} runs after a warm-up; node ${process.version})`);
  await timeWork('SEN2 validation (GET /api/returns/sen2/validation)', RUNS, async () => kb(JSON.stringify(await returns.validation(context, 'GET /api/returns/sen2/validation', YEAR))), 52);
  await timeWork('SEN2 return, XML (GET /api/returns/sen2)', RUNS, async () => {
    const out = new CountingStream();
    await returns.produce(context, 'GET /api/returns/sen2', YEAR, out, () => undefined);
    return `${(out.bytes / 1024).toFixed(0)} KB`;
  }, 52);
}

async function main(): Promise<void> {
  await onBenchDatabase('ehc_returns_bench', async (db, { url, kept }) => {
    if (!kept) console.log(`Seeding ${PLANS} plans and ${CASES} requests (over the 10 years to ${TODAY})`);
    const authority = kept ? benchAuthority((await db.query(`SELECT id FROM local_authority WHERE code = 'BENCH'`))[0].id) : await seed(url);
    await timeReturn(db, authority);
  }, { reuseKept: true });
}

runBench(main);
