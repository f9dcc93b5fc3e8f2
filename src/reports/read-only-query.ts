import type { DataSource } from 'typeorm';

/**
 * Runs one report query in its own read-only transaction with PostgreSQL's JIT compiler off:
 * these are short aggregates over index-only scans, for which JIT compilation (measured at up to
 * a second on a million cases) costs far more than it saves.
 */
export function reportQuery<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION READ ONLY');
    await tx.query('SET LOCAL jit = off');
    return tx.query(sql, params);
  });
}
