/**
 * The management-information reports over a million cases: seeds its own database in bulk
 * (bench/reports-seed.ts), then times each report, the overdue list and the early-warning list
 * by calling the services the HTTP routes call, serialising the result as the route would.
 * Usage: npm run bench:reports   (BENCH_CASES=1000000, BENCH_RUNS=5, BENCH_KEEP=1 keeps the database,
 * BENCH_DATABASE_URL=<a kept database> times the reports again without seeding)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AccessLogService } from '../src/access-log/access-log.service.js';
import { CaseListService } from '../src/cases/case-list.service.js';
import { EhcCase } from '../src/cases/ehc-case.entity.js';
import type { RequestContext } from '../src/common/request-context.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrationsExclusively } from '../src/database/migrate.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { CaseloadService } from '../src/reports/caseload.service.js';
import { ConversionService } from '../src/reports/conversion.service.js';
import { EarlyWarningService } from '../src/reports/early-warning.service.js';
import { caseloadCsv, conversionCsv, earlyWarningCsv, sen2Csv, timelinessCsv } from '../src/reports/report-csv.js';
import { Sen2ExtractService } from '../src/reports/sen2-extract.service.js';
import { TimelinessService } from '../src/reports/timeliness.service.js';
import { createBenchDatabase } from './bench-database.js';
import { FixedBenchClock, kb, timeWork } from './report-timing.js';
import { seedCases } from './reports-seed.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TODAY = '2026-11-23';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const time = (name: string, work: () => Promise<string>) => timeWork(name, RUNS, work, 44);


async function seed(url: string): Promise<LocalAuthority> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [authority] = (await client.query(`INSERT INTO local_authority (code, name) VALUES ('BENCH', 'Bench authority') RETURNING id`)).rows;
    const started = performance.now();
    await seedCases(client, authority.id, CASES, TODAY, (line) => console.log(`  seed ${line}`));
    await client.query('VACUUM ANALYZE');
    console.log(`  seeded and analysed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const [counts] = (await client.query(`SELECT (SELECT count(*) FROM ehc_case) AS cases, (SELECT count(*) FROM case_event) AS events,
      (SELECT count(*) FROM case_deadline) AS deadlines, pg_size_pretty(pg_database_size(current_database())) AS size`)).rows;
    console.log(`  ${counts.cases} cases, ${counts.events} events, ${counts.deadlines} deadline rows, database ${counts.size}`);
    return { id: authority.id, code: 'BENCH', name: 'Bench authority', strictDayCounting: false, appealBufferWorkingDays: 10, createdAt: new Date() };
  } finally {
    await client.end();
  }
}

async function timeReports(db: DataSource, authority: LocalAuthority): Promise<void> {
  const clock = new FixedBenchClock(TODAY);
  const timeliness = new TimelinessService(db);
  const conversion = new ConversionService(db);
  // The route writes every extracted case to the access log: the bench times that too.
  const sen2 = new Sen2ExtractService(db, new AccessLogService(db));
  const reader: RequestContext = { authority, actor: 'bench' };
  const sen2Route = 'GET /api/reports/sen2';
  const early = new EarlyWarningService(db, clock);
  const caseList = new CaseListService(db, clock);
  const json = (value: unknown) => kb(JSON.stringify(value));
  console.log(`\nReports for ${YEAR.from}..${YEAR.to}, as of ${TODAY} (${RUNS} runs after a warm-up; node ${process.version})`);
  await time('timeliness', async () => json(await timeliness.report(authority, YEAR)));
  await time('timeliness by=month', async () => json(await timeliness.report(authority, YEAR, 'month')));
  await time('timeliness by=caseworker', async () => json(await timeliness.report(authority, YEAR, 'caseworker')));
  await time('timeliness CSV', async () => kb(timelinessCsv(await timeliness.report(authority, YEAR))));
  await time('conversion', async () => json(await conversion.report(authority, YEAR)));
  await time('conversion by=caseworker, CSV', async () => kb(conversionCsv(await conversion.report(authority, YEAR, 'caseworker'))));
  await time('caseload (as of today)', async () => json(await new CaseloadService(db, clock).report(authority)));
  await time('caseload CSV', async () => kb(caseloadCsv(await new CaseloadService(db, clock).report(authority))));
  await time('early warning, at risk, page 1 of 50', async () => json(await early.list(authority, 'at_risk', { page: 1, pageSize: 50 })));
  await time('early warning, every open case, CSV', async () => kb(earlyWarningCsv(await early.list(authority, 'all'))));
  await time('overdue list (GET /api/cases?overdue=true)', async () => json(await caseList.list(authority, { overdue: true })));
  await time('SEN2 extract, one year, JSON', async () => json(await sen2.extract(reader, sen2Route, YEAR)));
  await time('SEN2 extract, one year, CSV', async () => kb(sen2Csv((await sen2.extract(reader, sen2Route, YEAR)).requests)));
  await time('SEN2 extract, one month, CSV', async () => kb(sen2Csv((await sen2.extract(reader, sen2Route, { from: '2025-03-01', to: '2025-03-31' })).requests)));
}

async function printFigures(db: DataSource, authority: LocalAuthority): Promise<void> {
  const report = await new TimelinessService(db).report(authority, YEAR);
  const flow = await new ConversionService(db).report(authority, YEAR);
  const warnings = await new EarlyWarningService(db, new FixedBenchClock(TODAY)).list(authority, 'at_risk', { page: 1, pageSize: 1 });
  const { plansIssued: p, decisionsToAssess: d } = report;
  console.log(`\nFigures ${YEAR.from}..${YEAR.to}: ${flow.requestsReceived} requests, ${flow.agreedToAssess} agreed, ${flow.declinedToAssess} declined, ${flow.withdrawn} withdrawn;`);
  console.log(`  ${p.total} plans, ${p.percentWithinLimit}% within 20 weeks (${p.percentWithinLimitExcludingExceptions}% excluding ${p.withException} with exceptions), median ${p.medianWeeksToPlan} weeks;`);
  console.log(`  ${d.total} decisions, ${d.percentWithinLimit}% within 6 weeks; ${warnings.total} open cases on the early-warning list today`);
}

async function keptAuthority(db: DataSource): Promise<LocalAuthority> {
  const [row] = await db.query(`SELECT id FROM local_authority WHERE code = 'BENCH'`);
  return { id: row.id, code: 'BENCH', name: 'Bench authority', strictDayCounting: false, appealBufferWorkingDays: 10, createdAt: new Date() };
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_DATABASE_URL;
  const database = kept ? { url: kept, drop: async () => undefined } : await createBenchDatabase('ehc_reports_bench');
  const db = new DataSource({ ...dataSourceOptions(database.url), entities: [EhcCase] });
  try {
    await db.initialize();
    await runMigrationsExclusively(db);
    if (!kept) console.log(`Seeding ${CASES} cases (requests over the 10 years to ${TODAY})`);
    const authority = kept ? await keptAuthority(db) : await seed(database.url);
    await timeReports(db, authority);
    await printFigures(db, authority);
  } finally {
    await db.destroy();
    if (process.env.BENCH_KEEP || kept) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
