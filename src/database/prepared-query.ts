import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

const names = new Map<string, string>();

/** One name per statement text, so a connection parses each text once and never mixes two under one name. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ehc_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` as a named prepared statement on `db`'s connection (its transaction's, if it is in
 * one). TypeORM's `query` sends unnamed statements, which PostgreSQL parses and plans on every
 * call; for the statements every transition runs (read the case, write it with its event and
 * deadlines), that planning cost more than executing them. Named, each connection parses the
 * text once and PostgreSQL settles on a generic plan after a few executions.
 */
export async function preparedQuery<Row = Record<string, unknown>>(db: EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const runner = db.queryRunner ?? db.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query({ name: statementName(text), text, values });
    return result.rows as Row[];
  } finally {
    if (!db.queryRunner) await runner.release();
  }
}
