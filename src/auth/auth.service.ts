import { Injectable, Logger } from '@nestjs/common';
import { AccountNotices } from '../users/account-notices.service.js';
import type { UserAccount } from '../users/user-account.entity.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokensService } from './access-tokens.service.js';
import { AuthOptions } from './auth-options.js';
import { PasswordChangeRefusedError, UnauthenticatedError } from './auth.errors.js';
import { DECOY_HASH, verifyPassword } from './password-hash.js';
import { RefreshTokensService } from './refresh-tokens.service.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
}

const WRONG_CREDENTIALS = 'The email or password is wrong.';
const WRONG_CURRENT_PASSWORD = 'The current password is wrong.';

/** Sign-in, refresh and sign-out. Every refusal says the same thing whether or not the email exists. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly accessTokens: AccessTokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly options: AuthOptions,
    private readonly notices: AccountNotices,
  ) {}

  /** Design section 4: ADMIN_EMAIL / ADMIN_PASSWORD create the first administrator on a database with no accounts. Called by the API at start, not by workers. */
  async createFirstAdministrator(authorityId: string): Promise<void> {
    const admin = this.options.firstAdmin;
    if (!admin) return;
    const created = await this.users.ensureFirstAdministrator(authorityId, admin.email, admin.password);
    if (created) this.logger.log(`Created the first administrator, ${admin.email}`);
  }

  async login(email: string, password: string): Promise<TokenPair> {
    return this.tokensFor(await this.checkPassword(email, password));
  }

  /**
   * The account these credentials belong to, for the API's tokens and the pages' session alike,
   * so both count failures towards the same lockout. A locked account is answered exactly as a
   * wrong password, so the answer never says which emails have accounts; its holder is told by email.
   */
  async checkPassword(email: string, password: string): Promise<UserAccount> {
    const account = await this.users.findForSignIn(email);
    const matches = await verifyPassword(password, account?.passwordHash ?? DECOY_HASH);
    if (!account || !account.passwordHash || account.disabled || isLocked(account)) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    if (!matches) {
      await this.countFailure(account);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    // Only someone who knows the temporary password learns that it has expired.
    if (account.temporaryPasswordUntil && account.temporaryPasswordUntil <= new Date()) {
      throw new UnauthenticatedError('This temporary password has expired: ask an administrator to reset your password again.');
    }
    await this.users.recordSuccessfulSignIn(account.id);
    return account;
  }

  /**
   * The signed-in person's own change: the current password again (failures count towards the
   * lockout, so a stolen token cannot guess it), then every session and refresh token of the
   * account is revoked (the caller then gets a new token pair or page session alone).
   */
  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<UserAccount> {
    const account = await this.users.findWithPassword(userId);
    if (!account?.passwordHash) throw new PasswordChangeRefusedError('This account signs in through single sign-on only: change your password with your identity provider.');
    const matches = await verifyPassword(currentPassword, account.passwordHash);
    if (isLocked(account)) throw new PasswordChangeRefusedError(WRONG_CURRENT_PASSWORD);
    if (!matches) {
      await this.countFailure(account);
      throw new PasswordChangeRefusedError(WRONG_CURRENT_PASSWORD);
    }
    if (currentPassword === newPassword) throw new PasswordChangeRefusedError('Choose a new password different from the current one.');
    const by = { authorityId: account.localAuthorityId, actor: account.email, user: { id: account.id, roles: account.roles } };
    return this.users.setPassword(by, account.id, newPassword, null);
  }

  private async countFailure(account: UserAccount): Promise<void> {
    const lockedUntil = await this.users.recordFailedSignIn(account.id, this.options.maxFailedAttempts, this.options.lockoutMinutes);
    if (lockedUntil) await this.notices.accountLocked(account, lockedUntil);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const userId = await this.refreshTokens.spend(refreshToken);
    const account = await this.users.findActive(userId);
    if (!account) throw new UnauthenticatedError('The account is disabled or no longer exists.');
    return this.tokensFor(account);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revoke(refreshToken);
  }

  async tokensFor(account: UserAccount): Promise<TokenPair> {
    return {
      accessToken: await this.accessTokens.issue(account.id, account.passwordChangedAt),
      refreshToken: await this.refreshTokens.issue(account.id, account.localAuthorityId),
      tokenType: 'Bearer',
      expiresIn: this.options.accessTokenTtlSeconds,
    };
  }
}

const isLocked = (account: UserAccount): boolean => account.lockedUntil !== null && account.lockedUntil > new Date();
