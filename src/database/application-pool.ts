import type { ClientConfig, Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The application's own pg pool, with the settings it connects with: TypeORM's PostgreSQL driver keeps it as `master`. */
export function applicationPool(db: DataSource): Pool & { options: ClientConfig } {
  return (db.driver as unknown as { master: Pool & { options: ClientConfig } }).master;
}
