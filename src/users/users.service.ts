import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, QueryFailedError } from 'typeorm';
import { NotFoundError } from '../common/domain-error.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Role } from '../auth/permissions.js';
import { UserAccount } from './user-account.entity.js';
import { AccountEmailTakenError } from './users.errors.js';

export interface NewAccount {
  email: string;
  /** Absent: the account signs in through single sign-on only. */
  password?: string;
  roles: Role[];
}

export interface AccountChanges {
  roles?: Role[];
  disabled?: boolean;
  /** Clears a lockout before it expires. */
  unlock?: boolean;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const UNIQUE_VIOLATION = '23505';

/** Accounts: every query but sign-in itself (which has only an email) is scoped to an authority. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private get accounts() {
    return this.db.getRepository(UserAccount);
  }

  /** For sign-in: the account with its password hash, whatever its authority. */
  findForSignIn(email: string): Promise<UserAccount | null> {
    return this.accounts
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normaliseEmail(email) })
      .getOne();
  }

  /** The signed-in account with its authority, or null when it no longer exists or is disabled. */
  /** Every request's account check: one query (findOne with a relation would add a second round trip). */
  findActive(id: string): Promise<UserAccount | null> {
    return this.accounts
      .createQueryBuilder('account')
      .innerJoinAndSelect('account.authority', 'authority')
      .where('account.id = :id AND NOT account.disabled', { id })
      .getOne();
  }

  /** Counts a failed sign-in; the failure that reaches the limit locks the account for a while. */
  async recordFailedSignIn(id: string, maxAttempts: number, lockoutMinutes: number): Promise<void> {
    await this.db.query(
      `UPDATE user_account SET
         locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
         failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
         updated_at = now()
       WHERE id = $1`,
      [id, maxAttempts, lockoutMinutes],
    );
  }

  async recordSuccessfulSignIn(id: string): Promise<void> {
    await this.db.query(`UPDATE user_account SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND (failed_attempts > 0 OR locked_until IS NOT NULL)`, [id]);
  }

  async create(authorityId: string, account: NewAccount): Promise<UserAccount> {
    const email = normaliseEmail(account.email);
    const passwordHash = account.password === undefined ? null : await hashPassword(account.password);
    try {
      const [row] = await this.db.query(
        `INSERT INTO user_account (local_authority_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
        [authorityId, email, passwordHash, account.roles],
      );
      return this.get(authorityId, row.id);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) throw new AccountEmailTakenError(email);
      throw error;
    }
  }

  list(authorityId: string): Promise<UserAccount[]> {
    return this.accounts.find({ where: { localAuthorityId: authorityId }, order: { email: 'ASC' } });
  }

  async get(authorityId: string, id: string): Promise<UserAccount> {
    const found = await this.accounts.findOneBy({ id, localAuthorityId: authorityId });
    if (!found) throw new NotFoundError('account', id);
    return found;
  }

  async update(authorityId: string, id: string, changes: AccountChanges): Promise<UserAccount> {
    const account = await this.get(authorityId, id);
    if (changes.roles) account.roles = changes.roles;
    if (changes.disabled !== undefined) account.disabled = changes.disabled;
    if (changes.unlock) Object.assign(account, { lockedUntil: null, failedAttempts: 0 });
    await this.accounts.save(account);
    if (changes.disabled) await this.db.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
    return this.get(authorityId, id);
  }

  /** Design section 4: on a database with no accounts, ADMIN_EMAIL / ADMIN_PASSWORD create the first administrator. */
  async ensureFirstAdministrator(authorityId: string, email: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    const inserted = await this.db.query(
      `INSERT INTO user_account (local_authority_id, email, password_hash, roles)
       SELECT $1, $2, $3, ARRAY['admin']::text[] WHERE NOT EXISTS (SELECT 1 FROM user_account)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [authorityId, normaliseEmail(email), passwordHash],
    );
    return inserted.length > 0;
  }
}
