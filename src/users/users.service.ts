import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccountAuditService, type AuditActor, changedFields } from '../audit/account-audit.service.js';
import { NotFoundError } from '../common/domain-error.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Role } from '../auth/permissions.js';
import { AccountCache } from './account-cache.js';
import { type AccountChanges, auditedFields, checkAccountChange, checkRolesGrantable, lockAuthorityAccounts, revokeSignIns } from './account-changes.js';
import { UserAccount } from './user-account.entity.js';
import { AccountChangeRefusedError, AccountEmailTakenError } from './users.errors.js';
import { sqlState, UNIQUE_VIOLATION } from '../database/postgres-errors.js';

export interface NewAccount {
  email: string;
  /** Absent: the account signs in through single sign-on only. */
  password?: string;
  roles: Role[];
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** How long an administrator's one-time password works: long enough to hand over, short enough not to linger. */
export const TEMPORARY_PASSWORD_HOURS = 24;

/** Accounts: every query but sign-in itself (which has only an email) is scoped to an authority. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAuditService,
    private readonly cache: AccountCache,
  ) {}

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

  /**
   * Every request's account check: the signed-in account with its authority, or null when it no
   * longer exists or is disabled. Served from AccountCache while nothing has changed; otherwise
   * one query (findOne with a relation would add a second round trip).
   */
  findActive(id: string): Promise<UserAccount | null> {
    return this.cache.get(id, () =>
      this.accounts.createQueryBuilder('account').innerJoinAndSelect('account.authority', 'authority').where('account.id = :id AND NOT account.disabled', { id }).getOne(),
    );
  }

  /** Counts a failed sign-in; the failure that reaches the limit locks the account for a while, and returns until when. */
  async recordFailedSignIn(id: string, maxAttempts: number, lockoutMinutes: number): Promise<Date | null> {
    const [row] = await this.db.query(
      `WITH counted AS (
         UPDATE user_account SET
           locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
           failed_attempts = CASE WHEN failed_attempts + 1 >= $2 THEN 0 ELSE failed_attempts + 1 END,
           updated_at = now()
         WHERE id = $1 RETURNING failed_attempts, locked_until
       ) SELECT locked_until FROM counted WHERE failed_attempts = 0 AND locked_until > now()`,
      [id, maxAttempts, lockoutMinutes],
    );
    return row?.locked_until ?? null;
  }

  async recordSuccessfulSignIn(id: string): Promise<void> {
    await this.db.query(`UPDATE user_account SET failed_attempts = 0, locked_until = NULL WHERE id = $1 AND (failed_attempts > 0 OR locked_until IS NOT NULL)`, [id]);
  }

  async create(by: AuditActor, account: NewAccount): Promise<UserAccount> {
    checkRolesGrantable([], account.roles);
    const email = normaliseEmail(account.email);
    const passwordHash = account.password === undefined ? null : await hashPassword(account.password);
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx.query(
          `INSERT INTO user_account (local_authority_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id`,
          [by.authorityId, email, passwordHash, account.roles],
        );
        const created = await this.getIn(tx, by.authorityId, row.id);
        await this.audit.record(tx, by, 'account_created', created.id, changedFields({}, { ...auditedFields(created), passwordSet: passwordHash !== null }));
        return created;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && sqlState(error) === UNIQUE_VIOLATION) throw new AccountEmailTakenError(email);
      throw error;
    }
  }

  list(authorityId: string): Promise<UserAccount[]> {
    return this.accounts.find({ where: { localAuthorityId: authorityId }, order: { email: 'ASC' } });
  }

  get(authorityId: string, id: string): Promise<UserAccount> {
    return this.getIn(this.db.manager, authorityId, id);
  }

  private async getIn(db: EntityManager, authorityId: string, id: string): Promise<UserAccount> {
    const found = await db.getRepository(UserAccount).findOneBy({ id, localAuthorityId: authorityId });
    if (!found) throw new NotFoundError('account', id);
    return found;
  }

  /** One transaction: the change, its checks (own roles, the last administrator) and its audit entry. */
  async update(by: AuditActor, id: string, changes: AccountChanges): Promise<UserAccount> {
    return this.db.transaction(async (tx) => {
      await lockAuthorityAccounts(tx, by.authorityId);
      const before = await this.getIn(tx, by.authorityId, id);
      const after = tx.getRepository(UserAccount).merge(tx.getRepository(UserAccount).create(before), {
        roles: changes.roles ?? before.roles,
        disabled: changes.disabled ?? before.disabled,
        ...(changes.unlock ? { lockedUntil: null, failedAttempts: 0 } : {}),
      });
      await checkAccountChange(tx, by.user?.id, before, after);
      await tx.getRepository(UserAccount).save(after);
      if (changes.disabled) await revokeSignIns(tx, id);
      const saved = await this.getIn(tx, by.authorityId, id);
      await this.audit.record(tx, by, 'account_changed', id, changedFields(auditedFields(before), auditedFields(saved)));
      return saved;
    }).finally(() => this.cache.forget(id));
  }

  /**
   * Sets a password and signs the account out everywhere, audited. `temporaryForHours`: an
   * administrator's one-time password, which works that long and only to choose a new one.
   */
  async setPassword(by: AuditActor, id: string, password: string, temporaryForHours: number | null): Promise<UserAccount> {
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const before = await this.getIn(tx, by.authorityId, id);
      await tx.query(
        `UPDATE user_account SET password_hash = $2, password_changed_at = now(), failed_attempts = 0, locked_until = NULL, updated_at = now(),
           temporary_password_until = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(hours => $3::int) END
         WHERE id = $1`,
        [id, passwordHash, temporaryForHours],
      );
      await revokeSignIns(tx, id);
      const after = await this.getIn(tx, by.authorityId, id);
      const action = temporaryForHours === null ? 'password_changed' : 'password_reset';
      await this.audit.record(tx, by, action, id, changedFields(auditedFields(before), auditedFields(after)));
      return after;
    }).finally(() => this.cache.forget(id));
  }

  /** An administrator's reset: a random one-time password (returned once, stored only hashed), valid TEMPORARY_PASSWORD_HOURS. */
  async resetPassword(by: AuditActor, id: string): Promise<{ temporaryPassword: string; expiresAt: Date }> {
    const account = await this.findWithPassword(id);
    if (!account || account.localAuthorityId !== by.authorityId) throw new NotFoundError('account', id);
    if (!account.passwordHash) throw new AccountChangeRefusedError(`${account.email} signs in through single sign-on only: its password is kept by the identity provider.`);
    const temporaryPassword = randomBytes(15).toString('base64url');
    const after = await this.setPassword(by, id, temporaryPassword, TEMPORARY_PASSWORD_HOURS);
    return { temporaryPassword, expiresAt: after.temporaryPasswordUntil! };
  }

  /** For a password change: the account with its password hash. */
  findWithPassword(id: string): Promise<UserAccount | null> {
    return this.accounts.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  /** Design section 4: on a database with no accounts, ADMIN_EMAIL / ADMIN_PASSWORD create the first administrator. */
  async ensureFirstAdministrator(authorityId: string, email: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO user_account (local_authority_id, email, password_hash, roles)
         SELECT $1, $2, $3, ARRAY['admin']::text[] WHERE NOT EXISTS (SELECT 1 FROM user_account)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [authorityId, normaliseEmail(email), passwordHash],
      );
      if (inserted.length === 0) return false;
      const created = await this.getIn(tx, authorityId, inserted[0].id);
      const by = { authorityId, actor: 'ADMIN_EMAIL at start-up' };
      await this.audit.record(tx, by, 'account_created', created.id, changedFields({}, { ...auditedFields(created), passwordSet: true }));
      return true;
    });
  }
}
