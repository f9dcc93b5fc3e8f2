import { Injectable, Logger } from '@nestjs/common';
import type { UserAccount } from '../users/user-account.entity.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokensService } from './access-tokens.service.js';
import { AuthOptions } from './auth-options.js';
import { AccountLockedError, UnauthenticatedError } from './auth.errors.js';
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

/** Sign-in, refresh and sign-out. Every refusal says the same thing whether or not the email exists. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly accessTokens: AccessTokensService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly options: AuthOptions,
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
   * so both count failures towards the same lockout.
   */
  async checkPassword(email: string, password: string): Promise<UserAccount> {
    const account = await this.users.findForSignIn(email);
    const matches = await verifyPassword(password, account?.passwordHash ?? DECOY_HASH);
    if (!account || !account.passwordHash || account.disabled) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    if (account.lockedUntil && account.lockedUntil > new Date()) throw new AccountLockedError(account.lockedUntil);
    if (!matches) {
      await this.users.recordFailedSignIn(account.id, this.options.maxFailedAttempts, this.options.lockoutMinutes);
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await this.users.recordSuccessfulSignIn(account.id);
    return account;
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
      accessToken: await this.accessTokens.issue(account.id),
      refreshToken: await this.refreshTokens.issue(account.id, account.localAuthorityId),
      tokenType: 'Bearer',
      expiresIn: this.options.accessTokenTtlSeconds,
    };
  }
}
