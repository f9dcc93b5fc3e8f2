import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AuthOptions } from './auth-options.js';
import { UnauthenticatedError } from './auth.errors.js';
import { SigningKeyService } from './signing-key.service.js';

export const TOKEN_ISSUER = 'ehc-workflow-engine';
export const TOKEN_AUDIENCE = 'ehc-api';
/** The account's password_changed_at when the token was issued (epoch ms); exact, where `iat` has whole seconds. */
const PASSWORD_CLAIM = 'pwc';

/** Tokens already verified, up to this many: a client sends the same token for its 15 minutes. */
const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedToken {
  userId: string;
  passwordChangedAt: number;
  expiresAtMs: number;
}

/**
 * Short-lived bearer tokens (HS256 JWT) naming only the account. Roles and authority come
 * from the account on every request (src/users/account-cache.ts), so a disabled account or a
 * removed role takes effect at once. Lifetimes are wall-clock time, not the injected statutory Clock, which
 * tests and simulations move by days.
 */
@Injectable()
export class AccessTokensService {
  /**
   * A token's signature and claims cannot change, so it is checked once and then only for expiry:
   * the check costs more than the rest of the guard. Whether the account may still use it (disabled,
   * roles, password changed since) is decided on every request from the account, not from here.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly keys: SigningKeyService,
    private readonly options: AuthOptions,
  ) {}

  /** `passwordChangedAt`: the account's, so that a later password change ends this token (the guard compares them). */
  async issue(userId: string, passwordChangedAt: Date | null = null): Promise<string> {
    return new SignJWT({ [PASSWORD_CLAIM]: passwordChangedAt?.getTime() ?? 0 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.options.accessTokenTtlSeconds}s`)
      .sign(await this.keys.signingKey());
  }

  /** The account the token was issued to, and the password change it was issued after (epoch ms, 0: none); 401 for an expired, tampered or foreign token. */
  async verify(token: string): Promise<{ userId: string; passwordChangedAt: number }> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return { userId: known.userId, passwordChangedAt: known.passwordChangedAt };
    this.verified.delete(token);
    const checked = await this.check(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, checked);
    return { userId: checked.userId, passwordChangedAt: checked.passwordChangedAt };
  }

  private async check(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, await this.keys.signingKey(), {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      });
      // Absent from tokens issued before the claim existed: those stand for "no change yet", so any change still ends them.
      return { userId: payload.sub!, passwordChangedAt: Number(payload[PASSWORD_CLAIM] ?? 0), expiresAtMs: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired: get a new one from POST /api/auth/refresh.');
      throw new UnauthenticatedError('The access token is not valid: sign in again.');
    }
  }
}
