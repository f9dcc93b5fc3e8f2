import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccountAuditService, type AuditActor, changedFields } from '../audit/account-audit.service.js';
import { NotFoundError } from '../common/domain-error.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Role } from '../auth/permissions.js';
import { type AccountChanges, auditedFields, checkAccountChange, lockAuthorityAccounts } from './account-changes.js';
import { UserAccount } from './user-account.entity.js';
import { AccountEmailTakenError } from './users.errors.js';

export interface NewAccount {
  email: string;
  /** Absent: the account signs in through single sign-on only. */
  password?: string;
  roles: Role[];
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const UNIQUE_VIOLATION = '23505';

/** Accounts: every query but sign-in itself (which has only an email) is scoped to an authority. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AccountAuditService,
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

  async create(by: AuditActor, account: NewAccount): Promise<UserAccount> {
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
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION) throw new AccountEmailTakenError(email);
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
      if (changes.disabled) await tx.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      const saved = await this.getIn(tx, by.authorityId, id);
      await this.audit.record(tx, by, 'account_changed', id, changedFields(auditedFields(before), auditedFields(saved)));
      return saved;
    });
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
