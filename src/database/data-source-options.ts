import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { CaseRecords1795404000000 } from '../../migrations/1795404000000-CaseRecords.js';
import { CaseDeadlineRecord } from '../cases/case-deadline.entity.js';
import { CaseEventRecord } from '../cases/case-event.entity.js';
import { EhcCase } from '../cases/ehc-case.entity.js';
import { LocalAuthority } from '../local-authorities/local-authority.entity.js';

// Business dates are calendar dates: keep PostgreSQL `date` as 'YYYY-MM-DD' text instead of
// letting node-postgres turn it into a JavaScript Date at local midnight.
const PG_DATE_OID = 1082;
pg.types.setTypeParser(PG_DATE_OID, (value) => value);

export const ENTITIES = [LocalAuthority, EhcCase, CaseEventRecord, CaseDeadlineRecord];
export const MIGRATIONS = [CaseRecords1795404000000];

/** The schema changes only through migrations: see migrate.ts, which runs them at start. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    extra: { max: 20 },
  };
}
