import type { DataSource } from 'typeorm';

/** Any fixed number shared by every process of this application (it is "EHC" in ASCII). */
const MIGRATION_LOCK_KEY = 0x454843;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that several API and
 * worker processes starting together apply each migration once instead of racing.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
