import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Tell it once" (SEND Regs 2014 reg 6(4); issue 16 item 2): advice a contributor confirms still
 * stands is copied to the new request, naming the document it was copied from. The copy keeps
 * its own content and the day the advice was first received, so it outlives the original's
 * erasure (retention deletion sets `reused_from` to NULL and leaves the rest).
 */
export class AdviceReuse1795432500000 implements MigrationInterface {
  name = 'AdviceReuse1795432500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE advice_document ADD COLUMN reused_from uuid REFERENCES advice_document(id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE advice_document ADD COLUMN reused_received_on date`);
    // A copy always says when its advice was first given, even once its original is gone.
    await db.query(`ALTER TABLE advice_document ADD CONSTRAINT advice_document_reuse_dated CHECK (reused_from IS NULL OR reused_received_on IS NOT NULL)`);
    await db.query(`CREATE INDEX advice_document_reused_from_idx ON advice_document (reused_from) WHERE reused_from IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX advice_document_reused_from_idx`);
    await db.query(`ALTER TABLE advice_document DROP CONSTRAINT advice_document_reuse_dated`);
    await db.query(`ALTER TABLE advice_document DROP COLUMN reused_received_on`);
    await db.query(`ALTER TABLE advice_document DROP COLUMN reused_from`);
  }
}
