import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { DocumentStore } from '../documents/document-store.js';

/** Rows per DELETE: a prune never holds many locks, nor bloats one transaction's WAL. */
const BATCH = 1_000;
/**
 * An ended advice link's tokens are kept this long, so a contributor who clicks an old email is
 * told the link was used or has expired; after that the page says only that it does not work,
 * and what to do, which is all they need.
 */
const ADVICE_TOKEN_DAYS = 90;

export interface Pruned {
  outbox: number;
  refreshTokens: number;
  signInAttempts: number;
  familyCodes: number;
  /** Tokens of advice links that ended (used, revoked or expired) long enough ago: the page then says the link does not work. */
  adviceTokens: number;
  /** Objects of erased or never-committed documents deleted from the S3-compatible store. */
  releasedObjects: number;
}

/**
 * Deletes what has no further use, so the tables stop growing: outbox rows the relay handed over
 * (their jobs carry the work now), refresh tokens expired or revoked (kept a while so a reused
 * one is still recognised as such), single sign-on attempts never completed (10 minutes), and
 * the family's sign-in codes a day after they expired, the tokens of advice links ended 90 days ago; and the stored files' objects that an
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
      adviceTokens: await this.inBatches(
        `SELECT t.token_sha256 FROM advice_link_token t JOIN advice_link l ON l.id = t.link_id
         WHERE coalesce(l.used_at, l.revoked_at, l.expires_on + 1) < now() - make_interval(days => $1)`,
        'advice_link_token',
        'token_sha256',
        ADVICE_TOKEN_DAYS,
      ),
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
