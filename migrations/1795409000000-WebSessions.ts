import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions of the web pages, kept by connect-pg-simple (src/web/web-session.ts) so that every
 * API process shares them and a restart signs nobody out. The columns are the ones that store
 * reads and writes (`sid`, `sess`, `expire`); the table is created here, never by the store.
 * The expiry index serves the store's periodic sweep of ended sessions.
 */
export class WebSessions1795409000000 implements MigrationInterface {
  name = 'WebSessions1795409000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE web_session (
        sid text PRIMARY KEY,
        sess json NOT NULL,
        expire timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX web_session_expire_idx ON web_session (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE web_session`);
  }
}
