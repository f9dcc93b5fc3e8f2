import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthOptions } from './auth-options.js';
import { UnauthenticatedError } from './auth.errors.js';

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes (they are 256 random bits, so a fast
 * hash suffices) and rotated on every use. Presenting a token that was already used means it
 * was copied: every token of that account is then revoked, signing out thief and owner alike.
 */
@Injectable()
export class RefreshTokensService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly options: AuthOptions,
  ) {}

  async issue(userId: string, authorityId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO refresh_token (user_id, local_authority_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [userId, authorityId, hashOf(token), this.options.refreshTokenTtlHours],
    );
    return token;
  }

  /** Spends the token and returns its account id; 401 when it is unknown, expired or already spent. */
  async spend(token: string): Promise<string> {
    const spent = await this.db.query(
      `WITH spent AS (
         UPDATE refresh_token SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now() RETURNING user_id
       ) SELECT user_id FROM spent`,
      [hashOf(token)],
    );
    if (spent.length === 1) return spent[0].user_id;
    const [reused] = await this.db.query(`SELECT user_id FROM refresh_token WHERE token_hash = $1 AND revoked_at IS NOT NULL`, [hashOf(token)]);
    if (reused) await this.revokeAll(reused.user_id);
    throw new UnauthenticatedError('The refresh token is not valid any more: sign in again.');
  }

  async revoke(token: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [hashOf(token)]);
  }

  async revokeAll(userId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }
}
