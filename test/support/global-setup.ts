import { randomBytes } from 'node:crypto';
import pg from 'pg';

// Jest loads this file outside its module mapper, so it imports nothing relative.
const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One fresh database per test run: nothing depends on what an earlier run left behind. */
export default async function globalSetup(): Promise<void> {
  const name = `ehc_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.TEST_DATABASE_URL = url.toString();
}
