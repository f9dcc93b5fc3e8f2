import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import type { DataSource } from 'typeorm';
import type { UserAccount } from '../users/user-account.entity.js';
import { UsersService } from '../users/users.service.js';
import { AuthOptions } from './auth-options.js';
import { IdentityProviderUnreachableError, SingleSignOnUnavailableError, UnauthenticatedError } from './auth.errors.js';
import { AuthService, type TokenPair } from './auth.service.js';
import { OidcClient } from './oidc-client.js';

/** How long a person has between being sent to the provider and coming back. */
const ATTEMPT_MINUTES = 10;

/** What the callback is held to: the values sent to the provider when the attempt started. */
export interface OidcAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** A page attempt, kept in the browser's own session rather than in the database. */
export interface PageOidcAttempt extends OidcAttempt {
  /** Epoch milliseconds. */
  startedAt: number;
}

/** The API's and the pages' ways in differ only in their callback and in where the attempt is kept. */
interface Flow {
  redirectUri: string;
  /** Where a person whose attempt failed starts again. */
  restart: string;
}

/**
 * Single sign-on with the council's OpenID Connect provider (authorization code flow with
 * PKCE, state and nonce). The provider proves who the person is; this service decides what
 * they may do: only an account an administrator has already created for that email signs in.
 * The API keeps attempts in `oidc_login_attempt`, so any process can complete them; the pages
 * keep them in the browser's session, so only the browser that started one can complete it.
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

  /** How the sign-in page names the provider, or undefined when single sign-on is not configured. */
  get providerName(): string | undefined {
    return this.client?.settings.providerName;
  }

  /** The provider's sign-in page for a new API attempt, remembered by its state. */
  async authorizationUrl(): Promise<string> {
    const { url, attempt } = await this.begin(this.apiFlow());
    await this.db.query(`DELETE FROM oidc_login_attempt WHERE created_at < now() - make_interval(mins => $1)`, [ATTEMPT_MINUTES]);
    await this.db.query(`INSERT INTO oidc_login_attempt (state, nonce, code_verifier) VALUES ($1, $2, $3)`, [attempt.state, attempt.nonce, attempt.codeVerifier]);
    return url;
  }

  /** Completes an API attempt (once) and answers the account's token pair. */
  async complete(query: string): Promise<TokenPair> {
    const account = await this.signedInAccount(this.apiFlow(), query, (state) => this.takeStoredAttempt(state));
    return this.auth.tokensFor(account);
  }

  /** The provider's sign-in page for a new page attempt; the caller keeps the attempt in the session. */
  async startPageAttempt(): Promise<{ url: string; attempt: PageOidcAttempt }> {
    const { url, attempt } = await this.begin(this.pageFlow());
    return { url, attempt: { ...attempt, startedAt: Date.now() } };
  }

  /** Completes the attempt `held` by this browser's session; the caller has already removed it from there. */
  completePageAttempt(query: string, held: PageOidcAttempt | undefined): Promise<UserAccount> {
    const flow = this.pageFlow();
    return this.signedInAccount(flow, query, async (state) => {
      const fresh = held !== undefined && Date.now() - held.startedAt <= ATTEMPT_MINUTES * 60_000;
      if (!fresh || state === null || held.state !== state) throw unknownAttempt(flow);
      return held;
    });
  }

  private async begin(flow: Flow): Promise<{ url: string; attempt: OidcAttempt }> {
    const configuration = await this.discover();
    const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: flow.redirectUri,
      scope: 'openid email',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, attempt };
  }

  /** Exchanges the code, checks state, nonce and PKCE against the attempt, and finds the active account with that email. */
  private async signedInAccount(flow: Flow, query: string, takeAttempt: (state: string | null) => Promise<OidcAttempt>): Promise<UserAccount> {
    const configuration = await this.discover();
    const callbackUrl = new URL(flow.redirectUri);
    callbackUrl.search = query;
    const attempt = await takeAttempt(callbackUrl.searchParams.get('state'));
    const email = await this.verifiedEmail(flow, configuration, callbackUrl, attempt);
    const account = await this.users.findForSignIn(email);
    if (!account || account.disabled) throw new UnauthenticatedError(`No active account exists for ${email}: ask an administrator to create one.`);
    return account;
  }

  private async verifiedEmail(flow: Flow, configuration: oidc.Configuration, callbackUrl: URL, attempt: OidcAttempt): Promise<string> {
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
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
      throw new UnauthenticatedError(`Single sign-on did not complete: ${flow.restart}.`);
    }
  }

  private async takeStoredAttempt(state: string | null): Promise<OidcAttempt> {
    const [attempt] = state
      ? await this.db.query(
          `WITH taken AS (DELETE FROM oidc_login_attempt WHERE state = $1 RETURNING state, nonce, code_verifier AS "codeVerifier", created_at)
           SELECT state, nonce, "codeVerifier" FROM taken WHERE created_at > now() - make_interval(mins => $2)`,
          [state, ATTEMPT_MINUTES],
        )
      : [];
    if (!attempt) throw unknownAttempt(this.apiFlow());
    return attempt;
  }

  private apiFlow(): Flow {
    return { redirectUri: this.configured().settings.redirectUri, restart: 'start again from GET /api/auth/oidc/login' };
  }

  private pageFlow(): Flow {
    return { redirectUri: this.configured().settings.pageRedirectUri, restart: 'start again from the sign-in page' };
  }

  private configured(): OidcClient {
    if (!this.client) throw new SingleSignOnUnavailableError();
    return this.client;
  }

  private async discover(): Promise<oidc.Configuration> {
    const client = this.configured();
    try {
      return await client.discover();
    } catch {
      throw new IdentityProviderUnreachableError(client.settings.issuer);
    }
  }
}

const unknownAttempt = (flow: Flow) => new UnauthenticatedError(`This sign-in attempt is unknown, used or expired: ${flow.restart}.`);
