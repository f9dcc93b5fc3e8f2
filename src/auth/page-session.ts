import type { Request } from 'express';
import 'express-session';
import { UnauthenticatedError } from './auth.errors.js';

declare module 'express-session' {
  /** What a page session holds besides its CSRF token (src/web/web-session.ts starts and ends it). */
  interface SessionData {
    userId: string;
    /** Epoch milliseconds: a session ends this long after sign-in however busy it is. */
    signedInAt: number;
  }
}

/** The account a page session is signed in as; pages never look at the Authorization header. */
export function sessionUserId(request: Request): string {
  const userId = request.session?.userId;
  if (!userId) throw new UnauthenticatedError('Sign in to see this page.');
  return userId;
}
