import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every process keeps the accounts it has just checked in memory (src/users/account-cache.ts),
 * so the database announces each committed change of an account or of an authority on the
 * `ehc_account_changed` channel: the account's id, or `*` when an authority changed (every
 * account of it may carry the old settings). A trigger rather than the services, so a change
 * made by any path, a migration or psql included, reaches every cache.
 */
export class AccountChangeNotices1795417000000 implements MigrationInterface {
  name = 'AccountChangeNotices1795417000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION announce_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' OR TG_TABLE_NAME <> 'user_account' THEN
          PERFORM pg_notify('ehc_account_changed', '*');
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('ehc_account_changed', OLD.id::text);
        ELSE
          PERFORM pg_notify('ehc_account_changed', NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER user_account_announce_change AFTER INSERT OR UPDATE OR DELETE ON user_account
      FOR EACH ROW EXECUTE FUNCTION announce_account_change()`);
    // TRUNCATE fires no row triggers: it empties the table, so everything is forgotten.
    await db.query(`
      CREATE TRIGGER user_account_announce_truncate AFTER TRUNCATE ON user_account
      FOR EACH STATEMENT EXECUTE FUNCTION announce_account_change()`);
    await db.query(`
      CREATE TRIGGER local_authority_announce_change AFTER UPDATE OR DELETE OR TRUNCATE ON local_authority
      FOR EACH STATEMENT EXECUTE FUNCTION announce_account_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER local_authority_announce_change ON local_authority`);
    await db.query(`DROP TRIGGER user_account_announce_truncate ON user_account`);
    await db.query(`DROP TRIGGER user_account_announce_change ON user_account`);
    await db.query(`DROP FUNCTION announce_account_change()`);
  }
}
