/**
 * The plan reports and the plan page lists over one authority's maintained plans: seeds its own
 * database in bulk (bench/plans-seed.ts), then times each plan report by calling the service its
 * route calls and serialising the result as the route would, and the reviews worklist and the
 * phase-transfer tracker by the service their pages call, next to the index-only count of open
 * plan limits on the same data in the same run.
 * Usage: npm run bench:plans   (BENCH_PLANS=20000, or 640000 for England; BENCH_RUNS=5;
 * BENCH_KEEP=1 keeps the database; BENCH_DATABASE_URL=<a kept database> times again without seeding)
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { PlanReportsService } from '../src/reports/plan-reports.service.js';
import { amendmentsCsv, annualReviewsCsv, phaseTransfersCsv } from '../src/reports/report-csv.js';
import { PlanWorklists } from '../src/web/plan-pages/plan-worklists.service.js';
import { FixedBenchClock, kb, timeWork } from './report-timing.js';
import { seedPlans } from './plans-seed.js';
import { onBenchDatabase, runBench } from './bench-run.js';

const PLANS = Number(process.env.BENCH_PLANS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TODAY = '2026-11-23';
/** The school year of the last phase-transfer cohort (14 February and 30 March 2026). */
const YEAR = { from: '2025-09-01', to: '2026-08-31' };
const PAGE = { page: 1, pageSize: 50 };

const time = (name: string, work: () => Promise<string>) => timeWork(name, RUNS, work);

const json = (value: unknown) => kb(JSON.stringify(value));

const benchAuthority = (id: string): LocalAuthority => ({ id, code: 'BENCH', name: 'Bench authority', strictDayCounting: false, appealBufferWorkingDays: 10, createdAt: new Date() });

async function seed(url: string): Promise<LocalAuthority> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [authority] = (await client.query(`INSERT INTO local_authority (code, name) VALUES ('BENCH', 'Bench authority') RETURNING id`)).rows;
    const started = performance.now();
    await seedPlans(client, authority.id, PLANS, TODAY, (line) => console.log(`  seed ${line}`));
    await client.query('VACUUM ANALYZE');
    console.log(`  seeded and analysed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const [counts] = (await client.query(`SELECT (SELECT count(*) FROM ehc_plan) AS plans, (SELECT count(*) FROM plan_event) AS events,
      (SELECT count(*) FROM plan_deadline) AS deadlines, pg_size_pretty(pg_database_size(current_database())) AS size`)).rows;
    console.log(`  ${counts.plans} plans, ${counts.events} events, ${counts.deadlines} limit rows, database ${counts.size}`);
    return benchAuthority(authority.id);
  } finally {
    await client.end();
  }
}

/** The page lists, by the service their pages call (src/web/plan-pages/plan-worklists.service.ts). */
async function timePageLists(db: DataSource, authority: LocalAuthority): Promise<void> {
  const lists = new PlanWorklists(db);
  await time('reviews worklist (due within 3 months), page 1', async () => json(await lists.reviewsDue(authority, TODAY, PAGE)));
  await time('phase-transfer tracker, cohort 2027, page 1', async () => json(await lists.phaseTransferCohort(authority, TODAY, { ...PAGE, year: 2027 })));
}

async function timeReports(db: DataSource, authority: LocalAuthority): Promise<void> {
  const reports = new PlanReportsService(db, new FixedBenchClock(TODAY));
  console.log(`\nPlan reports for ${YEAR.from}..${YEAR.to}, as of ${TODAY} (${RUNS} runs after a warm-up; node ${process.version})`);
  await time('index-only count of open plan limits', async () => {
    const [{ open }] = await db.query(`SELECT count(*) AS open FROM plan_deadline WHERE local_authority_id = $1 AND open AND target_on IS NOT NULL`, [authority.id]);
    return `${open} open`;
  });
  await time('overdue plan limits, due by today', async () => {
    const [{ overdue }] = await db.query(`SELECT count(*) AS overdue FROM plan_deadline WHERE local_authority_id = $1 AND open AND target_on IS NOT NULL
      AND target_on < $2`, [authority.id, TODAY]);
    return `${overdue} overdue`;
  });
  await time('annual reviews', async () => json(await reports.annualReviews(authority, YEAR)));
  await time('annual reviews CSV', async () => kb(annualReviewsCsv(await reports.annualReviews(authority, YEAR))));
  await time('review decisions within 4 weeks', async () => json(await reports.reviewDecisions(authority, YEAR)));
  await time('amendments within 8 / 12 weeks', async () => json(await reports.amendments(authority, YEAR)));
  await time('amendments CSV', async () => kb(amendmentsCsv(await reports.amendments(authority, YEAR))));
  await time('phase transfers by the statutory date', async () => json(await reports.phaseTransfers(authority, YEAR)));
  await time('phase transfers CSV', async () => kb(phaseTransfersCsv(await reports.phaseTransfers(authority, YEAR))));
  await time('plans ceased by reason', async () => json(await reports.ceased(authority, YEAR)));
  await time('amendments, one month', async () => json(await reports.amendments(authority, { from: '2026-03-01', to: '2026-03-31' })));
  await timePageLists(db, authority);
}

async function printFigures(db: DataSource, authority: LocalAuthority): Promise<void> {
  const reports = new PlanReportsService(db, new FixedBenchClock(TODAY));
  const { annualReviews: a } = await reports.annualReviews(authority, YEAR);
  const { reviewDecisions: d } = await reports.reviewDecisions(authority, YEAR);
  const { amendments: m } = await reports.amendments(authority, YEAR);
  const { phaseTransfers: p } = await reports.phaseTransfers(authority, YEAR);
  const { ceased } = await reports.ceased(authority, YEAR);
  console.log(`\nFigures ${YEAR.from}..${YEAR.to}: ${a.total} annual reviews due, ${a.percentOnTime}% on time (${a.late} late, ${a.openOverdue} overdue);`);
  console.log(`  ${d.total} meetings, ${d.percentOnTime}% decided within 4 weeks; ${m.finalised} amendments finalised, ${m.percentWithin8Weeks}% within 8 weeks,`);
  console.log(`  ${m.percentAfterReviewWithin12WeeksOfMeeting}% of ${m.afterReview} after a review within 12 weeks of the meeting; ${p.total} phase transfers due, ${p.percentOnTime}% named in time; ${ceased} ceased`);
}

async function main(): Promise<void> {
  await onBenchDatabase('ehc_plans_bench', async (db, { url, kept }) => {
    if (!kept) console.log(`Seeding ${PLANS} maintained plans (children aged 2 to 22, reviews from the engine's cutover to ${TODAY})`);
    const authority = kept ? benchAuthority((await db.query(`SELECT id FROM local_authority WHERE code = 'BENCH'`))[0].id) : await seed(url);
    await timeReports(db, authority);
    await printFigures(db, authority);
  }, { reuseKept: true });
}

runBench(main);
