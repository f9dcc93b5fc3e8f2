import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AuthOptions } from './auth-options.js';
import { UnauthenticatedError } from './auth.errors.js';
import { SigningKeyService } from './signing-key.service.js';

export const TOKEN_ISSUER = 'ehc-workflow-engine';
export const TOKEN_AUDIENCE = 'ehc-api';

/**
 * Short-lived bearer tokens (HS256 JWT) naming only the account. Roles and authority are
 * re-read from the database on every request, so a disabled account or a removed role takes
 * effect at once. Lifetimes are wall-clock time, not the injected statutory Clock, which
 * tests and simulations move by days.
 */
@Injectable()
export class AccessTokensService {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly options: AuthOptions,
  ) {}

  async issue(userId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.options.accessTokenTtlSeconds}s`)
      .sign(await this.keys.signingKey());
  }

  /** The account id the token was issued to; 401 for an expired, tampered or foreign token. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, await this.keys.signingKey(), {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp'],
      });
      return payload.sub!;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired: get a new one from POST /api/auth/refresh.');
      throw new UnauthenticatedError('The access token is not valid: sign in again.');
    }
  }
}
