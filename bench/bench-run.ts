import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrationsExclusively } from '../src/database/migrate.js';
import { createBenchDatabase } from './bench-database.js';

export interface BenchDatabaseOptions {
  /** BENCH_DATABASE_URL times an earlier run's kept database again, without seeding (not every bench can). */
  reuseKept?: boolean;
  /** The entities the bench's services read through TypeORM repositories. */
  entities?: DataSourceOptions['entities'];
}

/**
 * Runs `work` on a migrated database of the bench's own: a new one named after `prefix`, dropped
 * when the bench ends however it ends unless BENCH_KEEP is set; or, where the bench allows it, the
 * kept one BENCH_DATABASE_URL names (`kept` true: it is already seeded, and is never dropped).
 */
export async function onBenchDatabase(prefix: string, work: (db: DataSource, bench: { url: string; kept: boolean }) => Promise<void>, options: BenchDatabaseOptions = {}): Promise<void> {
  const keptUrl = options.reuseKept ? process.env.BENCH_DATABASE_URL : undefined;
  const database = keptUrl ? { url: keptUrl, drop: async () => undefined } : await createBenchDatabase(prefix);
  const db = new DataSource({ ...dataSourceOptions(database.url), ...(options.entities && { entities: options.entities }) });
  try {
    await db.initialize();
    await runMigrationsExclusively(db);
    await work(db, { url: database.url, kept: keptUrl !== undefined });
  } finally {
    await db.destroy();
    if (process.env.BENCH_KEEP || keptUrl) console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

/** A bench's entry point: a failure is printed and the process exits non-zero. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
