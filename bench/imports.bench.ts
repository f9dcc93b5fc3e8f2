/**
 * Importing a large authority's caseload: builds a CSV of BENCH_ROWS rows in the template
 * (a third open assessments at different stages, a third closed or finished with a plan, a third
 * maintained plans with their last review), then times through the service the route calls: the
 * dry run, the commit (one transaction), and committing the same file again (every row skipped).
 * Usage: npm run bench:imports   (BENCH_ROWS=10000; BENCH_KEEP=1 keeps the database)
 */
import 'reflect-metadata';
import type { RequestContext } from '../src/common/request-context.js';
import { ImportsService } from '../src/imports/imports.service.js';
import { IMPORT_COLUMN_NAMES } from '../src/imports/import-template.js';
import type { LocalAuthority } from '../src/local-authorities/local-authority.entity.js';
import { addDays } from '../workflows/ehc-needs-assessment/index.js';
import { onBenchDatabase, runBench } from './bench-run.js';
import { FixedBenchClock } from './report-timing.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const TODAY = '2026-11-23';

/** Row i of the file: its kind and history turn on i, so the file is the same every run. */
function row(i: number): Record<string, string> {
  const child = { legacy_reference: `OLD-${i}`, given_name: `Child${i}`, family_name: 'Bench', date_of_birth: addDays('2012-01-01', i % 3000) };
  const requested = addDays('2025-01-06', (i * 7) % 450);
  const assessed = { request_received_on: requested, request_source: 'parent', decision_to_assess: 'assess', decision_to_assess_on: addDays(requested, 35),
    advice_education_requested_on: addDays(requested, 36), advice_health_requested_on: addDays(requested, 36), advice_education_received_on: addDays(requested, 70) };
  switch (i % 3) {
    case 0:
      return { record: 'assessment', ...child, ...assessed };
    case 1:
      return { record: 'assessment', ...child, ...assessed, advice_health_received_on: addDays(requested, 75), decision_to_issue: 'issue', decision_to_issue_on: addDays(requested, 90),
        draft_plan_issued_on: addDays(requested, 91), final_plan_issued_on: addDays(requested, 130), named_setting: 'Oak Primary' };
    default:
      return { record: 'plan', ...child, plan_started_on: addDays('2020-09-01', i % 900), named_setting: 'Elm Academy', last_review_meeting_on: addDays('2025-09-01', i % 300),
        last_review_decision: 'maintain', last_review_decision_on: addDays('2025-09-15', i % 300) };
  }
}

function caseload(rows: number): Buffer {
  const lines = [IMPORT_COLUMN_NAMES.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = row(i);
    lines.push(IMPORT_COLUMN_NAMES.map((c) => cells[c] ?? '').join(','));
  }
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / ROWS).toFixed(2)} ms a row   rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  return result;
}

async function main(): Promise<void> {
  await onBenchDatabase('ehc_imports_bench', async (db) => {
    const [{ id }] = await db.query(`INSERT INTO local_authority (code, name) VALUES ('BENCH', 'Bench authority') RETURNING id`);
    const authority: LocalAuthority = { id, code: 'BENCH', name: 'Bench authority', strictDayCounting: false, appealBufferWorkingDays: 10, createdAt: new Date() };
    const imports = new ImportsService(db, new FixedBenchClock(TODAY));
    const file = { name: 'bench.csv', content: caseload(ROWS) };
    const context: RequestContext = { authority, actor: 'bench' };
    console.log(`A caseload of ${ROWS} rows, ${(file.content.length / 1024).toFixed(0)} KB, imported as of ${TODAY} (node ${process.version})`);
    const checked = await timed('dry run (POST /api/imports)', () => imports.run(context, file, 'dry_run'));
    if (!checked.valid) throw new Error(`the bench file has problems: ${JSON.stringify(checked.problems.slice(0, 3))}`);
    const committed = await timed('commit (mode=commit)', () => imports.run(context, file, 'commit'));
    const again = await timed('the same file committed again (all skipped)', () => imports.run(context, file, 'commit'));
    const [counts] = await db.query(`SELECT (SELECT count(*) FROM ehc_case)::int AS cases, (SELECT count(*) FROM ehc_plan)::int AS plans, (SELECT count(*) FROM case_event)::int + (SELECT count(*) FROM plan_event)::int AS lines`);
    console.log(`imported ${committed.toImport} rows: ${counts.cases} cases, ${counts.plans} plans, ${counts.lines} trail lines; again: ${again.skipped} skipped`);
  });
}

runBench(main);
