import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';

// Business dates are calendar dates: keep PostgreSQL `date` as 'YYYY-MM-DD' text instead of
// letting node-postgres turn it into a JavaScript Date at local midnight.
const PG_DATE_OID = 1082;
pg.types.setTypeParser(PG_DATE_OID, (value) => value);

export { MIGRATIONS };

/**
 * The schema changes only through migrations (see migrate.ts, which runs them at start).
 * Entities are registered by each feature module with TypeOrmModule.forFeature.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    synchronize: false,
    extra: { max: 20 },
  };
}
