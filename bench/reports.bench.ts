/**
 * The management-information reports over a million cases: seeds its own database in bulk
 * (bench/reports-seed.ts), then times each report, the overdue list and the early-warning list
 * by calling the services the HTTP routes call, serialising the result as the route would, each
 * beside its index-only anchor (the cheapest index-only count of the rows it reads) in the same run.
 * Usage: npm run bench:reports   (BENCH_CASES=1000000, BENCH_RUNS=5, BENCH_KEEP=1 keeps the database,
 * BENCH_DATABASE_URL=<a kept database> times the reports again without seeding, BENCH_ONLY=SEN2 times
 * only the reports whose name contains it)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AccessLogService } from '../src/access-log/access-log.service.js';
import { CaseListService } from '../src/cases/case-list.service.js';
import { EhcCase } from '../src/cases/ehc-case.entity.js';
import type { RequestContext } from '../src/common/request-context.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { CaseloadService } from '../src/reports/caseload.service.js';
import { ConversionService } from '../src/reports/conversion.service.js';
import { EarlyWarningService } from '../src/reports/early-warning.service.js';
import { caseloadCsv, conversionCsv, earlyWarningCsvChunks, sen2CsvChunks, timelinessCsv } from '../src/reports/report-csv.js';
import { sen2JsonChunks, writeChunks } from '../src/reports/report-stream.js';
import { reportQuery } from '../src/reports/read-only-query.js';
import { Sen2ExtractService } from '../src/reports/sen2-extract.service.js';
import { TimelinessService } from '../src/reports/timeliness.service.js';
import { FixedBenchClock, kb, timeWork } from './report-timing.js';
import { seedCases } from './reports-seed.js';
import { onBenchDatabase, runBench } from './bench-run.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Times only the reports whose name contains it, when set. */
const ONLY = process.env.BENCH_ONLY;
const TODAY = '2026-11-23';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };

const NAME_WIDTH = 44;

/**
 * The floor of a report: the cheapest index-only query over the rows it reads (a count over the
 * index its query starts from, for the same period or filter). Each line of a report shows its
 * anchor's median beside its own, so a reader sees how far the report is from what reading those
 * rows costs at all.
 */
interface Anchor {
  label: string;
  sql: string;
  params: (authorityId: string) => unknown[];
}

const OPEN = `'awaiting_decision','assessing','drafting','draft_issued'`;
const MARCH = { from: '2025-03-01', to: '2025-03-31' };

const ANCHORS = {
  // The limits the timeliness report measures, by the names the seed writes (case_deadline_met_idx).
  timeliness: {
    label: 'limits met',
    sql: `SELECT count(*) AS n FROM case_deadline WHERE local_authority_id = $1 AND name = ANY($4) AND met_on BETWEEN $2 AND $3`,
    params: (id) => [id, YEAR.from, YEAR.to, ['decisionToAssess', 'finalPlan', 'issueDecision', 'advice.health', 'advice.education']],
  },
  // The steps the conversion report counts (case_report_step_period_idx).
  conversion: {
    label: 'steps',
    sql: `SELECT count(*) AS n FROM case_report_step WHERE local_authority_id = $1 AND occurred_on BETWEEN $2 AND $3`,
    params: (id) => [id, YEAR.from, YEAR.to],
  },
  // The open cases the caseload and the early warning read (ehc_case_open_by_assignee_idx).
  open: {
    label: 'open cases',
    sql: `SELECT count(*) AS n FROM ehc_case WHERE local_authority_id = $1 AND status IN (${OPEN})`,
    params: (id) => [id],
  },
  // The overdue limits (case_deadline_open_target_idx).
  overdue: {
    label: 'overdue limits',
    sql: `SELECT count(*) AS n FROM case_deadline WHERE local_authority_id = $1 AND open AND target_on IS NOT NULL AND target_on < $2`,
    params: (id) => [id, TODAY],
  },
  // The requests a SEN2 extract shows: those with a SEN2 step in the period (case_report_step_period_idx).
  sen2Year: {
    label: 'requests',
    sql: `SELECT count(DISTINCT case_id) AS n FROM case_report_step WHERE local_authority_id = $1 AND occurred_on BETWEEN $2 AND $3`,
    params: (id) => [id, YEAR.from, YEAR.to],
  },
  sen2Month: {
    label: 'requests',
    sql: `SELECT count(DISTINCT case_id) AS n FROM case_report_step WHERE local_authority_id = $1 AND occurred_on BETWEEN $2 AND $3`,
    params: (id) => [id, MARCH.from, MARCH.to],
  },
} satisfies Record<string, Anchor>;


/**
 * Counts what a streamed report writes, taking each chunk at once: the figure is the engine's own
 * time, not a client's. It notes when the first chunk came, the wait before a client sees rows.
 */
class CountingStream extends Writable {
  bytes = 0;
  firstAt: number | undefined;
  override _write(chunk: Buffer | string, _: BufferEncoding, done: () => void): void {
    this.firstAt ??= performance.now();
    this.bytes += Buffer.byteLength(chunk);
    done();
  }
}

async function streamedKb(write: (out: Writable) => Promise<void>): Promise<string> {
  const out = new CountingStream();
  const started = performance.now();
  await write(out);
  return `${(out.bytes / 1024).toFixed(0)} KB, first ${((out.firstAt ?? performance.now()) - started).toFixed(0)} ms`;
}

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

/** Times each anchor once, as the reports are timed (a read-only transaction, JIT off), and answers what its lines show beside them. */
async function timeAnchors(db: DataSource, authority: LocalAuthority): Promise<Record<keyof typeof ANCHORS, string>> {
  console.log(`\nIndex-only anchors (${RUNS} runs after a warm-up)`);
  const beside = {} as Record<keyof typeof ANCHORS, string>;
  for (const [key, anchor] of Object.entries(ANCHORS) as [keyof typeof ANCHORS, Anchor][]) {
    let rows = '';
    const count = async () => {
      const [{ n }] = await reportQuery<{ n: string }>(db, anchor.sql, anchor.params(authority.id));
      return (rows = `${n} ${anchor.label}`);
    };
    const median = await timeWork(`anchor: ${key}`, RUNS, count, NAME_WIDTH);
    beside[key] = `anchor ${median.toFixed(0).padStart(4)} ms (${rows})`;
  }
  return beside;
}

async function timeReports(db: DataSource, authority: LocalAuthority): Promise<void> {
  const anchor = await timeAnchors(db, authority);
  const time = async (name: string, floor: string, work: () => Promise<string>) => {
    if (!ONLY || name.includes(ONLY)) await timeWork(name, RUNS, work, NAME_WIDTH, floor);
  };
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
  await time('timeliness', anchor.timeliness, async () => json(await timeliness.report(authority, YEAR)));
  await time('timeliness by=month', anchor.timeliness, async () => json(await timeliness.report(authority, YEAR, 'month')));
  await time('timeliness by=caseworker', anchor.timeliness, async () => json(await timeliness.report(authority, YEAR, 'caseworker')));
  await time('timeliness CSV', anchor.timeliness, async () => kb(timelinessCsv(await timeliness.report(authority, YEAR))));
  await time('conversion', anchor.conversion, async () => json(await conversion.report(authority, YEAR)));
  await time('conversion by=caseworker, CSV', anchor.conversion, async () => kb(conversionCsv(await conversion.report(authority, YEAR, 'caseworker'))));
  await time('caseload (as of today)', anchor.open, async () => json(await new CaseloadService(db, clock).report(authority)));
  await time('caseload CSV', anchor.open, async () => kb(caseloadCsv(await new CaseloadService(db, clock).report(authority))));
  await time('early warning, at risk, page 1 of 50', anchor.open, async () => json(await early.list(authority, 'at_risk', { page: 1, pageSize: 50 })));
  await time('early warning, every open case, CSV', anchor.open, async () => streamedKb(async (out) => writeChunks(out, earlyWarningCsvChunks(await early.list(authority, 'all')), () => undefined)));
  await time('overdue list (GET /api/cases?overdue=true)', anchor.overdue, async () => json(await caseList.list(authority, { overdue: true })));
  const sen2Json = (period: typeof YEAR) => streamedKb((out) => writeChunks(out, sen2JsonChunks(period, sen2.extract(reader, sen2Route, period)), () => undefined));
  const sen2Csv = (period: typeof YEAR) => streamedKb((out) => writeChunks(out, sen2CsvChunks(sen2.extract(reader, sen2Route, period)), () => undefined));
  await time('SEN2 extract, one year, JSON', anchor.sen2Year, () => sen2Json(YEAR));
  await time('SEN2 extract, one year, CSV', anchor.sen2Year, () => sen2Csv(YEAR));
  await time('SEN2 extract, one month, CSV', anchor.sen2Month, () => sen2Csv(MARCH));
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
  await onBenchDatabase('ehc_reports_bench', async (db, { url, kept }) => {
    if (!kept) console.log(`Seeding ${CASES} cases (requests over the 10 years to ${TODAY})`);
    const authority = kept ? await keptAuthority(db) : await seed(url);
    await timeReports(db, authority);
    await printFigures(db, authority);
  }, { reuseKept: true, entities: [EhcCase] });
}

runBench(main);
