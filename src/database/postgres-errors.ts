/** PostgreSQL's SQLSTATE codes the services answer rather than pass on. */
export const UNIQUE_VIOLATION = '23505';
/** A REPEATABLE READ transaction that would overwrite a row a concurrent one changed. */
export const SERIALIZATION_FAILURE = '40001';

/** A failed query's SQLSTATE, whether TypeORM wrapped it (QueryFailedError's `driverError`) or pg threw it. */
export function sqlState(error: unknown): string | undefined {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.driverError?.code ?? failed?.code;
  return typeof code === 'string' ? code : undefined;
}
