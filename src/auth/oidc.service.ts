import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import type { DataSource } from 'typeorm';
import { UsersService } from '../users/users.service.js';
import { AuthOptions } from './auth-options.js';
import { IdentityProviderUnreachableError, SingleSignOnUnavailableError, UnauthenticatedError } from './auth.errors.js';
import { AuthService, type TokenPair } from './auth.service.js';
import { OidcClient } from './oidc-client.js';

/** How long a person has between being sent to the provider and coming back. */
const ATTEMPT_MINUTES = 10;

/**
 * Single sign-on with the council's OpenID Connect provider (authorization code flow with
 * PKCE, state and nonce). The provider proves who the person is; this service decides what
 * they may do: only an account an administrator has already created for that email signs in.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly client?: OidcClient;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    options: AuthOptions,
  ) {
    this.client = options.oidc ? new OidcClient(options.oidc) : undefined;
  }

  /** The provider's sign-in page for a new attempt, remembered by its state. */
  async authorizationUrl(): Promise<string> {
    const client = this.configured();
    const configuration = await this.discover(client);
    const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    await this.db.query(`DELETE FROM oidc_login_attempt WHERE created_at < now() - make_interval(mins => $1)`, [ATTEMPT_MINUTES]);
    await this.db.query(`INSERT INTO oidc_login_attempt (state, nonce, code_verifier) VALUES ($1, $2, $3)`, [attempt.state, attempt.nonce, attempt.codeVerifier]);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: client.settings.redirectUri,
      scope: 'openid email',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    }).href;
  }

  /** Completes an attempt (once): exchanges the code, checks state, nonce and PKCE, and signs in the account with that email. */
  async complete(query: string): Promise<TokenPair> {
    const client = this.configured();
    const configuration = await this.discover(client);
    const callbackUrl = new URL(client.settings.redirectUri);
    callbackUrl.search = query;
    const attempt = await this.takeAttempt(callbackUrl.searchParams.get('state'));
    const email = await this.verifiedEmail(configuration, callbackUrl, attempt);
    const account = await this.users.findForSignIn(email);
    if (!account || account.disabled) throw new UnauthenticatedError(`No active account exists for ${email}: ask an administrator to create one.`);
    return this.auth.tokensFor(account);
  }

  private async verifiedEmail(configuration: oidc.Configuration, callbackUrl: URL, attempt: { nonce: string; code_verifier: string; state: string }): Promise<string> {
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      // Providers that follow the spec strictly put scope claims only in userinfo when an access token is issued.
      const claims = typeof idToken.email === 'string' ? idToken : await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      if (typeof claims.email !== 'string' || claims.email_verified === false) throw new Error('the provider vouches for no verified email');
      return claims.email;
    } catch (error) {
      this.logger.warn(`Single sign-on refused: ${error instanceof Error ? error.message : String(error)}`);
      throw new UnauthenticatedError('Single sign-on did not complete: start again from GET /api/auth/oidc/login.');
    }
  }

  private async takeAttempt(state: string | null): Promise<{ state: string; nonce: string; code_verifier: string }> {
    const [attempt] = state
      ? await this.db.query(
          `WITH taken AS (DELETE FROM oidc_login_attempt WHERE state = $1 RETURNING state, nonce, code_verifier, created_at)
           SELECT state, nonce, code_verifier FROM taken WHERE created_at > now() - make_interval(mins => $2)`,
          [state, ATTEMPT_MINUTES],
        )
      : [];
    if (!attempt) throw new UnauthenticatedError('This sign-in attempt is unknown, used or expired: start again from GET /api/auth/oidc/login.');
    return attempt;
  }

  private configured(): OidcClient {
    if (!this.client) throw new SingleSignOnUnavailableError();
    return this.client;
  }

  private async discover(client: OidcClient): Promise<oidc.Configuration> {
    try {
      return await client.discover();
    } catch {
      throw new IdentityProviderUnreachableError(client.settings.issuer);
    }
  }
}
