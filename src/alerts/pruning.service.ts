import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DocumentStore } from '../documents/document-store.js';

/** Rows per DELETE: a prune never holds many locks, nor bloats one transaction's WAL. */
const BATCH = 1_000;

export interface Pruned {
  outbox: number;
  refreshTokens: number;
  signInAttempts: number;
  familyCodes: number;
  /** Objects of erased or never-committed documents deleted from the S3-compatible store. */
  releasedObjects: number;
}

/**
 * Deletes what has no further use, so the tables stop growing: outbox rows the relay handed over
 * (their jobs carry the work now), refresh tokens expired or revoked (kept a while so a reused
 * one is still recognised as such), single sign-on attempts never completed (10 minutes), and
 * the family's sign-in codes a day after they expired; and the stored files' objects that an
 * erasure or a failed upload left to delete and the store did not take at the time.
 */
@Injectable()
export class Pruning {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) private readonly config: AppConfig,
    private readonly store: DocumentStore,
  ) {}

  async prune(): Promise<Pruned> {
    const { outboxDays, refreshTokenDays } = this.config.queues.pruning;
    return {
      outbox: await this.inBatches(`SELECT id FROM outbox WHERE relayed_at < now() - make_interval(days => $1)`, 'outbox', 'id', outboxDays),
      refreshTokens: await this.inBatches(
        `SELECT id FROM refresh_token WHERE least(expires_at, coalesce(revoked_at, expires_at)) < now() - make_interval(days => $1)`,
        'refresh_token',
        'id',
        refreshTokenDays,
      ),
      signInAttempts: await this.inBatches(`SELECT state FROM oidc_login_attempt WHERE created_at < now() - make_interval(mins => $1)`, 'oidc_login_attempt', 'state', 10),
      familyCodes: await this.inBatches(`SELECT id FROM family_sign_in_code WHERE expires_at < now() - make_interval(days => $1)`, 'family_sign_in_code', 'id', 1),
      releasedObjects: (await this.store.deleteReleased(this.db)).deleted,
    };
  }

  private async inBatches(select: string, table: string, key: string, age: number): Promise<number> {
    let total = 0;
    for (let deleted = BATCH; deleted === BATCH; total += deleted) {
      const [, count]: [unknown, number] = await this.db.query(`DELETE FROM ${table} WHERE ${key} IN (${select} LIMIT ${BATCH})`, [age]);
      deleted = count;
    }
    return total;
  }
}
