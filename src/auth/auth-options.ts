import type { AuthConfig } from '../config/auth-config.js';

/** The auth part of the validated configuration, provided to this module's services. */
export abstract class AuthOptions implements AuthConfig {
  tokenSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlHours: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
  firstAdmin?: AuthConfig['firstAdmin'];
  loginRateLimitPerMinute: number;
  apiRateLimitPerMinute: number;
  corsOrigins: string[];
  retentionYears: number;
  oidc?: AuthConfig['oidc'];
}
