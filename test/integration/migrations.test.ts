import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS } from '../../src/database/data-source-options.js';
import { runMigrationsExclusively } from '../../src/database/migrate.js';
import { testDatabaseUrl } from '../support/test-app.js';
import { onTestServer } from '../support/test-database.js';

describe(runMigrationsExclusively.name, () => {
  const name = `${new URL(testDatabaseUrl()).pathname.slice(1)}_migrations`;
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const sources: DataSource[] = [];

  beforeAll(async () => onTestServer(`CREATE DATABASE ${name}`));
  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('lets three processes starting together on an empty database apply each migration once', async () => {
    for (let i = 0; i < 3; i++) sources.push(await new DataSource(dataSourceOptions(url.toString())).initialize());
    await Promise.all(sources.map(runMigrationsExclusively));
    const applied = await sources[0].query('SELECT name FROM migrations');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    const [{ count }] = await sources[0].query(`SELECT count(*)::int AS count FROM pg_tables WHERE tablename = 'ehc_case'`);
    expect(count).toBe(1);
  });

  it('undoes every migration with its down step', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await sources[0].undoLastMigration();
    const tables = await sources[0].query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
    expect(tables).toEqual([]);
  });
});
