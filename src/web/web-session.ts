import { hkdfSync } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import connectPgSimple from 'connect-pg-simple';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import type { SigningKeyService } from '../auth/signing-key.service.js';
import { applicationPool } from '../database/application-pool.js';
import type { AppConfig } from '../config/app-config.js';

export const SESSION_COOKIE = 'ehc_session';
const SWEEP_SECONDS = 15 * 60;

/**
 * Page sessions, kept in PostgreSQL (`web_session`, created by a migration) so every API process
 * shares them. The cookie is HttpOnly, SameSite=Lax (a link from an alert email still arrives
 * signed in; forms carry a CSRF token besides) and Secure whenever the request came over TLS,
 * as Express judges it with TRUST_PROXY. A session ends after SESSION_IDLE_MINUTES without a
 * request, and at the latest AUTH_REFRESH_TOKEN_TTL_HOURS after sign-in, like the API's tokens.
 */
export class WebSession implements OnModuleDestroy {
  readonly middleware: RequestHandler;

  private constructor(
    private readonly store: connectPgSimple.PGStore,
    secret: string,
    config: AppConfig,
  ) {
    const handler = session({
      name: SESSION_COOKIE,
      secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: config.web.sessionIdleMinutes * 60_000 },
    });
    // One handler, not two: Nest mounts each on every page path, and every API request walks past
    // those Express layers (two a path, for the session alone) before it reaches its own route.
    this.middleware = inTurn(handler, endedAfter(config.auth.refreshTokenTtlHours * 3_600_000));
  }

  /**
   * The cookie signing key is derived from the token signing key (AUTH_TOKEN_SECRET, or the one
   * kept in the database), so every process agrees without another setting, and neither key
   * can be recovered from the other's use.
   */
  static async create(db: DataSource, keys: SigningKeyService, config: AppConfig): Promise<WebSession> {
    const secret = Buffer.from(hkdfSync('sha256', await keys.signingKey(), new Uint8Array(), 'ehc web session cookie', 32)).toString('base64');
    const PgStore = connectPgSimple(session);
    const store = new PgStore({ pool: applicationPool(db), tableName: 'web_session', createTableIfMissing: false, pruneSessionInterval: SWEEP_SECONDS });
    return new WebSession(store, secret, config);
  }

  onModuleDestroy(): void {
    this.store.close();
  }
}

/** `first`, then `second` unless `first` passed an error on. */
function inTurn(first: RequestHandler, second: RequestHandler): RequestHandler {
  return (request, response, next) => first(request, response, (error?: unknown) => (error ? next(error) : second(request, response, next)));
}

/** A session older than `maxAgeMs` since sign-in is replaced by an empty one, however busy it has been. */
function endedAfter(maxAgeMs: number): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const signedInAt = request.session?.signedInAt;
    if (signedInAt === undefined || Date.now() - signedInAt <= maxAgeMs) return next();
    request.session.regenerate((error) => next(error));
  };
}

/** A new session id for the signed-in account: a session id known before sign-in is worthless after it. */
export async function startSession(request: Request, userId: string): Promise<void> {
  await new Promise<void>((resolve, reject) => request.session.regenerate((error) => (error ? reject(error) : resolve())));
  request.session.userId = userId;
  request.session.signedInAt = Date.now();
  await saveSession(request);
}

/** Writes the session now, for a redirect whose next request must find what was just put in it. */
export function saveSession(request: Request): Promise<void> {
  return new Promise<void>((resolve, reject) => request.session.save((error) => (error ? reject(error) : resolve())));
}

/** Deletes the session row and the cookie. */
export async function endSession(request: Request, response: Response): Promise<void> {
  await new Promise<void>((resolve, reject) => request.session.destroy((error) => (error ? reject(error) : resolve())));
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax' });
}
