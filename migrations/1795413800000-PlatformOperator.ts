import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ROLE_NAMES } from './1795406000000-Accounts.js';

/**
 * The `platform_operator` role: whoever runs the deployment, who sees every authority's jobs
 * on the queue board. It is distinct from an authority's `admin`, who sees that authority only.
 */
export class PlatformOperator1795413800000 implements MigrationInterface {
  name = 'PlatformOperator1795413800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_account DROP CONSTRAINT user_account_roles_check`);
    await db.query(`ALTER TABLE user_account ADD CONSTRAINT user_account_roles_check
      CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLE_NAMES},'platform_operator']::text[])`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_account DROP CONSTRAINT user_account_roles_check`);
    // Fails while an account holds the role: take it away first, rather than have down rewrite accounts.
    await db.query(`ALTER TABLE user_account ADD CONSTRAINT user_account_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLE_NAMES}]::text[])`);
  }
}
