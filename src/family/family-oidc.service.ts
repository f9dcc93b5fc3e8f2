import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as oidc from 'openid-client';
import type { DataSource } from 'typeorm';
import type { PageOidcAttempt } from '../auth/oidc.service.js';
import { NotFoundError } from '../common/domain-error.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { FamilyOidcClient } from './family-oidc-client.js';

/** How long a person has between being sent to the provider and coming back. */
const ATTEMPT_MINUTES = 10;

/** Why a sign-in through the provider did not complete: each has its own page saying what to do. */
export type FamilyOidcRefusal = 'attempt_unknown' | 'denied' | 'not_verified' | 'failed' | 'unreachable';

export type FamilyOidcStart = { url: string; attempt: PageOidcAttempt } | { refused: 'unreachable' };

/** `noAccess`: the provider vouched for the email, but no active family contact has it. */
export type FamilyOidcOutcome = { signedIn: string } | { noAccess: string } | { refused: FamilyOidcRefusal };

class Refused extends Error {
  constructor(readonly reason: FamilyOidcRefusal, detail: string) {
    super(detail);
  }
}

/** The provider's `access_denied` is the person cancelling (or refusing consent); anything else it or the token exchange says is a failure to retry. */
function refusalOf(error: unknown): FamilyOidcRefusal {
  if (error instanceof Refused) return error.reason;
  return error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied' ? 'denied' : 'failed';
}

/**
 * The family's sign-in through an OpenID Connect provider such as GOV.UK One Login (authorization
 * code flow with PKCE, state and nonce; the attempt kept in the browser's own session, as the
 * staff pages keep theirs). The provider proves the person holds a verified email; this service
 * lets them in only if an active family contact has that email, as the emailed code does.
 */
@Injectable()
export class FamilyOidcService {
  private readonly logger = new Logger(FamilyOidcService.name);
  private readonly client?: FamilyOidcClient;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AppConfigToken) config: AppConfig,
  ) {
    this.client = config.familyOidc ? new FamilyOidcClient(config.familyOidc) : undefined;
  }

  /** What the sign-in page's button names, or undefined when no provider is configured. */
  get providerName(): string | undefined {
    return this.client?.settings.providerName;
  }

  /** The provider's sign-in page for a new attempt; the caller keeps the attempt in the session. */
  async start(): Promise<FamilyOidcStart> {
    const client = this.configured();
    const configuration = await client.discover().catch((error: unknown) => this.unreachable(error));
    if (!configuration) return { refused: 'unreachable' };
    const attempt = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), startedAt: Date.now() };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: client.settings.redirectUri,
      scope: 'openid email',
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      // GOV.UK One Login: the credential and identity levels asked for, as a JSON list.
      ...(client.settings.vtr ? { vtr: JSON.stringify(client.settings.vtr) } : {}),
    });
    return { url: url.href, attempt };
  }

  /** Completes the attempt `held` by this browser's session (the caller has removed it from there). Stores nothing. */
  async complete(query: string, held: PageOidcAttempt | undefined): Promise<FamilyOidcOutcome> {
    const client = this.configured();
    const callbackUrl = new URL(client.settings.redirectUri);
    callbackUrl.search = query;
    const fresh = held !== undefined && Date.now() - held.startedAt <= ATTEMPT_MINUTES * 60_000;
    if (!fresh || held.state !== callbackUrl.searchParams.get('state')) return { refused: 'attempt_unknown' };
    const configuration = await client.discover().catch((error: unknown) => this.unreachable(error));
    if (!configuration) return { refused: 'unreachable' };
    try {
      const email = await this.verifiedEmail(configuration, callbackUrl, held);
      const access = await this.hasAccess(email);
      this.logger.log(access ? `A family member signed in through ${client.settings.providerName}` : `A sign-in through ${client.settings.providerName} found no family contact with the email`);
      return access ? { signedIn: email } : { noAccess: email };
    } catch (error) {
      const reason = refusalOf(error);
      this.logger.warn(`A family sign-in through ${client.settings.providerName} was refused (${reason}): ${(error as Error).message}`);
      return { refused: reason };
    }
  }

  /** Exchanges the code (checking state, nonce and PKCE) and answers the email the provider vouches for. */
  private async verifiedEmail(configuration: oidc.Configuration, callbackUrl: URL, attempt: PageOidcAttempt): Promise<string> {
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    const vtr = this.configured().settings.vtr;
    // One Login: the vector of trust achieved is the ID token's `vot`, which must be one asked for.
    if (vtr && !vtr.includes(String(idToken.vot))) throw new Refused('failed', `the ID token's vot ${String(idToken.vot)} is not one of ${vtr.join(', ')}`);
    // GOV.UK One Login, like providers that follow the spec strictly, gives the email only from userinfo.
    const claims = typeof idToken.email === 'string' ? idToken : await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    if (typeof claims.email !== 'string') throw new Refused('failed', 'the provider gave no email');
    if (claims.email_verified !== true) throw new Refused('not_verified', 'the provider has not verified the email');
    return claims.email.trim().toLowerCase();
  }

  /** As the emailed code asks: an active (not revoked) family contact with this email, in any authority. */
  private async hasAccess(email: string): Promise<boolean> {
    const [contact] = await this.db.query(`SELECT 1 FROM family_contact WHERE email = $1 AND revoked_at IS NULL LIMIT 1`, [email]);
    return contact !== undefined;
  }

  private unreachable(error: unknown): undefined {
    this.logger.warn(`The family sign-in provider ${this.client?.settings.issuer} did not answer: ${(error as Error).message}`);
    return undefined;
  }

  /** Without a provider configured the routes do not exist. */
  private configured(): FamilyOidcClient {
    if (!this.client) throw new NotFoundError('page', 'family sign-in through a provider');
    return this.client;
  }
}
