import type { QueryRunner } from 'typeorm';

/**
 * Adds or removes values of a `column IN (…)` CHECK, reading the list the database holds rather
 * than repeating it: another migration of the same release may have extended it first.
 */
export async function extendCheck(db: QueryRunner, table: string, constraint: string, column: string, values: string[], change: 'add' | 'remove'): Promise<void> {
  const [{ definition }] = await db.query(`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1 AND conrelid = $2::regclass`, [constraint, table]);
  const current = [...(definition as string).matchAll(/'([a-z0-9_]+)'/g)].map((match) => match[1]);
  const next = change === 'add' ? [...new Set([...current, ...values])] : current.filter((value) => !values.includes(value));
  await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
  await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (${column} IN (${next.map((value) => `'${value}'`).join(', ')}))`);
}
